// Feishu events as the core's Incoming. Only shapes are translated here; no rules.
import type { Attachment, Incoming } from '../../chat/messages.js';
import { LARK } from './adapter.js';
import type { ButtonValue } from './render.js';

/** The fields of im.message.receive_v1 we read (the SDK passes header and event merged). */
export interface LarkMessageEvent {
  event_id?: string;
  create_time?: string;
  sender?: { sender_id?: { open_id?: string }; sender_type?: string };
  message?: {
    message_id: string;
    chat_id: string;
    chat_type?: string;
    message_type: string;
    content: string;
    parent_id?: string;
    create_time?: string;
    mentions?: Array<{ key: string; id?: { open_id?: string }; name?: string }>;
  };
}

/** card.action.trigger — the SDK has no type for it. */
export interface LarkCardActionEvent {
  event_id?: string;
  create_time?: string;
  token?: string;
  operator?: { open_id?: string };
  action?: { value?: ButtonValue; form_value?: Record<string, unknown>; tag?: string; name?: string };
  context?: { open_message_id?: string; open_chat_id?: string };
}

export interface LarkBotAddedEvent {
  event_id?: string;
  chat_id?: string;
  name?: string;
}

/**
 * Text of a `post` (rich text) message: its title and every text run. A malformed post
 * (a paragraph that is not a list, runs that are not objects) yields what can be read.
 */
export function postText(content: any): string {
  const body = content?.content
    ? content
    : (content?.zh_cn ??
      content?.en_us ??
      (content && typeof content === 'object' ? Object.values(content)[0] : undefined));
  const lines: string[] = [];
  if (body && typeof body.title === 'string' && body.title) lines.push(body.title);
  const paragraphs: unknown[] = Array.isArray(body?.content) ? body.content : [];
  for (const para of paragraphs) {
    const runs: any[] = Array.isArray(para) ? para : para && typeof para === 'object' ? [para] : [];
    lines.push(
      runs
        .filter((r) => r && (r.tag === 'text' || r.tag === 'a'))
        .map((r) => String(r.text ?? ''))
        .join(''),
    );
  }
  return lines.join('\n');
}

/** Removes the @_user_N placeholders Feishu puts where people were mentioned. */
export function stripMentions(text: string): string {
  return text.replace(/@_user_\d+\s*/g, '').trim();
}

/** An event that is not what Feishu documents: recorded as failed, never retried. */
export class MalformedEvent extends Error {}

export function messageToIncoming(e: LarkMessageEvent): Incoming | undefined {
  const m = e.message;
  const senderId = e.sender?.sender_id?.open_id;
  if (!m || !senderId || e.sender?.sender_type === 'app') return undefined; // the bot's own messages
  if (typeof m.message_id !== 'string' || typeof m.chat_id !== 'string' || typeof m.message_type !== 'string')
    throw new MalformedEvent('message without message_id, chat_id or message_type');
  let content: any = {};
  try {
    content = JSON.parse(m.content || '{}');
  } catch {
    content = {};
  }
  let text = '';
  const attachments: Attachment[] = [];
  switch (m.message_type) {
    case 'text':
      text = String(content.text ?? '');
      break;
    case 'post':
      try {
        text = postText(content);
      } catch (err) {
        throw new MalformedEvent(`unreadable post: ${String((err as Error)?.message).slice(0, 80)}`);
      }
      break;
    case 'file':
      attachments.push({
        kind: 'file',
        name: String(content.file_name ?? '文件'),
        ref: String(content.file_key ?? ''),
      });
      break;
    case 'image':
      attachments.push({ kind: 'image', name: '图片', ref: String(content.image_key ?? '') });
      break;
    default:
      return undefined;
  }
  return {
    platform: LARK,
    eventId: e.event_id ?? m.message_id,
    messageId: m.message_id,
    chatId: m.chat_id,
    isDirect: m.chat_type === 'p2p',
    senderId,
    text: stripMentions(text),
    mentions: (m.mentions ?? []).map((x) => x.id?.open_id).filter((x): x is string => Boolean(x)),
    quotedMessageId: m.parent_id || undefined,
    attachments,
    sentAt: new Date(Number(m.create_time ?? e.create_time ?? Date.now())),
    cardForms: true,
  };
}

/** The files of a message, to be downloaded: (message id, file key, kind). */
export function larkFileRefs(
  e: LarkMessageEvent,
): Array<{ messageId: string; key: string; kind: 'file' | 'image'; name: string }> {
  const m = e.message;
  if (!m || (m.message_type !== 'file' && m.message_type !== 'image')) return [];
  let content: any = {};
  try {
    content = JSON.parse(m.content || '{}');
  } catch {
    return [];
  }
  if (m.message_type === 'file' && content.file_key)
    return [
      {
        messageId: m.message_id,
        key: String(content.file_key),
        kind: 'file',
        name: String(content.file_name ?? '文件'),
      },
    ];
  if (m.message_type === 'image' && content.image_key)
    return [{ messageId: m.message_id, key: String(content.image_key), kind: 'image', name: '图片.png' }];
  return [];
}

export function cardActionToIncoming(e: LarkCardActionEvent, now: Date): Incoming | undefined {
  const senderId = e.operator?.open_id;
  const chatId = e.context?.open_chat_id;
  const value = e.action?.value ?? {};
  if (!senderId || !chatId) return undefined;
  const base = {
    platform: LARK,
    eventId: e.event_id ?? `card:${e.token ?? now.getTime()}`,
    chatId,
    cardMessageId: e.context?.open_message_id,
    isDirect: false,
    senderId,
    mentions: [],
    attachments: [],
    sentAt: now,
    cardForms: true,
  };
  if (value.form && e.action?.form_value)
    return {
      ...base,
      text: '',
      action: { form: { name: value.form, context: value.context ?? {}, values: e.action.form_value } },
    };
  if (value.command) return { ...base, text: value.command, action: { command: value.command } };
  return undefined;
}
