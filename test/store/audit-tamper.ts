// What someone with the database file (but not the audit key) might do to the audit rows, as SQL:
// the tests of the audit chain (SQLite here, PostgreSQL in test/pg/audit-chain.test.ts) do it and
// expect `verifyChain` to name the row.
import { createHash, createHmac } from 'node:crypto';
import { appendAudits } from '../../src/store/audit.js';
import type { Db } from '../../src/store/db.js';
import { raw, transaction } from '../../src/store/lane.js';
import { sqlTime } from '../../src/store/sql.js';

export const KEY = Buffer.alloc(32, 7);

/** Appends `n` audit rows, one transaction each, a minute apart from `start`. */
export async function writeRows(db: Db, n: number, start = new Date('2026-09-01T02:00:00Z'), tag = 'a') {
  for (let i = 0; i < n; i++)
    await transaction(db, (tx) =>
      appendAudits(tx, [
        {
          actor: `李明（示例县人民检察院）`,
          actorId: null,
          action: i % 3 === 0 ? 'clue.read' : 'matter.reply',
          subject: `XS-2026-${String(i + 1).padStart(3, '0')}`,
          detail: { n: i, tag },
          at: new Date(start.getTime() + i * 60_000),
        },
      ]),
    );
}

export const rowAt = async (db: Db, seq: number) =>
  (await raw(db).all<{ id: string }>(`SELECT "id" FROM "AuditEvent" WHERE "chainSeq" = ?`, seq))[0]!.id;

export async function editDetail(db: Db, seq: number, detail: string) {
  await raw(db).run(`UPDATE "AuditEvent" SET "detail" = ? WHERE "chainSeq" = ?`, detail, seq);
}

export async function removeRow(db: Db, seq: number) {
  await raw(db).run(`DELETE FROM "AuditEvent" WHERE "chainSeq" = ?`, seq);
}

/** A row written straight into the table, as the application never would. */
export async function insertLoose(db: Db, at: Date) {
  await raw(db).run(
    `INSERT INTO "AuditEvent" ("id","at","actor","action","subject","detail") VALUES (?,?,?,?,?,?)`,
    `forged-${at.getTime()}`,
    sqlTime(at),
    '王芳（示例县人民检察院）',
    'clue.read',
    'XS-2026-001',
    '{}',
  );
}

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

/**
 * Rewrites every link from row `from` on after changing its detail — SM3 recomputed as the chain
 * does (canonical content, previous link), the MACs under a key guessed wrong, the head moved to match.
 */
export async function rewriteChain(db: Db, from: number, detail: string, key = Buffer.alloc(32, 9)) {
  await editDetail(db, from, detail);
  const rows = await raw(db).all<Record<string, unknown>>(
    `SELECT * FROM "AuditEvent" WHERE "chainSeq" >= ? ORDER BY "chainSeq"`,
    from,
  );
  let prev = (
    await raw(db).all<{ prevHash: string }>(`SELECT "prevHash" FROM "AuditEvent" WHERE "chainSeq" = ?`, from)
  )[0]!.prevHash;
  for (const r of rows) {
    const seq = Number(r.chainSeq);
    const at = new Date(r.at as string).toISOString();
    const text = JSON.stringify([seq, r.id, at, r.actorId ?? null, r.actor, r.action, r.subject ?? null, r.detail]);
    const hash = sm3(`${prev}\n${text}`);
    const mac = createHmac('sm3', key).update(`link:${hash}`).digest('hex');
    await raw(db).run(
      `UPDATE "AuditEvent" SET "prevHash" = ?, "hash" = ?, "mac" = ? WHERE "chainSeq" = ?`,
      prev,
      hash,
      mac,
      seq,
    );
    prev = hash;
  }
  await raw(db).run(`UPDATE "AuditChainHead" SET "hash" = ? WHERE "id" = 1`, prev);
}
