// 线索的一生: 登记并移送 → 受理（承办人）→ 进展 → 办结（结果反馈移送单位）, or 退回 (the
// referrer chooses a new receiver) and 转办 (handed on, the chain kept). Every step is a
// ClueStep; every time limit is a job row (受理期限, 办结期限, 休眠提醒), so a restart or a
// clock jump repeats nothing and loses nothing.
//
// 限制知悉: a restricted clue's content (summary, persons or units involved, notes, the
// reason of a return, the result's explanation) never goes to a group chat. Groups see
// its code, category, receiving unit, stage and dates; the content goes by direct
// message to the referrer, the handler and the receiving unit's liaisons, and every
// reading of it is written to the audit log. Nothing here ever logs content.
//
// This file: a clue as the family holds it (ClueMatter), loaded with its row, its category's
// time limits and its job kinds; and what the rest of the bot uses of clues (the ledger). The
// registration is in register.ts, the steps in steps.ts, who may read and act in access.ts, the
// outlines and cards in cards.ts, 查看 and 列表 in show.ts, the deadline and sleeping jobs in jobs.ts.

import type { ClueCategory, ClueLimit } from '../../domain/clue.js';
import { addClueStep, type ClueRow, type ClueStepInput, findClue } from '../../store/clues.js';
import { findMatterById, type MatterWithOrgs } from '../../store/matters.js';
import { openOr, seal, sealingOn } from '../../store/sealed.js';
import { type Ctx, UserError } from '../core/context.js';

export type ClueMatter = MatterWithOrgs & { clue: ClueRow };

/** The stage's deadline jobs (受理 while referred, 办结 while handled), and the sleeping nudge. */
const DEADLINE_KINDS = ['clue_reminder', 'clue_overdue', 'clue_escalation'];
export const CLUE_JOB_KINDS = [...DEADLINE_KINDS, 'clue_sleep'];

export function limitOf(ctx: Ctx, category: string): ClueLimit {
  return ctx.services.config.clueLimits[category as ClueCategory];
}

/** A restricted clue's content (sealed with SM4 at rest, src/store/sealed.ts) is opened as it is loaded. */
export async function loadClue(ctx: Ctx, m: MatterWithOrgs): Promise<ClueMatter> {
  const clue = await findClue(ctx.tx, m.id);
  if (!clue) throw new Error(`clue row missing for ${m.code}`);
  return { ...m, summary: clue.restricted ? openOr(m.summary) : m.summary, clue };
}

/**
 * A restricted clue's content as it is written: sealed under the data key. Without a key, the
 * sandbox (a trial with made-up data) keeps it as it is; a real platform refuses to register it —
 * what the office's 保密 officer wants: restricted content is never stored in clear.
 */
export function restrictedText(ctx: Ctx, text: string): string {
  if (sealingOn()) return seal(text);
  if (ctx.services.config.platforms.every((p) => p === 'sandbox')) return text;
  throw new UserError('clue.error.no_data_key', {});
}

/** Refuses a restricted clue before anything is written when its content could not be sealed. */
export function assertSealable(ctx: Ctx, restricted: boolean): void {
  if (restricted) restrictedText(ctx, '');
}

/** The clue as it is now, after a step wrote to it. */
export async function reload(ctx: Ctx, matterId: string): Promise<ClueMatter> {
  return loadClue(ctx, (await findMatterById(ctx.tx, matterId))!);
}

/** One step of the clue's chain between units, taken now by the person speaking (the chain 查看 shows). */
export async function chainStep(
  ctx: Ctx,
  matterId: string,
  action: ClueStepInput['action'],
  fromOrgId: string,
  toOrgId: string,
  note?: string,
): Promise<void> {
  const by = ctx.member!;
  await addClueStep(ctx.tx, {
    matterId,
    action,
    fromOrgId,
    toOrgId,
    actorId: by.id,
    actorName: by.name,
    note,
    at: ctx.now,
  });
}
