import type { Tx } from './tx.js';

export async function getSetting(db: Tx, key: string): Promise<string | undefined> {
  return (await db.setting.findUnique({ where: { key } }))?.value;
}

export async function setSetting(db: Tx, key: string, value: string): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
