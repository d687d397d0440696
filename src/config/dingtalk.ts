// DINGTALK_*: DingTalk (钉钉, 政务钉钉 such as 浙政钉 / 赣政通, 专属钉钉) — an internal app's robot in
// Stream mode (src/platforms/dingtalk/), and, where only a group's custom robot is allowed, its
// signed webhook for notices (DINGTALK_WEBHOOK_<名称>, DINGTALK_WEBHOOK_<名称>_SECRET).

/** DingTalk's public hosts; 政务钉钉 and 专属钉钉 deployments give their own. */
export const DINGTALK_API_URL = 'https://api.dingtalk.com';
export const DINGTALK_OAPI_URL = 'https://oapi.dingtalk.com';

/** A group's custom robot (自定义机器人): its webhook address and signing secret (加签). */
export interface DingtalkWebhook {
  /** the chat id the roster uses for it: webhook:<名称 in lower case> */
  chatId: string;
  url: string;
  secret?: string;
}

export interface DingtalkConfig {
  /** the internal app's Client ID (AppKey) and Client Secret (AppSecret) */
  clientId?: string;
  clientSecret?: string;
  /** the robot's code (机器人 → RobotCode); the Client ID by default, as DingTalk sets it */
  robotCode?: string;
  /** the Stream gateway (…/v1.0/gateway/connections/open) */
  gatewayUrl: string;
  /** the OpenAPI base (tokens, robot messages, cards, file downloads) */
  apiUrl: string;
  /** the old OpenAPI base (media/upload) */
  oapiUrl: string;
  /** the interactive card template (卡片平台) with the variables of the README; without it, cards go as markdown */
  cardTemplateId?: string;
  /** reconnect: the first wait in milliseconds, doubled up to DINGTALK_RECONNECT_MAX_MS */
  reconnectMs: number;
  reconnectMaxMs: number;
  /** messages a second for the whole app, and a minute to one group or person */
  perSecond: number;
  perChatPerMinute: number;
  perMinute: number;
  /** a custom group robot's messages a minute (DingTalk allows 20) */
  webhookPerMinute: number;
  webhooks: DingtalkWebhook[];
  /** the app robot: commands, forms and cards */
  configured: boolean;
}

interface SectionReader {
  get(name: string): string | undefined;
  problems: string[];
  num(name: string, dflt: number, min: number, max: number): number;
}

const WEBHOOK = /^DINGTALK_WEBHOOK_([A-Z0-9_]+)$/;

/** The app's Client ID and Secret, or a custom robot's webhook: DingTalk is configured. */
export const dingtalkCredentialsSet = (get: (name: string) => string | undefined, env: NodeJS.ProcessEnv): boolean =>
  Boolean(get('DINGTALK_CLIENT_ID') && get('DINGTALK_CLIENT_SECRET')) || webhookNames(env).length > 0;

function webhookNames(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((k) => WEBHOOK.test(k) && !k.endsWith('_SECRET') && env[k]?.trim())
    .map((k) => WEBHOOK.exec(k)![1]!)
    .sort();
}

function baseUrl(r: SectionReader, name: string, dflt: string): string {
  const url = (r.get(name) ?? dflt).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(url)) r.problems.push(`${name} 应为 https://… 这样的地址，收到 "${url}"`);
  return url;
}

function readWebhooks(r: SectionReader, env: NodeJS.ProcessEnv): DingtalkWebhook[] {
  return webhookNames(env).map((name) => {
    const url = r.get(`DINGTALK_WEBHOOK_${name}`)!;
    const secret = r.get(`DINGTALK_WEBHOOK_${name}_SECRET`);
    if (!/^https?:\/\/\S+access_token=\S+/.test(url))
      r.problems.push(`DINGTALK_WEBHOOK_${name} 应为群机器人的 Webhook 地址（…/robot/send?access_token=…）`);
    if (secret !== undefined && !/^SEC\w+$/.test(secret))
      r.problems.push(`DINGTALK_WEBHOOK_${name}_SECRET 应为“加签”显示的密钥（以 SEC 开头）`);
    return { chatId: `webhook:${name.toLowerCase()}`, url, secret };
  });
}

export function readDingtalk(r: SectionReader, env: NodeJS.ProcessEnv): DingtalkConfig {
  const clientId = r.get('DINGTALK_CLIENT_ID');
  const clientSecret = r.get('DINGTALK_CLIENT_SECRET');
  if (Boolean(clientId) !== Boolean(clientSecret))
    r.problems.push(
      'DINGTALK_CLIENT_ID 与 DINGTALK_CLIENT_SECRET 要一起设置（开发者后台 → 应用 → 凭证与基础信息 中的 Client ID 和 Client Secret）',
    );
  if (clientId && !/^[\w.-]{4,128}$/.test(clientId))
    r.problems.push(`DINGTALK_CLIENT_ID 应为开发者后台显示的 Client ID（如 dingxxxxxxxx），收到 "${clientId}"`);
  const api = baseUrl(r, 'DINGTALK_API_URL', DINGTALK_API_URL);
  const reconnectMs = r.num('DINGTALK_RECONNECT_MS', 1000, 10, 60_000);
  return {
    clientId,
    clientSecret,
    robotCode: r.get('DINGTALK_ROBOT_CODE') ?? clientId,
    gatewayUrl: baseUrl(r, 'DINGTALK_GATEWAY_URL', `${api}/v1.0/gateway/connections/open`),
    apiUrl: api,
    oapiUrl: baseUrl(r, 'DINGTALK_OAPI_URL', DINGTALK_OAPI_URL),
    cardTemplateId: r.get('DINGTALK_CARD_TEMPLATE_ID'),
    reconnectMs,
    reconnectMaxMs: Math.max(reconnectMs, r.num('DINGTALK_RECONNECT_MAX_MS', 60_000, 10, 600_000)),
    perSecond: r.num('DINGTALK_MAX_PER_SECOND', 10, 1, 20),
    perChatPerMinute: r.num('DINGTALK_CHAT_MAX_PER_MINUTE', 20, 1, 600),
    perMinute: r.num('DINGTALK_MAX_PER_MINUTE', 300, 1, 1200),
    webhookPerMinute: r.num('DINGTALK_NOTICE_MAX_PER_MINUTE', 18, 1, 20),
    webhooks: readWebhooks(r, env),
    configured: Boolean(clientId && clientSecret),
  };
}
