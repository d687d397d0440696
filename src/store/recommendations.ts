// 检察建议: the agency's rectification replies (整改反馈), the liaison's evaluations (评估) and the
// extension requests (延期申请) with their decisions — rows beside the matter, never changed once decided.
import type { Evaluation, ExtensionRequest, Reply } from '../generated/prisma/client.ts';
import type { Tx } from './tx.js';

export type NewReply = Omit<Reply, 'id'>;
export type NewEvaluation = Pick<Evaluation, 'matterId' | 'verdict' | 'comment' | 'evaluatorId' | 'createdAt'> &
  Partial<Pick<Evaluation, 'replyId' | 'newPeriod' | 'newDueOn'>>;
export type NewExtensionRequest = Pick<
  ExtensionRequest,
  'matterId' | 'periodRule' | 'reason' | 'previousDueOn' | 'newDueOn' | 'requestedById' | 'createdAt'
>;
/** 批准 (with the due dates it moved between) or 驳回 */
export type ExtensionDecision = Pick<ExtensionRequest, 'decidedById' | 'decidedAt' | 'decisionNote'> &
  ({ status: 'declined' } | { status: 'approved'; previousDueOn: string; newDueOn: string });

export async function recordReply(db: Tx, reply: NewReply): Promise<void> {
  await db.reply.create({ data: reply });
}

export async function recordEvaluation(db: Tx, evaluation: NewEvaluation): Promise<void> {
  await db.evaluation.create({ data: evaluation });
}

export async function recordExtensionRequest(db: Tx, request: NewExtensionRequest): Promise<void> {
  await db.extensionRequest.create({ data: request });
}

export async function decideExtensionRequest(db: Tx, id: string, decision: ExtensionDecision): Promise<void> {
  await db.extensionRequest.update({ where: { id }, data: decision });
}
