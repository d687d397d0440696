// The two shapes every platform adapter speaks (DESIGN.md: "Adapters are thin").

export interface Attachment {
  /** file | image */
  kind: 'file' | 'image';
  name: string;
  /** the platform's key for the file (Feishu file_key, a sandbox id …) */
  ref: string;
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
}
