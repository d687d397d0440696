// Reading the sandbox API's requests: the JSON body, its string fields, the path, the
// clock's move and a card action. What is wrong is the client's mistake (HttpError 400).
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Card, Incoming } from '../../chat/messages.js';
import { parseZonedInstant } from '../../domain/civil-date.js';
import { hasLoneSurrogate } from '../../domain/text.js';
import { HttpError, readBody } from '../http.js';
import { SANDBOX } from './adapter.js';

/** room for a few attachments sent from the page as base64 */
const MAX_BODY = 32 * 1024 * 1024;
/** 32-bit cursor: the database's message sequence */
export const MAX_CURSOR = 2_147_483_647;

export async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req, MAX_BODY, '请求内容过大');
  if (!text) return {};
  try {
    const body = JSON.parse(text);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error();
    return body;
  } catch {
    throw new HttpError(400, '请求体应为 JSON 对象');
  }
}

export function str(body: Record<string, unknown>, key: string, required = true): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new HttpError(400, `缺少 ${key}`);
    return undefined;
  }
  if (typeof v !== 'string') throw new HttpError(400, `${key} 应为字符串`);
  if (hasLoneSurrogate(v)) throw new HttpError(400, `${key} 含有无效的字符（不成对的 UTF-16 代理项）`);
  return v;
}

/** The parts of a path, decoded; a bad percent-escape is the client's mistake (400). */
export function pathParts(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new HttpError(400, '地址中有无效的百分号编码');
  }
}

/** How far POST /api/clock/advance moves the clock: {minutes?, days?} or {to}, from `now` (ISO). */
export function advanceMs(body: Record<string, unknown>, now: string): number {
  let ms: number;
  if (body.to !== undefined) {
    // {to}: to a moment (moves nothing when it has passed), so several processes or people
    // moving the shared clock to one moment at once end there, not at the sum of their moves
    const to = typeof body.to === 'string' ? parseZonedInstant(body.to) : undefined;
    if (!to) throw new HttpError(400, 'to 应为带时区的时刻，例如 2026-11-02T10:00:00+08:00');
    ms = Math.max(0, to.getTime() - Date.parse(now));
  } else {
    const minutes = body.minutes ?? 0;
    const days = body.days ?? 0;
    if (
      typeof minutes !== 'number' ||
      typeof days !== 'number' ||
      !Number.isFinite(minutes) ||
      !Number.isFinite(days) ||
      minutes < 0 ||
      days < 0
    )
      throw new HttpError(400, 'minutes、days 应为非负数');
    ms = (minutes + days * 1440) * 60_000;
    if (ms === 0) throw new HttpError(400, '请给出 minutes 或 days');
  }
  if (ms > 3660 * 86_400_000) throw new HttpError(400, '一次最多快进约十年');
  return ms;
}

/** A press on a card's button, or its form submitted ({action: 'submit', formValue}), as Incoming. */
export function cardActionIncoming(
  msg: { id: string; chatId: string },
  card: Card,
  { senderId, action, formValue }: { senderId: string; action: string; formValue: unknown },
  now: string,
): Incoming {
  const base = {
    platform: SANDBOX,
    eventId: `act-${randomUUID()}`,
    chatId: msg.chatId,
    cardMessageId: msg.id,
    isDirect: msg.chatId.startsWith('dm:'),
    senderId,
    text: '',
    mentions: [],
    attachments: [],
    sentAt: new Date(now),
    cardForms: true,
  };
  if (action === 'submit') {
    if (!card.form) throw new HttpError(400, '这张卡片没有表单');
    if (!formValue || typeof formValue !== 'object' || Array.isArray(formValue))
      throw new HttpError(400, 'formValue 应为对象');
    return {
      ...base,
      action: {
        form: { name: card.form.name, context: card.form.context, values: formValue as Record<string, unknown> },
      },
    };
  }
  const button = card.buttons.find((b) => b.command === action || b.label === action);
  if (!button) throw new HttpError(400, `卡片上没有“${action}”按钮`);
  return { ...base, text: button.command, action: { command: button.command } };
}
