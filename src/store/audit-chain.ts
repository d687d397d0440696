// 审计链 in the database: the head row (id 1) and the links of the AuditEvent rows
// (src/domain/audit-chain.ts). Appending is the last step of a transaction: the head is read —
// on PostgreSQL locked FOR UPDATE, so that rows of several processes join the chain one
// transaction after another, in one serial order, for the short moment until the commit —
// the rows are linked after it and the head moved on. On SQLite one writer runs at a time already.
import { type ChainHead, GENESIS, headMac, type LinkContent, linked } from '../domain/audit-chain.js';
import type { AuditInput } from './audit.js';
import { auditKey } from './audit-key.js';
import { raw } from './lane.js';
import { isPostgres, orderedId, sqlTime } from './sql.js';
import type { Tx } from './tx.js';

const HEAD_COLUMNS = '"seq","hash","baseSeq","baseHash","keyId","mac"';

/** Reads the head, locked until the transaction ends (PostgreSQL) unless `lock` is false (a reader). */
export async function lockHead(tx: Tx, lock = true): Promise<ChainHead | undefined> {
  const rows = await raw(tx).all<ChainHead>(
    `SELECT ${HEAD_COLUMNS} FROM "AuditChainHead" WHERE "id" = 1${lock && isPostgres(tx) ? ' FOR UPDATE' : ''}`,
  );
  const h = rows[0];
  return h && { ...h, seq: Number(h.seq), baseSeq: Number(h.baseSeq) };
}

/** The statement that moves the head on: its text and values (appendAudits folds it into its insert on PostgreSQL). */
export function headUpdate(h: Omit<ChainHead, 'mac' | 'keyId'>, now: Date): { sql: string; args: unknown[] } {
  const key = auditKey();
  return {
    sql: `UPDATE "AuditChainHead" SET "seq" = ?, "hash" = ?, "baseSeq" = ?, "baseHash" = ?, "keyId" = ?, "mac" = ?, "updatedAt" = ? WHERE "id" = 1`,
    args: [h.seq, h.hash, h.baseSeq, h.baseHash, key.id, headMac(key.key, h), sqlTime(now)],
  };
}

export async function saveHead(tx: Tx, h: Omit<ChainHead, 'mac' | 'keyId'>, now: Date): Promise<void> {
  const u = headUpdate(h, now);
  await raw(tx).run(u.sql, ...u.args);
}

type Row = Omit<LinkContent, 'seq'>;
const ROWS_PER_UPDATE = 200;

/** Rows written before the chain (or by a process without it), in the order they were written. */
async function unchained(tx: Tx): Promise<Row[]> {
  const rows = await raw(tx).all<Row & { at: string | Date }>(
    `SELECT "id","at","actorId","actor","action","subject","detail" FROM "AuditEvent" WHERE "chainSeq" IS NULL ORDER BY "at","id"`,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/** Links rows already in the table (the first start after the migration), a few hundred per statement. */
async function chainExisting(tx: Tx, head: { seq: number; hash: string }, rows: Row[]) {
  const links = linked(auditKey().key, head, rows);
  for (let i = 0; i < links.length; i += ROWS_PER_UPDATE) {
    const part = links.slice(i, i + ROWS_PER_UPDATE);
    const when = part.map(() => 'WHEN ? THEN ?').join(' ');
    const args: unknown[] = [];
    for (const col of ['seq', 'prevHash', 'hash', 'mac'] as const) for (const l of part) args.push(l.id, l[col]);
    await raw(tx).run(
      `UPDATE "AuditEvent" SET "chainSeq" = CAST(CASE "id" ${when} END AS INTEGER), "prevHash" = CASE "id" ${when} END, "hash" = CASE "id" ${when} END, "mac" = CASE "id" ${when} END WHERE "id" IN (${part.map(() => '?').join(',')})`,
      ...args,
      ...part.map((l) => l.id),
    );
  }
  const last = links.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : head;
}

/**
 * The chain's first step in this database: the head row is created; rows written before the
 * chain are linked, in the order they were written. If rows are linked already (the head row
 * was deleted), the head is set again on the last of them, an `audit.head_restored` row says so,
 * and no loose row is taken into the chain.
 */
async function startChain(tx: Tx, now: Date): Promise<{ head: ChainHead; note?: AuditInput }> {
  const created = await raw(tx).run(
    `INSERT INTO "AuditChainHead" ("id",${HEAD_COLUMNS},"updatedAt") VALUES (1, 0, ?, 1, ?, '', '', ?) ON CONFLICT ("id") DO NOTHING`,
    GENESIS,
    GENESIS,
    sqlTime(now),
  );
  if (!created) return { head: (await lockHead(tx))! };
  const [last] = await raw(tx).all<{ seq: number; hash: string }>(
    `SELECT "chainSeq" AS "seq","hash" FROM "AuditEvent" WHERE "chainSeq" IS NOT NULL ORDER BY "chainSeq" DESC LIMIT 1`,
  );
  let note: AuditInput | undefined;
  let base = { seq: 1, hash: GENESIS };
  let end = { seq: 0, hash: GENESIS };
  if (last) {
    const [first] = await raw(tx).all<{ seq: number; prevHash: string }>(
      `SELECT "chainSeq" AS "seq","prevHash" FROM "AuditEvent" WHERE "chainSeq" IS NOT NULL ORDER BY "chainSeq" LIMIT 1`,
    );
    base = { seq: Number(first!.seq), hash: first!.prevHash };
    end = { seq: Number(last.seq), hash: last.hash };
    note = { actor: 'system', action: 'audit.head_restored', detail: { lastSeq: end.seq }, at: now };
  }
  // rows outside a chain that exists were inserted behind the bot's back: they stay outside (verify names them)
  if (!last) end = await chainExisting(tx, end, await unchained(tx));
  const head = { seq: end.seq, hash: end.hash, baseSeq: base.seq, baseHash: base.hash };
  await saveHead(tx, head, now);
  return { head: { ...head, keyId: auditKey().id, mac: '' }, note };
}

/** The head, locked; the chain started first if this database has none yet. */
export async function chainHead(tx: Tx, now: Date): Promise<{ head: ChainHead; note?: AuditInput }> {
  const head = await lockHead(tx);
  return head ? { head } : startChain(tx, now);
}

export interface NewLink {
  id: string;
  at: Date;
  actorId: string | null;
  actor: string;
  action: string;
  subject: string | null;
  detail: string;
}

/**
 * The head as this process last moved it, per SQLite database (its transaction client is one object):
 * the next append moves it on with one conditional UPDATE instead of reading it first. If anything else
 * moved it (another process, a purge, a rolled-back turn), the UPDATE changes nothing and the head is read.
 */
const lastHead = new WeakMap<object, Omit<ChainHead, 'mac' | 'keyId'>>();

function after(head: Omit<ChainHead, 'mac' | 'keyId'>, rows: NewLink[], now: Date) {
  const links = linked(auditKey().key, head, rows);
  const last = links.at(-1)!;
  const next = { seq: last.seq, hash: last.hash, baseSeq: head.baseSeq, baseHash: head.baseHash };
  return { links, next, move: headUpdate(next, now) };
}

/**
 * Links new rows after the head: the rows with their link columns, and the statement that moves the
 * head on (undefined when it has moved already). On PostgreSQL the head is read locked FOR UPDATE.
 */
export async function linkNew(tx: Tx, rows: NewLink[], now: Date) {
  const sqlite = !isPostgres(tx);
  const known = sqlite ? lastHead.get(tx) : undefined;
  if (known) {
    const a = after(known, rows, now);
    const moved = await raw(tx).run(
      `${a.move.sql} AND "seq" = ? AND "hash" = ? AND "baseSeq" = ?`,
      ...a.move.args,
      known.seq,
      known.hash,
      known.baseSeq,
    );
    if (moved) {
      lastHead.set(tx, a.next);
      return { links: a.links, move: undefined };
    }
  }
  const { head, note } = await chainHead(tx, now);
  const a = after(head, note ? [noteRow(note), ...rows] : rows, now);
  if (sqlite) lastHead.set(tx, a.next);
  return { links: a.links, move: a.move };
}

function noteRow(n: AuditInput): NewLink {
  return {
    id: orderedId(),
    at: n.at,
    actorId: null,
    actor: n.actor,
    action: n.action,
    subject: null,
    detail: JSON.stringify(n.detail ?? {}),
  };
}

/** A configured purge: rows before `before` go, from the chain's start, and the head says where it now begins. */
export async function purgeBefore(tx: Tx, before: Date, now: Date): Promise<number> {
  const { head } = await chainHead(tx, now);
  const [cut] = await raw(tx).all<{ seq: number; prevHash: string }>(
    `SELECT "chainSeq" AS "seq","prevHash" FROM "AuditEvent" WHERE "chainSeq" IS NOT NULL AND "at" >= ? ORDER BY "chainSeq" LIMIT 1`,
    sqlTime(before),
  );
  // nothing after the cut: keep the last row, so the chain's end is still a row
  const cutSeq = cut ? Number(cut.seq) : head.seq;
  if (cutSeq <= head.baseSeq) return 0;
  const prevHash =
    cut?.prevHash ??
    (await raw(tx).all<{ prevHash: string }>(`SELECT "prevHash" FROM "AuditEvent" WHERE "chainSeq" = ?`, cutSeq))[0]
      ?.prevHash ??
    head.hash;
  const removed = await raw(tx).run(`DELETE FROM "AuditEvent" WHERE "chainSeq" < ?`, cutSeq);
  await saveHead(tx, { ...head, baseSeq: cutSeq, baseHash: prevHash }, now);
  return removed;
}
