import { raw } from './lane.js';
import { sqlTime } from './sql.js';
import type { Tx } from './tx.js';

export async function getSetting(db: Tx, key: string): Promise<string | undefined> {
  return (await db.setting.findUnique({ where: { key } }))?.value;
}

export async function setSetting(db: Tx, key: string, value: string): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * Sets a value that only grows (an ISO instant: the simulated clock that several
 * processes share): a process whose clock is behind never moves it back. One statement.
 */
export async function raiseSetting(db: Tx, key: string, value: string, at: Date): Promise<void> {
  await raw(db).run(
    `INSERT INTO "Setting" ("key","value","updatedAt") VALUES (?,?,?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt" WHERE "Setting"."value" < excluded."value"`,
    key,
    value,
    sqlTime(at),
  );
}
