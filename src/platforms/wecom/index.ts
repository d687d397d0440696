// WeCom (企业微信, and the government editions built on it: 政务微信, 粤政易 …) as a platform,
// through the official intelligent-robot SDK's long connection (no public address needed;
// WECOM_WS_URL for a private deployment). The SDK is imported inside create, only when
// WeCom is configured — this file imports nothing of it but types.
import type { Logger } from 'pino';
import { definePlatform, type Inbound } from '../platform.js';
import type { WecomReceiver } from './receiver.js';

/** The SDK's log lines, without what they may carry (message bodies, file URLs): short strings only, no objects. */
export function sdkLogger(log: Logger) {
  const line = (message: string) =>
    String(message)
      .replace(/(secret|aeskey|url)\S*/gi, '$1=[已隐去]')
      .slice(0, 200);
  return {
    // the SDK's debug lines carry whole frames (message text): never passed on
    debug: () => undefined,
    info: (message: string) => log.debug({ sdk: 'wecom' }, line(message)),
    warn: (message: string) => log.warn({ sdk: 'wecom' }, line(message)),
    error: (message: string) => log.error({ sdk: 'wecom' }, line(message)),
  };
}

export const wecomPlatform = definePlatform({
  name: 'wecom',
  // one long connection per robot: a new one makes WeCom close the old (disconnected_event)
  exclusive: true,
  configured: (config) => config.wecom.configured,
  async create(config, { db, clock, log, prompts }) {
    const { WSClient } = await import('@wecom/aibot-node-sdk');
    const { WecomAdapter } = await import('./adapter.js');
    const client = new WSClient({
      botId: config.wecom.botId!,
      secret: config.wecom.secret!,
      wsUrl: config.wecom.wsUrl,
      reconnectInterval: config.wecom.reconnectMs,
      maxReconnectAttempts: -1, // a county's bot keeps trying: the SDK waits up to 30 s between attempts
      logger: sdkLogger(log),
    });
    const adapter = new WecomAdapter(client, config.wecom, clock, {
      source: prompts.render('wecom.card_source'),
      atHint: prompts.render('wecom.at_hint'),
    });
    let receiver: WecomReceiver | undefined;
    return {
      adapter,
      async start(inbound: Inbound) {
        const { WecomReceiver } = await import('./receiver.js');
        receiver ??= new WecomReceiver(client, adapter, db, clock, inbound, log, {
          dir: config.filesDir,
          maxBytes: config.fileMaxBytes,
        });
        await receiver.start();
      },
      // frames stored before a stop or crash but not processed
      async catchUp() {
        await receiver?.resume();
      },
      async pause() {
        await receiver?.pause();
      },
      async stop() {
        await receiver?.stop();
      },
      expose: () => receiver,
    };
  },
});
