// DingTalk (钉钉, and the government editions on it: 政务钉钉 such as 浙政钉 and 赣政通, 专属钉钉) as a
// platform: an internal app's robot in Stream mode, receiving through the official SDK's long
// connection (no public address needed) and sending through the OpenAPI; DINGTALK_GATEWAY_URL,
// DINGTALK_API_URL and DINGTALK_OAPI_URL for a private deployment. Where only a group's custom
// robot is allowed, DINGTALK_WEBHOOK_<名称> sends notices to that group (./webhook.ts). The SDK
// is imported inside create, only when the app robot is configured.
import { definePlatform, type Inbound } from '../platform.js';
import type { DingtalkReceiver } from './receiver.js';

export const dingtalkPlatform = definePlatform({
  name: 'dingtalk',
  // DingTalk keeps several stream connections per app and gives each callback to one of them:
  // every process may connect; the platform inbox keeps one copy of each callback
  exclusive: false,
  configured: (config) => config.dingtalk.configured || config.dingtalk.webhooks.length > 0,
  async create(config, { db, clock, log, prompts }) {
    const { DingtalkAdapter } = await import('./adapter.js');
    const { OpenApi } = await import('./openapi.js');
    const dt = config.dingtalk;
    const api = dt.configured ? new OpenApi(dt) : undefined;
    const adapter = new DingtalkAdapter(api, dt, clock, {
      source: prompts.render('dingtalk.card_source'),
      atHint: prompts.render('dingtalk.at_hint'),
      buttonLine: (label, command) => prompts.render('dingtalk.button_line', { label, command }),
    });
    let receiver: DingtalkReceiver | undefined;
    return {
      adapter,
      async start(inbound: Inbound) {
        // notices only (a custom robot's webhook): nothing to receive
        if (!api) return;
        const { StreamClient } = await import('./client.js');
        const { DingtalkReceiver } = await import('./receiver.js');
        receiver ??= new DingtalkReceiver(
          new StreamClient({ config: dt, api }),
          adapter,
          api,
          dt.robotCode!,
          db,
          clock,
          inbound,
          log,
          { dir: config.filesDir, maxBytes: config.fileMaxBytes },
        );
        await receiver.start();
      },
      // callbacks stored before a stop or crash but not processed
      async catchUp() {
        await receiver?.resume();
      },
      async stop() {
        await receiver?.stop();
      },
      expose: () => receiver,
    };
  },
});
