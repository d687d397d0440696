// /状态 YS-…: the case's record in the words of 行政应诉 — the deadline, the hearing, who appeared, the
// judgment, its appeal period and the compliance task.
import { lawsuitOfMatter } from '../../store/lawsuits.js';
import { findMatterById, type MatterWithOrgs } from '../../store/matters.js';
import { dueText } from '../core/cards.js';
import { type Ctx, reply, t } from '../core/context.js';
import { headText } from './register.js';

function appearanceText(ctx: Ctx, l: NonNullable<Awaited<ReturnType<typeof lawsuitOfMatter>>>): string {
  if (l.appearance === 'appeared')
    return t(ctx, 'lawsuit.show.appeared', { name: l.appearedName, post: l.appearedPost });
  if (l.appearance === 'entrusted')
    return t(ctx, 'lawsuit.show.entrusted', {
      reason: l.entrustReason,
      filed: t(ctx, l.explanationFiled ? 'lawsuit.explanation.filed' : 'lawsuit.explanation.not_filed'),
    });
  return t(ctx, 'lawsuit.show.no_receipt');
}

async function judgmentText(ctx: Ctx, l: NonNullable<Awaited<ReturnType<typeof lawsuitOfMatter>>>) {
  if (!l.judgmentKind) return t(ctx, 'lawsuit.show.no_judgment');
  const task =
    l.complianceMatterId && l.complianceMatterId !== 'none' ? await findMatterById(ctx.tx, l.complianceMatterId) : null;
  return t(ctx, 'lawsuit.show.judgment', {
    kind: t(ctx, `lawsuit.judgment_kind.${l.judgmentKind}`),
    served: l.judgmentServedOn ?? '',
    result: l.judgmentResult || t(ctx, 'common.none'),
    appeal: l.secondInstance
      ? t(ctx, 'lawsuit.show.second_instance')
      : l.appealedOn
        ? t(ctx, 'lawsuit.show.appealed', { on: l.appealedOn })
        : t(ctx, 'lawsuit.show.appeal_due', { due: l.appealDueOn ?? '' }),
    final: l.finalOn ? t(ctx, 'lawsuit.show.final', { on: l.finalOn }) : '',
    task: task ? t(ctx, 'lawsuit.show.task', { task: task.code, state: t(ctx, `status.${task.status}`) }) : '',
  });
}

export async function showLawsuit(ctx: Ctx, m: MatterWithOrgs): Promise<void> {
  const l = await lawsuitOfMatter(ctx.tx, m.id);
  if (!l) return;
  reply(
    ctx,
    'lawsuit.show.record',
    {
      code: m.code,
      caseNumber: l.caseNumber,
      cause: l.cause,
      org: m.responsibleOrg.name,
      copy: l.copyReceivedOn,
      due: dueText(ctx, m),
      defence: l.defendedOn
        ? t(ctx, l.defendedOn <= m.dueOn ? 'lawsuit.show.defended' : 'lawsuit.show.defended_late', { on: l.defendedOn })
        : t(ctx, 'lawsuit.show.not_defended'),
      hearing: l.hearingOn
        ? t(ctx, 'lawsuit.hearing_line', {
            on: `${l.hearingOn} ${l.hearingTime}`.trim(),
            court: l.court || t(ctx, 'lawsuit.court_unknown'),
          })
        : t(ctx, 'lawsuit.hearing_unknown'),
      head: headText(ctx, l.headRequired, l.headBasis),
      appearance: appearanceText(ctx, l),
      judgment: await judgmentText(ctx, l),
    },
    { matterId: m.id },
  );
}
