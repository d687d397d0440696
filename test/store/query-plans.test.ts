// Every query the scheduler, the outbox, the inbox and the ledger run is checked with
// EXPLAIN QUERY PLAN on a seeded database: an index, never a whole-table scan or a
// temporary B-tree to sort (issue 9: sendable and nextRetryAt sorted every pending row).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { pruneInbound } from '../../src/store/inbound.js';
import { dueJobs, nextPendingJob, planJobs } from '../../src/store/jobs.js';
import { ledgerCounts, openMattersInChunks, openMattersPage } from '../../src/store/matters.js';
import { enqueue, nextRetryAt, sendable } from '../../src/store/outbox.js';
import { pruneInboxBefore, unprocessedInbox } from '../../src/store/platform-inbox.js';
import { statementStats } from '../../src/store/serial-adapter.js';
import { freshDb } from '../support/db.js';

let db: Db;
const at = new Date('2026-09-01T02:00:00Z');

beforeAll(async () => {
  ({ db } = await freshDb());
  const org = await db.org.create({ data: { name: '某局', kind: 'agency' } });
  const proc = await db.org.create({ data: { name: '检察院', kind: 'procuratorate' } });
  for (let i = 0; i < 300; i++)
    await db.matter.create({
      data: {
        code: `JY-2026-${String(i).padStart(3, '0')}`,
        kind: 'recommendation',
        title: `t${i}`,
        issuingOrgId: proc.id,
        responsibleOrgId: org.id,
        servedOn: '2026-08-01',
        periodRule: '1个月',
        dueOn: `2026-09-${String((i % 28) + 1).padStart(2, '0')}`,
        originalDueOn: '2026-09-01',
        dueBasis: '{}',
        status: i % 3 ? 'registered' : 'closed',
        isOpen: i % 3 !== 0,
      },
    });
  await planJobs(
    db,
    Array.from({ length: 600 }, (_, i) => ({
      kind: 'reminder',
      key: `k${i}`,
      dueAt: new Date(at.getTime() + i * 60_000),
    })),
    at,
  );
  await enqueue(
    db,
    Array.from({ length: 600 }, (_, i) => ({
      key: `o${i}`,
      at: new Date(at.getTime() + i),
      message: { platform: 'sandbox', to: { chatId: `c${i % 40}` }, text: 'x' },
    })),
  );
  for (let i = 0; i < 200; i++)
    await db.platformInbox.create({
      data: { key: `lark:e${i}`, platform: 'lark', payload: '{}', receivedAt: at, processedAt: i % 2 ? at : null },
    });
  await db.$executeRawUnsafe('ANALYZE');
});
afterAll(() => db.$disconnect());

/** The SQL each operation runs, captured on the connection. */
async function sqlOf(work: () => Promise<unknown>): Promise<string[]> {
  statementStats.log = [];
  await work();
  const log = statementStats.log;
  statementStats.log = undefined;
  return log.filter((s) => /^\s*(SELECT|UPDATE|DELETE)/i.test(s));
}

async function plan(sql: string): Promise<string[]> {
  const params = (sql.match(/\?/g) ?? []).map(() => null);
  const rows = await db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
  return rows.map((r) => r.detail);
}

const BIG = ['Matter', 'ScheduledJob', 'OutboxMessage', 'PlatformInbox', 'InboundEvent'];

describe('query plans', () => {
  it.each([
    ['sendable', () => sendable(db, at, ['sandbox', 'lark'])],
    ['nextRetryAt', () => nextRetryAt(db, ['sandbox', 'lark'])],
    ['dueJobs', () => dueJobs(db, new Date(at.getTime() + 3600_000))],
    ['nextPendingJob', () => nextPendingJob(db)],
    ['pruneInbound', () => pruneInbound(db, at)],
    ['pruneInboxBefore', () => pruneInboxBefore(db, at)],
    ['unprocessedInbox', () => unprocessedInbox(db, 'lark')],
    [
      'ledgerCounts (one agency)',
      async () => ledgerCounts(db, (await db.org.findFirstOrThrow({ where: { kind: 'agency' } })).id, '2026-09-10'),
    ],
    [
      'openMattersPage (one agency)',
      async () => openMattersPage(db, (await db.org.findFirstOrThrow({ where: { kind: 'agency' } })).id, 2, 20),
    ],
    ['openMattersPage (all)', () => openMattersPage(db, undefined, 1, 20)],
    [
      'openMattersInChunks',
      async () => {
        for await (const rows of openMattersInChunks(db, undefined, 100)) void rows;
      },
    ],
  ])('%s uses an index, never a full scan or a temporary sort', async (_name, work) => {
    const statements = (await sqlOf(work)).filter((s) => BIG.some((t) => s.includes(t)));
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) {
      const steps = await plan(sql);
      const bad = steps.filter(
        (d) =>
          /USE TEMP B-TREE/.test(d) ||
          (/^SCAN /.test(d) && !/USING (COVERING )?INDEX/.test(d) && BIG.some((t) => d.includes(t))),
      );
      expect(bad, `${sql}\n${steps.join('\n')}`).toEqual([]);
    }
  });
});
