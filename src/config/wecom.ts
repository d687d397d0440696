// WECOM_*: WeCom's intelligent robot (企业微信 / 政务微信 智能机器人, long connection).
import { WECOM_WS_URL, type WecomConfig } from './types.js';

/** What env.ts lends a section's reader: the variables, the problems found so far, a checked number. */
interface SectionReader {
  get(name: string): string | undefined;
  problems: string[];
  num(name: string, dflt: number, min: number, max: number): number;
}

/** Both the Bot ID and the Secret set: WeCom is configured (LIANDONG_PLATFORM may still leave it out). */
export const wecomCredentialsSet = (get: (name: string) => string | undefined): boolean =>
  Boolean(get('WECOM_BOT_ID') && get('WECOM_BOT_SECRET'));

export function readWecom({ get, problems, num }: SectionReader): WecomConfig {
  const wsUrl = (get('WECOM_WS_URL') ?? WECOM_WS_URL).replace(/\/+$/, '');
  if (!/^wss?:\/\/[^/\s]+/.test(wsUrl))
    problems.push(`WECOM_WS_URL 应为 wss://openws.work.weixin.qq.com 这样的长连接地址，收到 "${wsUrl}"`);
  const botId = get('WECOM_BOT_ID');
  const secret = get('WECOM_BOT_SECRET');
  if (Boolean(botId) !== Boolean(secret))
    problems.push('WECOM_BOT_ID 与 WECOM_BOT_SECRET 要一起设置（管理后台 → 智能机器人 → API 模式选“长连接”后显示）');
  if (botId && !/^[\w@.-]{4,128}$/.test(botId))
    problems.push(`WECOM_BOT_ID 应为管理后台显示的 Bot ID（字母、数字等，不含空格），收到 "${botId}"`);
  return {
    botId,
    secret,
    wsUrl,
    reconnectMs: num('WECOM_RECONNECT_MS', 1000, 10, 60_000),
    perMinute: num('WECOM_MAX_PER_MINUTE', 25, 1, 1000),
    perHour: num('WECOM_MAX_PER_HOUR', 900, 1, 100_000),
    cardUpdateMs: num('WECOM_CARD_UPDATE_MS', 4000, 0, 5000),
    configured: Boolean(botId && secret),
  };
}
