// WeCom's callback frames as the core's Incoming. Only shapes are translated here; no rules.
// A message frame (aibot_msg_callback) and a template-card click (aibot_event_callback with
// template_card_event) each become one Incoming; other events are not messages.
import type { Attachment, Incoming } from '../../chat/messages.js';
import { WECOM } from './adapter.js';

/** The fields of a callback body this bot reads (the SDK's BaseMessage / EventMessage). */
export interface WecomBody {
  msgid?: string;
  aibotid?: string;
  chatid?: string;
  chattype?: 'single' | 'group';
  from?: { userid?: string };
  create_time?: number;
  msgtype?: string;
  text?: { content?: string };
  voice?: { content?: string };
  image?: { url?: string; aeskey?: string };
  file?: { url?: string; aeskey?: string; filename?: string };
  mixed?: {
    msg_item?: Array<{ msgtype?: string; text?: { content?: string }; image?: { url?: string; aeskey?: string } }>;
  };
  quote?: { msgtype?: string; text?: { content?: string } };
  event?: { eventtype?: string; event_key?: string; task_id?: string };
}

export interface WecomFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: WecomBody;
}

/** A file of a message to fetch: its encrypted URL and key. */
export interface WecomFileRef {
  kind: 'file' | 'image';
  url: string;
  aeskey?: string;
  name: string;
}

/** A frame that is not what WeCom documents: recorded as failed, never retried. */
export class MalformedFrame extends Error {}

/** Removes the @-mentions a group message starts with (the robot's name, as WeCom writes it). */
export function stripMentions(text: string): string {
  return text.replace(/^(?:\s*@[^\s\u2005]+[\s\u2005]+)+/, '').trim();
}

/** The chat of a body: the group's chatid, or the person's userid in a single chat (WeCom sends there by userid). */
export function chatOf(body: WecomBody): string | undefined {
  return body.chattype === 'group' ? body.chatid : body.from?.userid;
}

/** When the platform says it happened: create_time in seconds (or milliseconds), else now. */
function sentAt(body: WecomBody, now: Date): Date {
  const t = Number(body.create_time);
  if (!Number.isFinite(t) || t <= 0) return now;
  return new Date(t < 1e12 ? t * 1000 : t);
}

/** The files a message carries (WeCom delivers files and images in single chats only). */
export function fileRefs(body: WecomBody): WecomFileRef[] {
  if (body.msgtype === 'file' && body.file?.url)
    return [{ kind: 'file', url: body.file.url, aeskey: body.file.aeskey, name: body.file.filename ?? '' }];
  if (body.msgtype === 'image' && body.image?.url)
    return [{ kind: 'image', url: body.image.url, aeskey: body.image.aeskey, name: '' }];
  if (body.msgtype === 'mixed')
    return (body.mixed?.msg_item ?? [])
      .filter((i) => i.msgtype === 'image' && i.image?.url)
      .map((i) => ({ kind: 'image' as const, url: i.image!.url!, aeskey: i.image!.aeskey, name: '' }));
  return [];
}

function textOf(body: WecomBody): string | undefined {
  switch (body.msgtype) {
    case 'text':
      return String(body.text?.content ?? '');
    case 'voice':
      return String(body.voice?.content ?? ''); // WeCom turns speech into text
    case 'mixed':
      return (body.mixed?.msg_item ?? [])
        .filter((i) => i.msgtype === 'text')
        .map((i) => String(i.text?.content ?? ''))
        .join('\n');
    case 'file':
    case 'image':
      return '';
    default:
      return undefined;
  }
}

/**
 * A message frame as Incoming; undefined for kinds the bot does not read (video, streams).
 * `quoted` finds the bot's message a quote shows (WeCom's quote has its text, not its id).
 */
export function messageToIncoming(
  body: WecomBody,
  now: Date,
  quoted: (chat: string, text: string | undefined) => string | undefined,
): Incoming | undefined {
  const senderId = body.from?.userid;
  const chatId = chatOf(body);
  if (typeof body.msgid !== 'string' || !senderId || !chatId)
    throw new MalformedFrame('message without msgid, from.userid or chatid');
  const text = textOf(body);
  if (text === undefined) return undefined;
  const attachments: Attachment[] = fileRefs(body).map((f) => ({ kind: f.kind, name: f.name || '文件', ref: f.url }));
  return {
    platform: WECOM,
    eventId: body.msgid,
    messageId: body.msgid,
    chatId,
    isDirect: body.chattype !== 'group',
    senderId,
    text: stripMentions(text),
    mentions: [],
    quotedMessageId: body.quote ? quoted(chatId, body.quote.text?.content) : undefined,
    attachments,
    sentAt: sentAt(body, now),
    cardForms: false,
  };
}

/** A template-card button clicked: the button's key is the command, the card's task_id its message id. */
export function cardEventToIncoming(body: WecomBody, now: Date): Incoming | undefined {
  const senderId = body.from?.userid;
  const chatId = chatOf(body);
  const command = body.event?.event_key;
  if (typeof body.msgid !== 'string' || !senderId || !chatId || !command) return undefined;
  return {
    platform: WECOM,
    eventId: body.msgid,
    chatId,
    isDirect: body.chattype !== 'group',
    senderId,
    text: command,
    mentions: [],
    attachments: [],
    sentAt: sentAt(body, now),
    action: { command },
    cardMessageId: body.event?.task_id,
    cardForms: false,
  };
}
