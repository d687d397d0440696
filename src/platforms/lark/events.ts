// Feishu events as the core's Incoming. Only shapes are translated here; no rules.
import type { Attachment, Incoming } from '../../bot/types.js';
import type { ButtonValue } from './render.js';
import { LARK } from './adapter.js';

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

/** Text of a `post` (rich text) message: its title and every text run. */
function postText(content: any): string {
  const body = content?.content ? content : (content?.zh_cn ?? content?.en_us ?? Object.values(content ?? {})[0]);
  const lines: string[] = [];
  if (body?.title) lines.push(String(body.title));
  for (const para of (body?.content ?? []) as any[][]) lines.push(para.filter((r) => r?.tag === 'text' || r?.tag === 'a').map((r) => String(r.text ?? '')).join(''));
  return lines.join('\n');
}

/** Removes the @_user_N placeholders Feishu puts where people were mentioned. */
export function stripMentions(text: string): string {
  return text.replace(/@_user_\d+\s*/g, '').trim();
}

export function messageToIncoming(e: LarkMessageEvent): Incoming | undefined {
  const m = e.message;
  const senderId = e.sender?.sender_id?.open_id;
  if (!m || !senderId || e.sender?.sender_type === 'app') return undefined; // the bot's own messages
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
      text = postText(content);
      break;
    case 'file':
      attachments.push({ kind: 'file', name: String(content.file_name ?? '文件'), ref: String(content.file_key ?? '') });
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

export function cardActionToIncoming(e: LarkCardActionEvent, now: Date): Incoming | undefined {
  const senderId = e.operator?.open_id;
  const chatId = e.context?.open_chat_id;
  const value = e.action?.value ?? {};
  if (!senderId || !chatId) return undefined;
  const base = {
    platform: LARK,
    eventId: e.event_id ?? `card:${e.token ?? now.getTime()}`,
    chatId,
    isDirect: false,
    senderId,
    mentions: [],
    attachments: [],
    sentAt: now,
    cardForms: true,
  };
  if (value.form && e.action?.form_value) return { ...base, text: '', action: { form: { name: value.form, context: value.context ?? {}, values: e.action.form_value } } };
  if (value.command) return { ...base, text: value.command, action: { command: value.command } };
  return undefined;
}
