// `liandong doctor` for DingTalk: the access token fetched with the Client ID and Secret, and the
// Stream gateway asked for an endpoint (the WebSocket itself is not opened: DingTalk would give it
// some of the running bot's messages). Notices-only groups (custom robots) are listed.
import type { DingtalkConfig } from '../../config/dingtalk.js';
import { TOPIC_ROBOT } from './events.js';
import { OpenApi, request } from './openapi.js';

interface Check {
  level: 'ok' | 'warn' | 'fail';
  label: string;
  detail: string;
}

export async function dingtalkChecks(dt: DingtalkConfig, last?: { state: string; at: string }): Promise<Check[]> {
  const checks: Check[] = [];
  if (dt.configured) {
    checks.push(await tokenCheck(dt));
    checks.push(await gatewayCheck(dt, last));
    if (!dt.cardTemplateId)
      checks.push({
        level: 'warn',
        label: '钉钉互动卡片',
        detail: '未设置 DINGTALK_CARD_TEMPLATE_ID：卡片以 Markdown 发送，按钮改为“请 @机器人 发送 …”的文字',
      });
  }
  if (dt.webhooks.length)
    checks.push({
      level: 'ok',
      label: '钉钉群自定义机器人（仅通知）',
      detail: `${dt.webhooks.map((h) => `${h.chatId}${h.secret ? '（加签）' : '（未加签）'}`).join('、')}：只能发通知，不能接收命令和表单`,
    });
  return checks;
}

async function tokenCheck(dt: DingtalkConfig): Promise<Check> {
  const label = '钉钉 access_token';
  try {
    await new OpenApi(dt).accessToken();
    return { level: 'ok', label, detail: `已获取（${dt.apiUrl}）` };
  } catch (err) {
    const reason = String((err as Error)?.message ?? err).slice(0, 160);
    return {
      level: 'fail',
      label,
      detail: `${reason}；请核对 DINGTALK_CLIENT_ID、DINGTALK_CLIENT_SECRET 和 DINGTALK_API_URL`,
    };
  }
}

async function gatewayCheck(dt: DingtalkConfig, last?: { state: string; at: string }): Promise<Check> {
  const label = '钉钉 Stream 网关';
  const a = await request(dt.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      clientId: dt.clientId,
      clientSecret: dt.clientSecret,
      ua: 'liandong-doctor',
      subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT }],
    }),
  });
  const running = last ? `；机器人进程最近状态：${last.state}（${last.at}）` : '';
  if (a.status === 200 && a.body?.endpoint && a.body?.ticket)
    return { level: 'ok', label, detail: `已取得连接地址（${dt.gatewayUrl}）${running}` };
  const why = a.status === 0 ? `无法连接：${a.body?.message}` : `HTTP ${a.status} ${a.body?.code ?? ''}`;
  return {
    level: 'fail',
    label,
    detail: `${why}；请核对 DINGTALK_GATEWAY_URL，并确认机器人已选“Stream 模式”${running}`,
  };
}
