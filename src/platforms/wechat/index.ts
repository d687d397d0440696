// WeChat as a platform, through wechaty and the puppet the deployer installs
// (WECHATY_PUPPET), or the puppet instance a test hands over. wechaty adds tens of MiB:
// it is imported inside create, only when WeChat is configured.
import { definePlatform, type Inbound } from '../platform.js';

export const wechatPlatform = definePlatform({
  name: 'wechat',
  configured: (config, deps) => config.wechat.configured || Boolean(deps.wechatPuppet),
  async create(config, { db, clock, log, prompts, sleep, wechatPuppet }) {
    const { WechatyBuilder } = await import('wechaty');
    const bot = wechatPuppet
      ? WechatyBuilder.build({ puppet: wechatPuppet as never })
      : WechatyBuilder.build({
          name: 'liandong',
          puppet: config.wechat.puppet as never,
          puppetOptions: config.wechat.token ? { token: config.wechat.token } : undefined,
        });
    const { WechatAdapter } = await import('./adapter.js');
    // the core's door arrives at start; no message comes before the bot is started
    let inbound: Inbound | undefined;
    const adapter = new WechatAdapter({
      bot,
      db,
      clock,
      log,
      prompts,
      pacing: {
        sameChatMs: config.wechat.sameChatMs,
        switchMinMs: config.wechat.switchMinMs,
        switchMaxMs: config.wechat.switchMaxMs,
        perMinute: config.wechat.perMinute,
        dailyWarn: config.wechat.dailyWarn,
      },
      filesDir: config.filesDir,
      fileMaxBytes: config.fileMaxBytes,
      sleep,
      receive: (incoming) => inbound!.receive(incoming),
      flush: () => inbound!.flush(),
    });
    return {
      adapter,
      async start(door: Inbound) {
        inbound = door;
        await adapter.start();
      },
      stop: () => adapter.stop(),
      expose: () => adapter,
    };
  },
});
