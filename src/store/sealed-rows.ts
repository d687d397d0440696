// The rows that may hold restricted content, and the two passes over them: the first time a
// data key is configured, plain text still there is sealed (with SQLite's secure_delete on and the
// WAL checkpointed and truncated after, so no old plain text stays in free pages or the WAL;
// PostgreSQL: the old row versions stay until VACUUM FULL — README 「安全与审计（等保）」); and a key
// rotation re-seals what an old key sealed under the current one. Both go in batches, each in a
// transaction of its own, and each row is rewritten only if it is still what was read (a bot
// running beside them wins): a pass killed half-way (kill -9) is simply run again.
import type { Db } from './db.js';
import { raw, transaction } from './lane.js';
import { configureSealing, open, seal, sealIfKeyed, sealingOn } from './sealed.js';
import { isPostgres } from './sql.js';
import type { Tx } from './tx.js';

interface Target {
  table: string;
  key: string;
  column: string;
  /** SQL (on the row) for rows whose plain text is restricted content; none: every row */
  restricted?: string;
}

const RESTRICTED_MATTER = `"matterId" IN (SELECT "matterId" FROM "Clue" WHERE "restricted" = TRUE)`;

/**
 * Where sealed content is kept. A store that seals another column (a restricted consultation …)
 * adds it here, so that rotation and the first sealing reach it too.
 */
export const SEALED_COLUMNS: Target[] = [
  {
    table: 'Matter',
    key: 'id',
    column: 'summary',
    restricted: `"id" IN (SELECT "matterId" FROM "Clue" WHERE "restricted" = TRUE)`,
  },
  { table: 'Clue', key: 'matterId', column: 'involved', restricted: `"restricted" = TRUE` },
  { table: 'Clue', key: 'matterId', column: 'resultNote', restricted: `"restricted" = TRUE` },
  { table: 'ClueStep', key: 'id', column: 'note', restricted: RESTRICTED_MATTER },
  // 限制知悉的咨询 (src/bot/consultations): the question and the answer
  { table: 'Consultation', key: 'id', column: 'question', restricted: `"restricted" = TRUE` },
  { table: 'Consultation', key: 'id', column: 'answer', restricted: `"restricted" = TRUE` },
  { table: 'OutboxMessage', key: 'id', column: 'payload' },
  { table: 'FormSession', key: 'id', column: 'answers' },
  { table: 'PlatformInbox', key: 'key', column: 'payload' },
  { table: 'SandboxMessage', key: 'seq', column: 'text' },
  { table: 'SandboxMessage', key: 'seq', column: 'card' },
  { table: 'SandboxMessage', key: 'seq', column: 'attachments' },
];

const BATCH = 200;
const PREFIX = 'sm4:v1:';

type Row = { k: string | number; v: string };

/** One batch: rows picked by `where`, each rewritten by `change` if it is still as read. */
async function batch(
  db: Db,
  t: Target,
  where: string,
  args: unknown[],
  offset: number,
  change: (v: string) => string | undefined,
): Promise<{ seen: number; changed: number; skipped: number }> {
  return transaction(db, async (tx: Tx) => {
    const rows = await raw(tx).all<Row>(
      `SELECT "${t.key}" AS k, "${t.column}" AS v FROM "${t.table}" WHERE ${where} ORDER BY "${t.key}" LIMIT ? OFFSET ?`,
      ...args,
      BATCH,
      offset,
    );
    let changed = 0;
    let skipped = 0;
    for (const r of rows) {
      const next = change(r.v);
      if (next === undefined) {
        skipped++;
        continue;
      }
      changed += await raw(tx).run(
        `UPDATE "${t.table}" SET "${t.column}" = ? WHERE "${t.key}" = ? AND "${t.column}" = ?`,
        next,
        r.k,
        r.v,
      );
    }
    return { seen: rows.length, changed, skipped };
  });
}

async function pass(
  db: Db,
  where: (t: Target) => string,
  args: unknown[],
  change: (v: string) => string | undefined,
  onBatch?: (table: string, column: string, n: number) => void,
): Promise<{ changed: number; skipped: number }> {
  let changed = 0;
  let skipped = 0;
  for (const t of SEALED_COLUMNS) {
    let offset = 0;
    for (;;) {
      const b = await batch(db, t, where(t), args, offset, change);
      changed += b.changed;
      skipped += b.skipped;
      // rows that cannot be changed stay in front: the next batch starts after them
      offset += b.skipped;
      if (b.changed) onBatch?.(t.table, t.column, b.changed);
      if (b.seen < BATCH && b.changed + b.skipped === b.seen) break;
    }
  }
  return { changed, skipped };
}

/** SQLite: freed space is overwritten with zeros from now on (no old plain text in free pages). */
export async function secureDelete(db: Db): Promise<void> {
  if (!isPostgres(db)) await raw(db).all('PRAGMA secure_delete = ON');
}

/** SQLite: the WAL copied into the file and emptied; true when it could be (no reader held it). */
export async function truncateWal(db: Db): Promise<boolean> {
  if (isPostgres(db)) return true;
  const [r] = await raw(db).all<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
  return !r || Number(r.busy) === 0;
}

/**
 * The first sealing: restricted content still in plain text is sealed under the current key.
 * Returns how many values were sealed; with any, the SQLite file is rebuilt (VACUUM) and the WAL
 * checkpointed and truncated.
 */
export async function sealPlaintext(
  db: Db,
  onBatch?: (table: string, column: string, n: number) => void,
): Promise<{ sealed: number; walTruncated: boolean }> {
  await secureDelete(db);
  const { changed } = await pass(
    db,
    (t) =>
      `"${t.column}" IS NOT NULL AND "${t.column}" NOT IN ('', '[]', '{}') AND substr("${t.column}", 1, ${PREFIX.length}) <> ?${t.restricted ? ` AND ${t.restricted}` : ''}`,
    [PREFIX],
    (v) => sealIfKeyed(v),
    onBatch,
  );
  if (!changed) return { sealed: 0, walTruncated: true };
  // SQLite: what was deleted before the key came (a finished form's answers …) may still lie in
  // free space: the file is rebuilt once, then the WAL emptied
  if (!isPostgres(db)) await raw(db).run('VACUUM');
  return { sealed: changed, walTruncated: await truncateWal(db) };
}

/**
 * Rotation: what any key but `current` sealed is opened and sealed again under the current key.
 * A value no key here can open is left as it is and counted (`unreadable`).
 */
export async function resealUnder(
  db: Db,
  current: string,
  onBatch?: (table: string, column: string, n: number) => void,
): Promise<{ resealed: number; unreadable: number }> {
  await secureDelete(db);
  const head = `${PREFIX}${current}:`;
  const { changed, skipped } = await pass(
    db,
    (t) => `substr("${t.column}", 1, ${PREFIX.length}) = ? AND substr("${t.column}", 1, ${head.length}) <> ?`,
    [PREFIX, head],
    (v) => {
      try {
        return seal(open(v));
      } catch {
        return undefined;
      }
    },
    onBatch,
  );
  return { resealed: changed, unreadable: skipped };
}

/** How many sealed values each key id holds, and how many restricted values are still plain text. */
export async function sealedCounts(db: Db): Promise<{ byKey: Record<string, number>; plain: number }> {
  const byKey: Record<string, number> = {};
  let plain = 0;
  for (const t of SEALED_COLUMNS) {
    const rows = await raw(db).all<{ v: string }>(
      `SELECT "${t.column}" AS v FROM "${t.table}" WHERE substr("${t.column}", 1, ${PREFIX.length}) = ?`,
      PREFIX,
    );
    for (const r of rows) {
      const id = r.v.slice(PREFIX.length).split(':', 1)[0]!;
      byKey[id] = (byKey[id] ?? 0) + 1;
    }
    if (t.restricted) {
      const [n] = await raw(db).all<{ n: number | bigint }>(
        `SELECT count(*) AS n FROM "${t.table}" WHERE "${t.column}" IS NOT NULL AND "${t.column}" NOT IN ('', '[]', '{}') AND substr("${t.column}", 1, ${PREFIX.length}) <> ? AND ${t.restricted}`,
        PREFIX,
      );
      plain += Number(n?.n ?? 0);
    }
  }
  return { byKey, plain };
}

interface Say {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
}

/**
 * At start: the keys installed (a key named but unreadable stops the start with the reason), and
 * the first sealing when a key is configured. Without a key: a real platform is warned about any
 * restricted clue kept in clear (new ones are refused, src/bot/clues/service.ts); the sandbox keeps
 * made-up content in clear.
 */
export async function startSealing(
  db: Db,
  keys: { file?: string; inline?: string } | undefined,
  sandboxOnly: boolean,
  log: Say,
): Promise<void> {
  configureSealing(keys ?? {});
  if (sealingOn()) {
    const { sealed, walTruncated } = await sealPlaintext(db);
    if (sealed)
      log.info(
        { values: sealed, walTruncated },
        `已将 ${sealed} 项限制知悉内容加密保存（SM4），明文残留已清除${walTruncated ? '' : '（WAL 暂未截断，下次启动再清）'}${isPostgres(db) ? '；PostgreSQL 请在维护窗口执行 VACUUM FULL 清除旧行版本' : ''}`,
      );
    return;
  }
  if (sandboxOnly) return;
  const { plain } = await sealedCounts(db);
  if (plain)
    log.warn(
      { values: plain },
      `未配置数据密钥：有 ${plain} 项控制知悉范围的线索内容以明文保存。请配置 LIANDONG_DATA_KEY_FILE（liandong crypto init 生成）后重新启动，启动时自动加密`,
    );
}
