// A corrected command the bot offered ("是否指 示例县市场监督管理局？回复 是"), kept for
// ten minutes per person and chat; a "是" takes it (once), other messages leave it.
import { getSetting, setSetting } from './settings.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';

export const SUGGESTION_MINUTES = 10;
const key = (platform: string, chatId: string, userId: string) => `suggest:${platform}:${chatId}:${userId}`;

export async function saveSuggestion(
  db: Tx,
  platform: string,
  chatId: string,
  userId: string,
  command: string,
  now: Date,
): Promise<void> {
  await setSetting(
    db,
    key(platform, chatId, userId),
    JSON.stringify({ command, until: now.getTime() + SUGGESTION_MINUTES * 60_000 }),
  );
}

/** The offered command, if still valid; it is removed either way. */
export async function takeSuggestion(
  db: Tx,
  platform: string,
  chatId: string,
  userId: string,
  now: Date,
): Promise<string | undefined> {
  const raw = await getSetting(db, key(platform, chatId, userId));
  if (!raw) return undefined;
  await db.setting.deleteMany({ where: { key: key(platform, chatId, userId) } });
  const s = parseJson<{ command?: string; until?: number }>(raw, {});
  return s.command && (s.until ?? 0) > now.getTime() ? s.command : undefined;
}
