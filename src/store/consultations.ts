// 咨询 / 征求意见 (ZQ-…): the Consultation row beside its Matter (kind consultation). A restricted one's
// question and answer are sealed at rest (限制知悉: src/store/sealed.ts, SM4) when a data key is configured,
// and opened here for the few who may read them. Only this module touches the Consultation table.
import type { Consultation, Prisma } from '../generated/prisma/client.ts';
import { openOr, sealIfKeyed } from './sealed.js';
import type { Tx } from './tx.js';

/** A consultation as stored, its question and answer readable. */
export type ConsultationRow = Consultation;
export type NewConsultation = Omit<Prisma.ConsultationUncheckedCreateInput, 'id'>;

const sealFor = (restricted: boolean, text: string): string => (restricted && text ? sealIfKeyed(text) : text);

/** The row with its question and answer readable. */
function opened(c: Consultation): Consultation {
  if (!c.restricted) return c;
  return { ...c, question: openOr(c.question), answer: c.answer ? openOr(c.answer) : c.answer };
}

export async function insertConsultation(db: Tx, data: NewConsultation): Promise<Consultation> {
  const row = await db.consultation.create({
    data: { ...data, question: sealFor(Boolean(data.restricted), data.question) },
  });
  return opened(row);
}

export async function consultationOfMatter(db: Tx, matterId: string): Promise<Consultation | null> {
  const row = await db.consultation.findUnique({ where: { matterId } });
  return row ? opened(row) : null;
}

/** Records the answer (sealed when restricted) and its files. */
export async function recordAnswer(
  db: Tx,
  c: Pick<Consultation, 'id' | 'restricted'>,
  a: {
    answer: string;
    files: Array<{ kind: string; name: string; ref: string }>;
    byId: string | null;
    at: Date;
    on: string;
  },
): Promise<void> {
  await db.consultation.update({
    where: { id: c.id },
    data: {
      answer: sealFor(c.restricted, a.answer),
      answerFiles: JSON.stringify(a.files),
      answeredById: a.byId,
      answeredAt: a.at,
      answeredOn: a.on,
    },
  });
}

/** Records who attends a hearing invitation (the receipt). */
export async function recordAttendees(
  db: Tx,
  id: string,
  attendees: string,
  byId: string | null,
  at: Date,
  on: string,
) {
  await db.consultation.update({
    where: { id },
    data: { attendees, answeredById: byId, answeredAt: at, answeredOn: on },
  });
}

/** The earlier open questions (not restricted: their text is nobody else's) put to the same unit. */
export async function earlierQuestionsTo(db: Tx, orgId: string, exceptMatterId: string) {
  const matters = await db.matter.findMany({
    where: { kind: 'consultation', responsibleOrgId: orgId, id: { not: exceptMatterId } },
    select: { id: true, code: true },
  });
  const rows = await db.consultation.findMany({
    where: { matterId: { in: matters.map((m) => m.id) }, restricted: false, variant: 'consultation' },
    select: { matterId: true, question: true },
  });
  const code = new Map(matters.map((m) => [m.id, m.code]));
  return rows
    .map((r) => ({ code: code.get(r.matterId)!, question: r.question }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
