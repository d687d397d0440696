// Starts the real bot (runtime, sandbox server on a free port, simulated clock) on a
// fresh SQLite copy, and talks to it through its JSON API, as a script would.

import { onTestFinished } from 'vitest';
import type { Incoming } from '../../src/chat/messages.js';
import { readConfig } from '../../src/config/env.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { freshDbUrl, freshPostgresUrl } from './db.js';

export interface Msg {
  id: string;
  cursor: number;
  senderId: string;
  fromBot: boolean;
  text: string;
  card?: {
    title: string;
    buttons: Array<{ label: string; command: string }>;
    form?: { name: string; context: Record<string, string>; fields: Array<{ key: string }> };
    closedNote?: string;
    body?: string;
    fields?: Array<{ label: string; value: string }>;
  };
  /** an update row: the card of that earlier message was replaced (a used card closed) */
  updates?: string;
  quoteId?: string;
  attachments?: Array<{ name: string; ref: string; error?: string }>;
  createdAt: string;
}

export interface TestBot {
  rt: Runtime;
  /** the SQLite file ('' on PostgreSQL) */
  file: string;
  url: string;
  base: string;
  say(
    chatId: string,
    senderId: string,
    text: string,
    extra?: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
  /** says something and returns what the bot answered in that chat, joined ('' for nothing) */
  answer(chatId: string, senderId: string, text: string, extra?: Record<string, unknown>): Promise<string>;
  messages(chatId: string, after?: number): Promise<Msg[]>;
  /** bot messages in a chat after the cursor (new messages, not card updates) */
  botSays(chatId: string, after?: number): Promise<Msg[]>;
  /** card updates in a chat after the cursor: which message's card became what */
  cardUpdates(chatId: string, after?: number): Promise<Msg[]>;
  lastCursor(chatId: string): Promise<number>;
  act(
    messageId: string,
    senderId: string,
    action: string,
    formValue?: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
  advance(body: { minutes?: number; days?: number; to?: string }): Promise<{ status: number; body: any }>;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  restart(env?: Record<string, string>): Promise<TestBot>;
  stop(): Promise<void>;
}

export async function startBot(
  opts: { start?: string; file?: string; url?: string; env?: Record<string, string>; log?: Logger } = {},
): Promise<TestBot> {
  const url = opts.url ?? (opts.file ? `file:${opts.file}` : await freshDbUrl());
  const file = url.startsWith('file:') ? url.slice(5) : '';
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: url,
    LIANDONG_PLATFORM: 'sandbox',
    LIANDONG_CLOCK: 'simulated',
    LIANDONG_CLOCK_START: opts.start ?? '2026-09-01T10:00:00+08:00',
    SANDBOX_PORT: '0',
    LIANDONG_HOLIDAYS_FILE: '/nonexistent/holidays.json',
    ...opts.env,
  };
  const rt = await startRuntime({ config: readConfig(env), log: opts.log ?? silentLogger, migrate: false });
  await rt.ready;
  // once: a test may stop a bot itself, and its clean-up stops it again
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= rt.stop());
  const base = `http://127.0.0.1:${rt.sandbox!.port}`;
  const request = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: json as any };
  };
  const bot: TestBot = {
    rt,
    file,
    url,
    base,
    request,
    say: (chatId, senderId, text, extra = {}) =>
      request('POST', `/api/chats/${encodeURIComponent(chatId)}/messages`, { senderId, text, ...extra }),
    answer: async (chatId, senderId, text, extra) => {
      const cur = await bot.lastCursor(chatId);
      const r = await bot.say(chatId, senderId, text, extra);
      if (r.status !== 202) throw new Error(`say answered ${r.status}: ${JSON.stringify(r.body)}`);
      return (await bot.botSays(chatId, cur)).map((m) => m.text).join('\n');
    },
    messages: async (chatId, after = 0) =>
      (await request('GET', `/api/chats/${encodeURIComponent(chatId)}/messages?after=${after}`)).body as Msg[],
    botSays: async (chatId, after = 0) =>
      ((await request('GET', `/api/chats/${encodeURIComponent(chatId)}/messages?after=${after}`)).body as Msg[]).filter(
        (m) => m.fromBot && !m.updates,
      ),
    cardUpdates: async (chatId, after = 0) =>
      ((await request('GET', `/api/chats/${encodeURIComponent(chatId)}/messages?after=${after}`)).body as Msg[]).filter(
        (m) => m.updates,
      ),
    lastCursor: async (chatId) =>
      ((await request('GET', `/api/chats/${encodeURIComponent(chatId)}/messages`)).body as Msg[]).at(-1)?.cursor ?? 0,
    act: (messageId, senderId, action, formValue) =>
      request('POST', `/api/messages/${messageId}/actions`, { senderId, action, formValue }),
    advance: (body) => request('POST', '/api/clock/advance', body),
    restart: async (extraEnv = {}) => {
      await stop();
      return startBot({ ...opts, url, env: { ...opts.env, ...extraEnv } });
    },
    stop,
  };
  return bot;
}

/**
 * Two bots on one fresh PostgreSQL database, as two processes behind a load balancer
 * would be; the first sets the simulated clock they share. Both stop when the test ends.
 */
export async function twoBots(opts: { start: string; env?: Record<string, string> }): Promise<[TestBot, TestBot]> {
  const url = await freshPostgresUrl();
  const a = await startBot({ url, env: opts.env, start: opts.start });
  onTestFinished(() => a.stop().catch(() => undefined));
  const b = await startBot({ url, env: opts.env });
  onTestFinished(() => b.stop().catch(() => undefined));
  return [a, b];
}

/** Asia/Shanghai wall time of an ISO instant: '2026-10-22 09:01' */
export function shanghai(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A sandbox message from the liaison in the joint group (/帮助 unless `over` says otherwise), for App.receive. */
export const incoming = (over: Partial<Incoming>): Incoming => ({
  platform: 'sandbox',
  eventId: 'ev-1',
  chatId: 'c-joint',
  isDirect: false,
  senderId: 'u-liaison',
  text: '/帮助',
  mentions: [],
  attachments: [],
  sentAt: new Date('2026-09-01T02:00:00Z'),
  ...over,
});
