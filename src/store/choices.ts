// Numbered choices of the last card shown as text in a chat ("回复 1 填写整改反馈"), so a
// bare number can be mapped back to the button's command.
import { getSetting, setSetting } from './settings.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';

const key = (platform: string, chatId: string) => `choices:${platform}:${chatId}`;

export async function saveChoices(db: Tx, platform: string, chatId: string, commands: string[]): Promise<void> {
  await setSetting(db, key(platform, chatId), JSON.stringify(commands));
}

export async function choiceFor(db: Tx, platform: string, chatId: string, n: number): Promise<string | undefined> {
  const list = parseJson<string[]>(await getSetting(db, key(platform, chatId)), []);
  return list[n - 1];
}
