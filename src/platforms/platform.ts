// The one shape every platform has (sandbox, lark, wechat, …): a factory that the runtime
// finds in the registry (./registry.ts) by the name in LIANDONG_PLATFORM, which builds the
// platform's adapter from the configuration, and a started platform that hands what
// arrives to the core through `Inbound`. Nothing here knows a platform by name.
import type { Logger } from 'pino';
import type { Prompts } from '../bot/core/prompts.js';
import type { PlatformAdapter } from '../chat/adapter.js';
import type { Card, Incoming } from '../chat/messages.js';
import type { Config } from '../config/env.js';
import type { Clock } from '../schedule/clock.js';
import type { Db } from '../store/db.js';

/** What the runtime lends a platform when it is built. */
export interface PlatformDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** the bot's words (a platform's own sentences: Feishu's "required field", WeChat's menus) */
  prompts: Prompts;
  /** waits for a rate limit or pacing: real time passes, or the simulated clock moves on */
  sleep(ms: number): Promise<void>;
  /** serve the sandbox page and API (default true) */
  listen?: boolean;
  /** a wechaty puppet instance to use instead of WECHATY_PUPPET (tests: wechaty-puppet-mock) */
  wechatPuppet?: unknown;
}

/** The core's door, given to a platform when it starts: what it calls when something arrives. */
export interface Inbound {
  /** hands an incoming message (or card action) to the core; the answer a card callback shows */
  /** `unavailable`: the database could not be used, nothing was taken (the platform asks for the message again) */
  receive(incoming: Incoming): Promise<{ ok: boolean; card?: Card; unavailable?: boolean }>;
  /** the bot speaks first in a chat (a welcome once it is added), once per event id */
  announce(platform: string, chatId: string, key: string, eventId: string): Promise<void>;
  /** sends what waits in the outbox now (after a login) */
  flush(): Promise<unknown>;
  /** simulated clock only: move forward, firing what falls due */
  advance?(ms: number): Promise<void>;
}

/** A built platform. `H` is what the runtime shows of it to tests and the CLI. */
export interface Platform<H = undefined> {
  /** how the outbox sends to it; handed to the App before anything starts */
  readonly adapter: PlatformAdapter;
  /** listens, connects or logs in; resolves once it takes messages */
  start(inbound: Inbound): Promise<void>;
  /** after the core's own start-up catch-up: work through events stored but not processed */
  catchUp?(): Promise<void>;
  /** stops taking messages; what was accepted is finished first */
  stop(): Promise<void>;
  /** an exclusive platform: gives its connection up for another process; `start` takes it up again */
  pause?(): Promise<void>;
  /** after start: what the runtime exposes (the sandbox's port and adapter, the Feishu receiver …) */
  expose?(): H;
}

export interface PlatformFactory<N extends string = string, H = unknown> {
  /** as written in LIANDONG_PLATFORM, and the folder src/platforms/<name>/ */
  readonly name: N;
  /**
   * one connection per bot account (WeCom's long connection): with several processes on
   * PostgreSQL, only the process elected as the platform's sender holds it (./exclusive.ts)
   */
  readonly exclusive?: boolean;
  /** false: not set up here (no credentials); the runtime says so and its outbox rows wait */
  configured(config: Config, deps: PlatformDeps): boolean;
  /** builds the adapter; a platform with a heavy SDK imports it here, only when it is used */
  create(config: Config, deps: PlatformDeps): Promise<Platform<H>>;
}

/** Declares a factory, keeping its name's literal type (the registry's names are typed). */
export function definePlatform<N extends string, H = undefined>(factory: PlatformFactory<N, H>): PlatformFactory<N, H> {
  return factory;
}
