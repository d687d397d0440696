// 督办 and 批示: the supervisor office pressing an agency about a matter (with a time limit), a
// leader's instruction, and the 司法局's 《行政执法监督通知书》 that follow a recommendation up —
// rows beside the matter, never changed once written.
import type { Instruction, Supervision } from '../generated/prisma/client.ts';
import type { Tx } from './tx.js';

export type NewSupervision = Omit<Supervision, 'id'>;
export type NewInstruction = Omit<Instruction, 'id'>;

export async function recordSupervision(db: Tx, s: NewSupervision): Promise<void> {
  await db.supervision.create({ data: s });
}

export async function recordInstruction(db: Tx, i: NewInstruction): Promise<void> {
  await db.instruction.create({ data: i });
}

/** A matter's 督办, 批示 and the notices that follow it up, in time order, with who acted. */
export async function supervisionHistory(db: Tx, matterId: string) {
  const [supervisions, instructions, followUps] = await Promise.all([
    db.supervision.findMany({ where: { matterId }, orderBy: { createdAt: 'asc' } }),
    db.instruction.findMany({ where: { matterId }, orderBy: { createdAt: 'asc' } }),
    db.matter.findMany({
      where: { relatedMatterId: matterId },
      include: { issuingOrg: true },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const ids = [...new Set([...supervisions, ...instructions].map((x) => x.byId).filter((x): x is string => !!x))];
  const people = new Map(
    (await db.member.findMany({ where: { id: { in: ids } }, include: { org: true } })).map((p) => [p.id, p]),
  );
  const by = (id: string | null) => (id ? people.get(id) : undefined);
  return {
    supervisions: supervisions.map((s) => ({ ...s, by: by(s.byId) })),
    instructions: instructions.map((i) => ({ ...i, by: by(i.byId) })),
    followUps,
  };
}

/** How many 督办 (the supervisor's own, not the automatic escalations) each responsible unit had in [from, to). */
export async function supervisionCounts(db: Tx, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await db.supervision.findMany({
    where: { createdAt: { gte: from, lt: to } },
    select: { matter: { select: { responsibleOrgId: true } } },
  });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.matter.responsibleOrgId, (counts.get(r.matter.responsibleOrgId) ?? 0) + 1);
  return counts;
}
