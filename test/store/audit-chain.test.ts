// 审计链 on SQLite: each audit row is a link (SM3 of its content and of the link before it, and an
// HMAC-SM3 under the key kept outside the database). Changing, removing or inserting any row — or
// rewriting the whole chain without the key — is named by verifyChain, at the first row it touches.
import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../src/domain/audit-chain.js';
import { appendAudits } from '../../src/store/audit.js';
import { chainHead, purgeBefore } from '../../src/store/audit-chain.js';
import { useAuditKey } from '../../src/store/audit-key.js';
import { verifyChain } from '../../src/store/audit-read.js';
import type { Db } from '../../src/store/db.js';
import { raw, transaction } from '../../src/store/lane.js';
import { sqlTime } from '../../src/store/sql.js';
import { freshDb } from '../support/db.js';
import { editDetail, insertLoose, KEY, removeRow, rewriteChain, writeRows } from './audit-tamper.js';

let db: Db;
beforeEach(async () => {
  useAuditKey({ key: KEY, source: 'test', defaulted: false });
  ({ db } = await freshDb());
});
afterEach(() => db.$disconnect());

const sm3 = (s: string) => createHash('sm3').update(s, 'utf8').digest('hex');

describe('the audit chain', () => {
  it('uses SM3 as the standard gives it (GB/T 32905-2016, example 1: "abc")', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it("links each row to the one before, as computed by hand from the row's fields", async () => {
    await writeRows(db, 2);
    const rows = await raw(db).all<Record<string, string>>(`SELECT * FROM "AuditEvent" ORDER BY "chainSeq"`);
    const [first, second] = rows;
    const zero = '0'.repeat(64);
    const text1 = JSON.stringify([
      1,
      first!.id,
      '2026-09-01T02:00:00.000Z',
      null,
      '李明（示例县人民检察院）',
      'clue.read',
      'XS-2026-001',
      '{"n":0,"tag":"a"}',
    ]);
    expect(first!.prevHash).toBe(zero);
    expect(first!.hash).toBe(sm3(`${zero}\n${text1}`));
    expect(first!.mac).toBe(createHmac('sm3', KEY).update(`link:${first!.hash}`).digest('hex'));
    expect(second!.prevHash).toBe(first!.hash);
    const head = (await raw(db).all<Record<string, unknown>>(`SELECT * FROM "AuditChainHead"`))[0]!;
    expect({ seq: Number(head.seq), hash: head.hash, keyId: head.keyId }).toEqual({
      seq: 2,
      hash: second!.hash,
      keyId: keyIdOf(KEY),
    });
    const report = await verifyChain(db);
    expect({ problem: report.problem, checked: report.checked, total: report.total }).toEqual({
      problem: undefined,
      checked: 2,
      total: 2,
    });
  });

  it('names a row whose content was changed', async () => {
    await writeRows(db, 6);
    await editDetail(db, 4, '{"n":3,"tag":"b"}');
    const r = await verifyChain(db);
    expect(r.problem?.kind).toBe('changed');
    expect((r.problem as { row: { seq: number } }).row.seq).toBe(4);
    expect(r.checked).toBe(3);
  });

  it('names a row that was removed, in the middle and at the end', async () => {
    await writeRows(db, 6);
    await removeRow(db, 3);
    expect((await verifyChain(db)).problem).toMatchObject({ kind: 'removed', from: 3, to: 3 });
    ({ db } = await freshDb());
    await writeRows(db, 6);
    await removeRow(db, 6);
    await removeRow(db, 5);
    expect((await verifyChain(db)).problem).toEqual({ kind: 'tail', from: 5, to: 6 });
  });

  it('names a row inserted into the table', async () => {
    await writeRows(db, 4);
    await insertLoose(db, new Date('2026-09-01T02:01:30Z'));
    const r = await verifyChain(db);
    expect(r.problem).toMatchObject({
      kind: 'inserted',
      row: { id: `forged-${Date.parse('2026-09-01T02:01:30Z')}`, seq: null },
    });
  });

  it('names the first row of a chain rewritten without the key (SM3 alone can be recomputed, the HMAC cannot)', async () => {
    await writeRows(db, 5);
    await rewriteChain(db, 2, '{"n":1,"tag":"rewritten"}');
    const r = await verifyChain(db);
    expect(r.problem).toMatchObject({ kind: 'forged', row: { seq: 2 } });
    // with the key the same rewrite would pass: the MAC is what holds
    await rewriteChain(db, 2, '{"n":1,"tag":"rewritten"}', KEY);
    expect((await verifyChain(db)).problem).toEqual({ kind: 'head', reason: 'forged' });
  });

  it('chains rows written before the chain once, in the order they were written, and flags later loose rows', async () => {
    const at = (m: number) => new Date(Date.UTC(2026, 7, 1, 2, m));
    for (const [i, m] of [5, 1, 3].entries())
      await raw(db).run(
        `INSERT INTO "AuditEvent" ("id","at","actor","action","detail") VALUES (?,?,?,?,?)`,
        `old-${i}`,
        sqlTime(at(m)),
        'system',
        'remind.sent',
        '{}',
      );
    await transaction(db, async (tx) => void (await chainHead(tx, at(10))));
    const order = await raw(db).all<{ id: string; chainSeq: number }>(
      `SELECT "id","chainSeq" FROM "AuditEvent" ORDER BY "chainSeq"`,
    );
    expect(order.map((o) => [o.id, Number(o.chainSeq)])).toEqual([
      ['old-1', 1],
      ['old-2', 2],
      ['old-0', 3],
    ]);
    await writeRows(db, 2);
    expect((await verifyChain(db)).checked).toBe(5);
    await insertLoose(db, at(20));
    expect((await verifyChain(db)).problem?.kind).toBe('inserted');
  });

  it('notes in the chain itself that its head row was deleted', async () => {
    await writeRows(db, 3);
    await raw(db).run(`DELETE FROM "AuditChainHead"`);
    await insertLoose(db, new Date('2026-09-01T02:01:30Z'));
    expect((await verifyChain(db)).problem).toEqual({ kind: 'head', reason: 'missing' });
    await writeRows(db, 1, new Date('2026-09-02T02:00:00Z'));
    const actions = await raw(db).all<{ action: string }>(
      `SELECT "action" FROM "AuditEvent" WHERE "chainSeq" IS NOT NULL ORDER BY "chainSeq"`,
    );
    expect(actions.map((a) => a.action).slice(3)).toEqual(['audit.head_restored', 'clue.read']);
    // the row slipped in while the head was missing stays outside the chain, and is named
    const r = await verifyChain(db);
    expect({ checked: r.checked, kind: r.problem?.kind }).toEqual({ checked: 5, kind: 'inserted' });
  });

  it('purges only from the start, and the rest still verifies', async () => {
    await writeRows(db, 5, new Date('2026-01-01T02:00:00Z'));
    await writeRows(db, 3, new Date('2026-08-01T02:00:00Z'));
    const removed = await transaction(db, (tx) => purgeBefore(tx, new Date('2026-03-01T00:00:00Z'), new Date()));
    expect(removed).toBe(5);
    const r = await verifyChain(db);
    expect({ problem: r.problem, checked: r.checked, from: r.from }).toEqual({
      problem: undefined,
      checked: 3,
      from: 6,
    });
  });

  it('checks the latest rows only when asked for a quick check', async () => {
    await writeRows(db, 8);
    await editDetail(db, 2, '{}');
    expect((await verifyChain(db, { lastRows: 5 })).problem).toBeUndefined();
    expect((await verifyChain(db, { lastRows: 5 })).checked).toBe(5);
    expect((await verifyChain(db)).problem?.kind).toBe('changed');
  });

  it('writes nothing for a turn without audit rows', async () => {
    await transaction(db, (tx) => appendAudits(tx, []));
    expect(await raw(db).all(`SELECT * FROM "AuditChainHead"`)).toEqual([]);
  });
});
