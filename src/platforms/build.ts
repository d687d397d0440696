// The runtime's platforms: those the configuration names, built through the registry
// (./registry.ts), an exclusive one held by its elected sender (./exclusive.ts), and started
// in order.
import type { Config } from '../config/env.js';
import type { sendersOf } from '../outbox/senders.js';
import { heldBySender } from './exclusive.js';
import type { Inbound, Platform, PlatformDeps } from './platform.js';
import { platformFactory } from './registry.js';

export type Built = { name: string; platform: Platform<unknown> };
type Senders = ReturnType<typeof sendersOf>;

/**
 * The configured platforms, built through the registry; with none available, the sandbox.
 * Several processes: an exclusive platform's connection is held by its elected sender only.
 */
export async function buildPlatforms(config: Config, deps: PlatformDeps, senders: Senders): Promise<Built[]> {
  const built: Built[] = [];
  for (const name of config.platforms) {
    const factory = platformFactory(name);
    if (!factory.configured(config, deps)) {
      deps.log.warn({ platform: name }, 'this platform is not configured; its outbox rows wait');
      continue;
    }
    const platform = await factory.create(config, deps);
    const leader = factory.exclusive ? senders.leadership?.(name) : undefined;
    built.push({ name, platform: leader ? heldBySender(name, platform, leader, deps.log) : platform });
  }
  if (built.length === 0) {
    deps.log.warn('no available platform configured; running the local sandbox');
    built.push({ name: 'sandbox', platform: await platformFactory('sandbox').create(config, deps) });
  }
  return built;
}

/** Starts them in order; when one fails, those already started are stopped again. */
export async function startPlatforms(built: Built[], inbound: Inbound): Promise<void> {
  const started: Built[] = [];
  try {
    for (const b of built) {
      await b.platform.start(inbound);
      started.push(b);
    }
  } catch (err) {
    for (const b of started) await b.platform.stop().catch(() => undefined);
    throw err;
  }
}
