// Feishu/Lark as a platform: the adapter sends through the official SDK; started, the
// receiver takes events by webhook (LARK_MODE=webhook) or the SDK's long connection.
// The SDK adds tens of MiB: it is imported inside create and start, only when Feishu is
// configured — this file imports nothing of it but types.
import { definePlatform, type Inbound } from '../platform.js';
import type { LarkReceiver } from './receiver.js';

export const larkPlatform = definePlatform({
  name: 'lark',
  configured: (config) => config.lark.configured,
  async create(config, { db, clock, log, prompts }) {
    const { LarkAdapter } = await import('./adapter.js');
    const adapter = new LarkAdapter(config.lark, log, {
      whenRequired: (field, value) => prompts.render('lark.when_required', { field, value }),
    });
    const webhook = config.lark.mode === 'webhook';
    let receiver: LarkReceiver | undefined;
    return {
      adapter,
      async start(inbound: Inbound) {
        const { LarkReceiver } = await import('./receiver.js');
        receiver = new LarkReceiver(config.lark, db, clock, inbound, prompts, log, adapter, {
          dir: config.filesDir,
          maxBytes: config.fileMaxBytes,
        });
        if (webhook) {
          const port = await receiver.startWebhook();
          log.info({ port, path: config.lark.webhookPath }, 'lark webhook listening');
        } else await receiver.startWebSocket();
      },
      // webhook events stored before a stop or crash but not processed
      async catchUp() {
        if (webhook) await receiver?.resume();
      },
      async stop() {
        await receiver?.stop();
      },
      expose: () => receiver,
    };
  },
});
