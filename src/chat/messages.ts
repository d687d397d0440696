// The two shapes every platform adapter speaks (DESIGN.md: "Adapters are thin"). They
// live below bot/, so the store and the outbox read them without importing upward.

/** Why a received file was not kept: empty, too large, an executable, a type not accepted, or it could not be downloaded. */
export interface FileRefusal {
  reason: 'empty' | 'too_large' | 'executable' | 'type' | 'download';
  /** bytes, and the limit, for too_large */
  size?: number;
  max?: number;
}

export interface Attachment {
  /** file | image */
  kind: 'file' | 'image';
  name: string;
  /**
   * Where the file is: `file:<id>` once kept in the bot's file store (StoredFile),
   * `local:/path` for a file the bot made, or the platform's own key (Feishu file_key)
   */
  ref: string;
  /** bytes, when known */
  size?: number;
  /** the file on this machine, resolved by the dispatcher before sending (adapters upload it) */
  path?: string;
  /** why the file was not kept; the words are in prompts/ (form.error.file_*) */
  refused?: FileRefusal;
}

/** One message or card action from a platform, after the adapter has translated it. */
export interface Incoming {
  platform: string;
  /** the platform's id of the event, for de-duplication of retries */
  eventId: string;
  chatId: string;
  /** a private chat with the bot */
  isDirect: boolean;
  senderId: string;
  senderName?: string;
  text: string;
  /** platform user ids mentioned in the message */
  mentions: string[];
  /** the platform id of the message this one quotes (replies to) */
  quotedMessageId?: string;
  attachments: Attachment[];
  /** when the platform says it was sent */
  sentAt: Date;
  /** this message's own platform id */
  messageId?: string;
  /** a card button or card-form submit instead of typed text */
  action?: CardActionInput;
  /** the client can show card forms (the sandbox page, Feishu with card 2.0) */
  cardForms?: boolean;
  /** the platform id of the card message a button or card-form submit came from */
  cardMessageId?: string;
  /**
   * when the bot received it (stored before processing): staleness is judged at
   * arrival, so an event delayed by a crash of ours is not dropped at replay
   */
  receivedAt?: Date;
}

export interface CardActionInput {
  /** the command text the button carries, e.g. "/反馈 JY-2026-001" */
  command?: string;
  /** a card-form submit: the form's name, context and the values entered */
  form?: { name: string; context: Record<string, string>; values: Record<string, unknown> };
}

export interface CardField {
  label: string;
  value: string;
}

export interface CardButton {
  label: string;
  /** what a click does: runs this command as the person who clicked */
  command: string;
  style?: 'primary' | 'default' | 'danger';
}

export interface CardFormField {
  key: string;
  label: string;
  type: 'text' | 'choice' | 'date' | 'number' | 'attachment' | 'period' | 'org';
  required: boolean;
  choices?: Array<{ value: string; label: string }>;
  /** shown when another field has a value */
  when?: { field: string; equals: string };
  placeholder?: string;
}

export interface CardForm {
  name: string;
  context: Record<string, string>;
  fields: CardFormField[];
  submitLabel: string;
}

export interface Card {
  title: string;
  tone: 'info' | 'success' | 'warning' | 'danger';
  body?: string;
  fields: CardField[];
  buttons: CardButton[];
  form?: CardForm;
  /** shown at the foot of a closed card: who used it, when, for what */
  closedNote?: string;
}

/** Where a message goes: a chat, or one person directly. */
export type Target = { chatId: string; userId?: undefined } | { userId: string; chatId?: undefined };

/** One message the bot wants to send. `text` is always readable on its own, even with a card. */
export interface Outgoing {
  platform: string;
  to: Target;
  text: string;
  card?: Card;
  image?: Attachment;
  file?: Attachment;
  /** reply to (quote) this platform message */
  replyTo?: string;
  /** the matter it is about, so a quoted reply can find it again */
  matterId?: string;
  /** in a group: the person it is addressed to (@name on Feishu, "张敏：" elsewhere) */
  mention?: { userId: string; name: string };
  /**
   * instead of a new message, replace the card of this earlier message (the platform's
   * id): a used card is closed. Platforms without cards drop its numbered choices.
   */
  updates?: string;
  /**
   * a notice a job sent to a group (a reminder, an overdue notice): its kind (the 【label】 it
   * opens with) and its one-line gist, so that many of one kind can go as one combined message
   */
  notice?: { kind: string; line: string };
}
