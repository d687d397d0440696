// DingTalk's stream callbacks as the core's Incoming. Only shapes are translated here; no rules.
// A robot message (topic /v1.0/im/bot/messages/get) and a card button's callback (topic
// /v1.0/card/instances/callback) each become one Incoming.
import type { Attachment, Incoming } from '../../chat/messages.js';

export const DINGTALK = 'dingtalk';
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

/** The fields of a robot message this bot reads (DingTalk: 机器人接收消息). */
export interface RobotMessage {
  msgId?: string;
  /** 1 a single chat with the robot, 2 a group */
  conversationType?: '1' | '2';
  /** the group's openConversationId (cid…) */
  conversationId?: string;
  conversationTitle?: string;
  senderStaffId?: string;
  senderNick?: string;
  createAt?: number;
  msgtype?: string;
  isInAtList?: boolean;
  atUsers?: Array<{ dingtalkId?: string; staffId?: string }>;
  text?: {
    content?: string;
    isReplyMsg?: boolean;
    repliedMsg?: { msgId?: string; content?: { text?: string }; msgType?: string };
  };
  content?: {
    downloadCode?: string;
    fileName?: string;
    recognition?: string;
    richText?: Array<{ text?: string; downloadCode?: string; type?: string }>;
  };
}

/** A card callback's data (DingTalk: 卡片回调): content carries the button's parameters. */
export interface CardCallback {
  outTrackId?: string;
  userId?: string;
  /** IM_GROUP / IM_ROBOT (or im_group …) and the group's openConversationId or the person's userId */
  spaceType?: string;
  spaceId?: string;
  content?: string;
  type?: string;
}

/** What the receiver stores of a stream frame: its topic, the stream's message id, the data parsed. */
export interface StoredFrame {
  topic: string;
  messageId: string;
  data: RobotMessage & CardCallback;
}

/** A frame that is not what DingTalk documents: recorded as failed, never retried. */
export class MalformedFrame extends Error {}

/** A file a message carries: its downloadCode (valid one hour). */
export interface FileRef {
  kind: 'file' | 'image';
  downloadCode: string;
  name: string;
}

/** Removes @-mentions the text starts with (DingTalk usually strips the robot's own already). */
export function stripMentions(text: string): string {
  return text.replace(/^(?:\s*@[^\s\u2005]+[\s\u2005]+)+/, '').trim();
}

/** The chat of a message: the group's openConversationId, or the person's userId (DingTalk sends there by userId). */
export function chatOf(m: RobotMessage): string | undefined {
  return m.conversationType === '2' ? m.conversationId : m.senderStaffId;
}

/** The files a message carries (a robot receives files and pictures in single chats). */
export function fileRefs(m: RobotMessage): FileRef[] {
  const c = m.content;
  if (m.msgtype === 'file' && c?.downloadCode)
    return [{ kind: 'file', downloadCode: c.downloadCode, name: c.fileName ?? '' }];
  if (m.msgtype === 'picture' && c?.downloadCode) return [{ kind: 'image', downloadCode: c.downloadCode, name: '' }];
  if (m.msgtype === 'richText')
    return (c?.richText ?? [])
      .filter((i) => i.downloadCode)
      .map((i) => ({ kind: 'image' as const, downloadCode: i.downloadCode!, name: '' }));
  return [];
}

function textOf(m: RobotMessage): string | undefined {
  switch (m.msgtype) {
    case 'text':
      return String(m.text?.content ?? '');
    case 'audio':
      return String(m.content?.recognition ?? ''); // DingTalk turns speech into text
    case 'richText':
      return (m.content?.richText ?? [])
        .filter((i) => i.text)
        .map((i) => String(i.text))
        .join('');
    case 'file':
    case 'picture':
      return '';
    default:
      return undefined;
  }
}

/**
 * A robot message as Incoming; undefined for kinds the bot does not read (video).
 * `quoted` finds the bot's message a quote shows (by its id, else its text).
 */
export function messageToIncoming(
  m: RobotMessage,
  now: Date,
  quoted: (chat: string, id: string | undefined, text: string | undefined) => string | undefined,
): Incoming | undefined {
  const senderId = m.senderStaffId;
  const chatId = chatOf(m);
  if (typeof m.msgId !== 'string' || !senderId || !chatId)
    throw new MalformedFrame('robot message without msgId, senderStaffId or conversationId');
  const text = textOf(m);
  if (text === undefined) return undefined;
  const attachments: Attachment[] = fileRefs(m).map((f) => ({
    kind: f.kind,
    name: f.name || '文件',
    ref: f.downloadCode,
  }));
  const reply = m.text?.isReplyMsg ? m.text.repliedMsg : undefined;
  return {
    platform: DINGTALK,
    eventId: m.msgId,
    messageId: m.msgId,
    chatId,
    isDirect: m.conversationType !== '2',
    senderId,
    senderName: m.senderNick,
    text: stripMentions(text),
    mentions: (m.atUsers ?? []).map((u) => u.staffId).filter((x): x is string => Boolean(x)),
    quotedMessageId: reply ? quoted(chatId, reply.msgId, reply.content?.text) : undefined,
    attachments,
    sentAt: Number(m.createAt) > 0 ? new Date(Number(m.createAt)) : now,
    cardForms: false,
  };
}

/** The command a card's button passed back: params.command (the template's callback parameter). */
export function commandOf(cb: CardCallback): string | undefined {
  try {
    const content = JSON.parse(cb.content ?? '{}');
    const params = content?.cardPrivateData?.params ?? {};
    const command = params.command ?? content?.cardPrivateData?.actionIds?.[0];
    return typeof command === 'string' && command.trim() ? command.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** A card button clicked: its command, the card's outTrackId its message id; the chat from the card's space. */
export function cardCallbackToIncoming(cb: CardCallback, eventId: string, now: Date): Incoming | undefined {
  const command = commandOf(cb);
  const group = /group/i.test(cb.spaceType ?? '');
  const chatId = group ? cb.spaceId : cb.userId;
  if (!cb.userId || !chatId || !command) return undefined;
  return {
    platform: DINGTALK,
    eventId,
    chatId,
    isDirect: !group,
    senderId: cb.userId,
    text: command,
    mentions: [],
    attachments: [],
    sentAt: now,
    action: { command },
    cardMessageId: cb.outTrackId,
    cardForms: false,
  };
}
