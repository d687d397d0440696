// 审计链 on PostgreSQL: rows appended by many transactions at once, and by three `liandong start`
// processes at once (one killed with SIGKILL in the middle), join one chain in one serial order
// (the head row locked FOR UPDATE for the append at the end of each transaction); changing,
// removing or inserting a row, or rewriting the chain without the key, is named by verifyChain.
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { appendAudits } from '../../src/store/audit.js';
import { useAuditKey } from '../../src/store/audit-key.js';
import { verifyChain } from '../../src/store/audit-read.js';
import { type Db, openDb } from '../../src/store/db.js';
import { transaction } from '../../src/store/lane.js';
import { editDetail, insertLoose, KEY, removeRow, rewriteChain, writeRows } from '../store/audit-tamper.js';
import { type ChildBot, startChild } from '../support/child.js';
import { freshPostgresUrl } from '../support/db.js';

let db: Db | undefined;
const bots: ChildBot[] = [];
let client: pg.Client | undefined;
afterEach(async () => {
  await db?.$disconnect();
  db = undefined;
});
afterAll(async () => {
  for (const b of bots) b.stop();
  await client?.end();
});

async function fresh(): Promise<Db> {
  useAuditKey({ key: KEY, source: 'test', defaulted: false });
  db = await openDb(await freshPostgresUrl());
  return db;
}

describe('the audit chain on PostgreSQL', () => {
  it('links rows of 40 transactions at once in one order, 1 to 80 without a gap', async () => {
    const d = await fresh();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        transaction(d, (tx) =>
          appendAudits(tx, [
            { actor: 'system', action: 'remind.sent', subject: `JY-2026-${i}`, at: new Date(), detail: { i } },
            { actor: 'system', action: 'overdue.sent', subject: `JY-2026-${i}`, at: new Date(), detail: { i } },
          ]),
        ),
      ),
    );
    const seqs = (await d.auditEvent.findMany({ select: { chainSeq: true }, orderBy: { chainSeq: 'asc' } })).map(
      (r) => r.chainSeq,
    );
    expect(seqs).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    const r = await verifyChain(d);
    expect({ problem: r.problem, checked: r.checked }).toEqual({ problem: undefined, checked: 80 });
  });

  it('names a changed, a removed, an inserted row and a chain rewritten without the key', async () => {
    let d = await fresh();
    await writeRows(d, 6);
    await editDetail(d, 4, '{"n":3,"tag":"b"}');
    expect((await verifyChain(d)).problem).toMatchObject({ kind: 'changed', row: { seq: 4 } });
    await d.$disconnect();
    d = await fresh();
    await writeRows(d, 6);
    await removeRow(d, 2);
    expect((await verifyChain(d)).problem).toMatchObject({ kind: 'removed', from: 2, to: 2 });
    await d.$disconnect();
    d = await fresh();
    await writeRows(d, 4);
    await insertLoose(d, new Date('2026-09-01T02:01:30Z'));
    expect((await verifyChain(d)).problem).toMatchObject({ kind: 'inserted' });
    await d.$disconnect();
    d = await fresh();
    await writeRows(d, 5);
    await rewriteChain(d, 3, '{"n":2,"tag":"rewritten"}');
    expect((await verifyChain(d)).problem).toMatchObject({ kind: 'forged', row: { seq: 3 } });
  });

  it('keeps one chain for three processes registering at once, one of them killed with SIGKILL', async () => {
    const url = await freshPostgresUrl();
    const env = { DATABASE_POOL: '4', LIANDONG_AUDIT_KEY: KEY.toString('hex') };
    bots.push(await startChild(url, '2026-09-01T10:00:00+08:00', env));
    bots.push(...(await Promise.all([1, 2].map(() => startChild(url, '2026-09-01T10:00:00+08:00', env)))));
    const N = 60;
    const register = (from: number, to: number) =>
      Promise.all(
        bots.map(async (bot, b) => {
          for (let i = from + b; i < to; i += 3)
            await bot.api('POST', '/api/chats/c-joint/messages', {
              senderId: 'u-liaison',
              text: `/建议 新建 单位=市场监管局 标题=第${i + 1}号检察建议 送达=2026-09-01 期限=2个月`,
            });
        }),
      );
    await register(0, N / 2);
    await bots[1]!.kill9();
    await register(N / 2, N);
    client = new pg.Client({ connectionString: url });
    await client.connect();
    const [{ n }] = (await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Matter"`)).rows as [{ n: string }];
    expect(Number(n)).toBe(N);
    useAuditKey({ key: KEY, source: 'test', defaulted: false });
    db = await openDb(url);
    const total = await db.auditEvent.count();
    const r = await verifyChain(db);
    expect({ problem: r.problem, checked: r.checked }).toEqual({ problem: undefined, checked: total });
    // every registration is a link: N rec.register rows (or the action it writes), all chained
    expect(await db.auditEvent.count({ where: { chainSeq: null } })).toBe(0);
    expect(total).toBeGreaterThanOrEqual(N);
    await editDetail(db, Math.floor(total / 2), '{}');
    expect((await verifyChain(db)).problem).toMatchObject({ kind: 'changed', row: { seq: Math.floor(total / 2) } });
  }, 120_000);
});
