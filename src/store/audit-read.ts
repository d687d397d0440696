// Reading the audit chain back: walking it (liandong audit verify, doctor's quick check), the rows
// of an export, and one matter's rows (/审计). Reads only; a walk goes page by page.
import { type ChainHead, type ChainProblem, ChainWalk, type StoredLink } from '../domain/audit-chain.js';
import { lockHead } from './audit-chain.js';
import { auditKey } from './audit-key.js';
import type { Tx } from './tx.js';

const PAGE = 2000;

const SELECT = {
  id: true,
  at: true,
  actorId: true,
  actor: true,
  action: true,
  subject: true,
  detail: true,
  chainSeq: true,
  prevHash: true,
  hash: true,
  mac: true,
} as const;

type Read = { chainSeq: number | null } & Omit<StoredLink, 'seq'>;
const stored = (r: Read): StoredLink => ({ ...r, seq: r.chainSeq });

export interface ChainReport {
  /** rows walked and found sound */
  checked: number;
  /** rows in the table */
  total: number;
  head?: ChainHead;
  /** the first fault, if any */
  problem?: ChainProblem;
  /** the configured key is not the one the head was written with */
  otherKey: boolean;
  /** the walk began at this row (a quick check: the last rows only) */
  from: number;
}

/** Walks the chain from `from` (default: where the kept chain begins) to its end; `limit`: the last N rows only. */
export async function verifyChain(db: Tx, opts: { lastRows?: number } = {}): Promise<ChainReport> {
  const key = auditKey();
  const head = await lockHead(db, false);
  const total = await db.auditEvent.count();
  const base = head ? head.baseSeq : 1;
  let from = base;
  if (opts.lastRows && head) from = Math.max(base, head.seq - opts.lastRows + 1);
  const report: ChainReport = { checked: 0, total, head, otherKey: Boolean(head && head.keyId !== key.id), from };
  let startHash = head?.baseHash;
  if (from !== base || !head) {
    const first = await db.auditEvent.findFirst({
      where: { chainSeq: { gte: from } },
      orderBy: { chainSeq: 'asc' },
      select: { chainSeq: true, prevHash: true },
    });
    startHash = first?.prevHash ?? head?.hash;
    if (!head && first) from = first.chainSeq!;
  }
  const walk = new ChainWalk(key.key, { seq: from, prevHash: startHash ?? '' });
  let cursor = from;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { chainSeq: { gte: cursor } },
      orderBy: { chainSeq: 'asc' },
      take: PAGE,
      select: SELECT,
    });
    for (const r of page) if (!walk.take(stored(r as Read))) break;
    if (walk.problem || page.length < PAGE) break;
    cursor = page.at(-1)!.chainSeq! + 1;
  }
  report.problem = walk.finish(head);
  report.checked = walk.checked;
  // a row outside the chain was inserted (the chain started: every row written since is a link)
  if (!report.problem && head) {
    const loose = await db.auditEvent.findFirst({ where: { chainSeq: null }, orderBy: { at: 'asc' }, select: SELECT });
    if (loose) report.problem = { kind: 'inserted', row: stored(loose as Read) };
  }
  return report;
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actor?: string;
  subject?: string;
}

/** The rows an export lists, in chain order (rows before the chain at the end, by time). */
export async function auditRows(db: Tx, f: AuditFilter) {
  return db.auditEvent.findMany({
    where: {
      at: { gte: f.from, lt: f.to },
      ...(f.actor ? { actor: { contains: f.actor } } : {}),
      ...(f.subject ? { subject: f.subject } : {}),
    },
    orderBy: [{ chainSeq: 'asc' }, { at: 'asc' }],
    select: { chainSeq: true, at: true, actor: true, action: true, subject: true, detail: true },
  });
}
