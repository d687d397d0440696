// Numbered choices of the last card shown as text in a chat ("回复 1 填写整改反馈"), so a
// bare number can be mapped back to the button's command.
import { getSetting, setSetting } from './settings.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';

const key = (platform: string, chatId: string) => `choices:${platform}:${chatId}`;

/** Remembers the numbered choices of the card just sent (`messageId`), replacing the previous card's. */
export async function saveChoices(
  db: Tx,
  platform: string,
  chatId: string,
  commands: string[],
  messageId?: string,
): Promise<void> {
  await setSetting(db, key(platform, chatId), JSON.stringify({ messageId, commands }));
}

function read(raw: string | undefined): { messageId?: string; commands: string[] } {
  const v = parseJson<unknown>(raw, []);
  return Array.isArray(v) ? { commands: v as string[] } : (v as { messageId?: string; commands: string[] });
}

/** The command of choice `n` (none once the menu expired), and the card message it belongs to. */
export async function choiceFor(
  db: Tx,
  platform: string,
  chatId: string,
  n: number,
): Promise<{ command?: string; messageId?: string } | undefined> {
  const { messageId, commands } = read(await getSetting(db, key(platform, chatId)));
  const command = commands?.[n - 1];
  return command || messageId ? { command, messageId } : undefined;
}

/** A used card's numbered menu expires (when it is still the chat's current menu). */
export async function expireChoices(db: Tx, platform: string, chatId: string, messageId: string): Promise<void> {
  const current = read(await getSetting(db, key(platform, chatId)));
  if (current.messageId === messageId)
    await setSetting(db, key(platform, chatId), JSON.stringify({ messageId, commands: [] }));
}
