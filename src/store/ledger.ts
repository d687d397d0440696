// 台账: the records the ledger workbook shows beside each matter's figures — its replies (the latest
// one's measures and status, each 正在整改's 整改期限), its evaluations (the last one's opinion, each
// return's new period), its approved extensions, and the 督办 and 批示 on it with who gave them.
// Read a few hundred matters at a time, whatever the ledger's size.
import type { Tx } from './tx.js';

/** Matters read together in one statement of each kind. */
const PART = 500;

export interface LedgerRecord {
  replies: Array<{
    version: number;
    measures: string;
    rectStatus: string;
    expectedOn: string | null;
    setsDueOn: string | null;
    submittedAt: Date;
  }>;
  evaluations: Array<{ verdict: string; comment: string; newDueOn: string | null; createdAt: Date }>;
  /** the approved extensions, in the order they were decided */
  extensions: Array<{ previousDueOn: string; newDueOn: string | null; decidedAt: Date | null }>;
  /** 督办, with the name of the person who pressed (null when not known) */
  supervisions: Array<{
    opinion: string;
    dueOn: string | null;
    orgId: string | null;
    by: string | null;
    createdAt: Date;
  }>;
  /** 批示, with the name of the leader */
  instructions: Array<{ text: string; by: string | null; createdAt: Date }>;
}

const empty = (): LedgerRecord => ({
  replies: [],
  evaluations: [],
  extensions: [],
  supervisions: [],
  instructions: [],
});

/** The ledger's records of each matter, by matter id (every id has one, empty when nothing happened). */
export async function ledgerRecords(db: Tx, matterIds: string[]): Promise<Map<string, LedgerRecord>> {
  const out = new Map<string, LedgerRecord>(matterIds.map((id) => [id, empty()]));
  const people = new Set<string>();
  const pending: Array<{ byId: string | null; set: (name: string | null) => void }> = [];
  for (let i = 0; i < matterIds.length; i += PART) {
    const where = { matterId: { in: matterIds.slice(i, i + PART) } };
    const [replies, evaluations, extensions, supervisions, instructions] = await Promise.all([
      db.reply.findMany({ where, orderBy: [{ matterId: 'asc' }, { version: 'asc' }] }),
      db.evaluation.findMany({ where, orderBy: { createdAt: 'asc' } }),
      db.extensionRequest.findMany({ where: { ...where, status: 'approved' }, orderBy: { decidedAt: 'asc' } }),
      db.supervision.findMany({ where, orderBy: { createdAt: 'asc' } }),
      db.instruction.findMany({ where, orderBy: { createdAt: 'asc' } }),
    ]);
    for (const r of replies) out.get(r.matterId)!.replies.push(r);
    for (const e of evaluations) out.get(e.matterId)!.evaluations.push(e);
    for (const x of extensions) out.get(x.matterId)!.extensions.push(x);
    for (const s of supervisions) {
      const row = {
        opinion: s.opinion,
        dueOn: s.dueOn,
        orgId: s.orgId,
        by: null as string | null,
        createdAt: s.createdAt,
      };
      out.get(s.matterId)!.supervisions.push(row);
      pending.push({ byId: s.byId, set: (name) => (row.by = name) });
    }
    for (const n of instructions) {
      const row = { text: n.text, by: null as string | null, createdAt: n.createdAt };
      out.get(n.matterId)!.instructions.push(row);
      pending.push({ byId: n.byId, set: (name) => (row.by = name) });
    }
  }
  for (const p of pending) if (p.byId) people.add(p.byId);
  const names = new Map<string, string>();
  const ids = [...people];
  for (let i = 0; i < ids.length; i += PART)
    for (const m of await db.member.findMany({
      where: { id: { in: ids.slice(i, i + PART) } },
      select: { id: true, name: true },
    }))
      names.set(m.id, m.name);
  for (const p of pending) p.set(p.byId ? (names.get(p.byId) ?? null) : null);
  return out;
}
