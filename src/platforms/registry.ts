// The platforms the bot can run on, one line each. The runtime builds and starts those the
// configuration names (LIANDONG_PLATFORM, or found by their credentials: src/config/env.ts)
// through this list; a new platform is a folder src/platforms/<name>/ whose index.ts
// exports its factory, and a line here.
import type { PlatformName } from '../config/env.js';
import { dingtalkPlatform } from './dingtalk/index.js';
import { larkPlatform } from './lark/index.js';
import type { PlatformFactory } from './platform.js';
import { sandboxPlatform } from './sandbox/index.js';
import { wechatPlatform } from './wechat/index.js';
import { wecomPlatform } from './wecom/index.js';

export const PLATFORMS = [sandboxPlatform, larkPlatform, wechatPlatform, wecomPlatform, dingtalkPlatform] as const;

type Listed = (typeof PLATFORMS)[number];

/** The names in the registry. */
export type ListedPlatform = Listed['name'];

/** What the runtime shows of each platform once started, by name. */
export type PlatformHandles = {
  [F in Listed as F['name']]: F extends PlatformFactory<string, infer H> ? H : never;
};

/** The factory of a configured platform (the configuration accepts only listed names). */
export function platformFactory(name: PlatformName): PlatformFactory {
  const factory = PLATFORMS.find((f) => f.name === name);
  if (!factory) throw new Error(`platform "${name}" is not in src/platforms/registry.ts`);
  return factory;
}
