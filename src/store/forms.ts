// Conversation form sessions, one per (platform, chat, user), persisted so a restart resumes them.
import { raw } from './lane.js';
import { DataKeyError, open, sealIfKeyed } from './sealed.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';

export interface FormSessionState {
  id: string;
  platform: string;
  chatId: string;
  userId: string;
  formName: string;
  /** index of the current field; -1 at the confirmation step */
  step: number;
  answers: Record<string, unknown>;
  trail: number[];
  context: Record<string, string>;
  failures: number;
  expiresAt: Date;
}

type Row = {
  id: string;
  platform: string;
  chatId: string;
  userId: string;
  formName: string;
  step: number;
  answers: string;
  trail: string;
  context: string;
  failures: number;
  expiresAt: Date | string;
};

/**
 * A form's answers are sealed whenever a data key is configured: a clue form holds the content of a
 * restricted clue while it is filled (src/store/sealed.ts). Answers that cannot be opened here read
 * as none (the person starts the form again), never a crash.
 */
function readAnswers(text: string): Record<string, unknown> {
  try {
    return parseJson(open(text), {});
  } catch (e) {
    if (e instanceof DataKeyError) return {};
    throw e;
  }
}

const toState = (r: Row): FormSessionState => ({
  id: r.id,
  platform: r.platform,
  chatId: r.chatId,
  userId: r.userId,
  formName: r.formName,
  step: Number(r.step),
  answers: readAnswers(r.answers),
  trail: parseJson(r.trail, []),
  context: parseJson(r.context, {}),
  failures: Number(r.failures),
  expiresAt: new Date(r.expiresAt),
});

/**
 * The chat a form session is kept under: a group's id, or `dm:<user>` for the person's
 * direct chat with the bot on any platform (a form started from a group can move there
 * before the platform has told us the direct chat's own id).
 */
export function formChat(where: { chatId: string; isDirect: boolean }, userId: string): string {
  return where.isDirect ? directFormChat(userId) : where.chatId;
}

export const directFormChat = (userId: string) => `dm:${userId}`;

/** The session of the person who sent a message, in the chat it came from. */
export async function findFormOf(
  db: Tx,
  inc: { platform: string; chatId: string; isDirect: boolean; senderId: string },
): Promise<FormSessionState | undefined> {
  return findForm(db, inc.platform, formChat(inc, inc.senderId), inc.senderId);
}

export async function findForm(
  db: Tx,
  platform: string,
  chatId: string,
  userId: string,
): Promise<FormSessionState | undefined> {
  // every message asks (is this an answer to a form?): one prepared statement, by the unique index
  const [r] = await raw(db).all<Row>(
    `SELECT "id","platform","chatId","userId","formName","step","answers","trail","context","failures","expiresAt" FROM "FormSession" WHERE "platform" = ? AND "chatId" = ? AND "userId" = ?`,
    platform,
    chatId,
    userId,
  );
  return r ? toState(r) : undefined;
}

export async function findFormById(db: Tx, id: string): Promise<FormSessionState | undefined> {
  const r = await db.formSession.findUnique({ where: { id } });
  return r ? toState(r) : undefined;
}

export async function saveForm(db: Tx, s: Omit<FormSessionState, 'id'> & { id?: string }): Promise<FormSessionState> {
  const data = {
    platform: s.platform,
    chatId: s.chatId,
    userId: s.userId,
    formName: s.formName,
    step: s.step,
    answers: sealIfKeyed(JSON.stringify(s.answers)),
    trail: JSON.stringify(s.trail),
    context: JSON.stringify(s.context),
    failures: s.failures,
    expiresAt: s.expiresAt,
  };
  const r = await db.formSession.upsert({
    where: { platform_chatId_userId: { platform: s.platform, chatId: s.chatId, userId: s.userId } },
    create: data,
    update: data,
  });
  return toState(r);
}

export async function deleteForm(db: Tx, id: string): Promise<void> {
  await db.formSession.deleteMany({ where: { id } });
}
