// A reply waiting for the procuratorate's evaluation is not forgotten (issue 22, item 1): N working
// days after it came (EVALUATION_REMINDER_WORKDAYS, default 5) and every N working days after that,
// the joint group is reminded, until the reply is evaluated or a newer one replaces it.

import { shanghaiDate } from '../../domain/civil-date.js';
import { shiftWorkingDays } from '../../domain/office-hours.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import { planJob } from '../../store/jobs.js';
import { latestReply } from '../../store/matters.js';
import { rectStatusText } from '../core/cards.js';
import { audit, type Ctx, forKind } from '../core/context.js';
import { notifyEvaluator } from '../core/evaluator.js';
import type { MatterJobHandler } from '../core/spec.js';

export const EVALUATION_DUE = 'evaluation_due';

/** Plans the reminder to evaluate reply `version` of a matter, N working days after `from`. */
export async function planEvaluationDue(ctx: Ctx, matterId: string, version: number, step = 1): Promise<void> {
  const { config, calendar } = ctx.services;
  const day = shiftWorkingDays(shanghaiDate(ctx.now), config.evaluationReminderWorkdays, calendar);
  await planJob(
    ctx.tx,
    {
      kind: EVALUATION_DUE,
      matterId,
      key: `${EVALUATION_DUE}:${matterId}:${version}:${step}`,
      dueAt: atOfficeStart(day, config.officeStart),
      payload: { version, step },
    },
    ctx.now,
  );
  ctx.scheduled = true;
}

/** The reminder falling due: told to the joint group when that reply still waits, and planned again. */
export const evaluationDue: MatterJobHandler = async (ctx, _kind, m, payload) => {
  const version = Number(payload.version);
  const last = m ? await latestReply(ctx.tx, m.id) : undefined;
  if (m?.status !== 'replied' || !last || last.version !== version) return false;
  const step = Number(payload.step ?? 1);
  await notifyEvaluator(
    ctx,
    m,
    forKind(ctx, 'evaluate.reminder', m.kind),
    {
      org: m.responsibleOrg.name,
      kind: MATTER_KIND_LABEL[m.kind as MatterKind],
      code: m.code,
      title: m.title,
      version,
      rectStatus: rectStatusText(ctx, last.rectStatus, m.kind),
      repliedOn: shanghaiDate(last.submittedAt),
      days: ctx.services.config.evaluationReminderWorkdays * step,
    },
    { matterId: m.id },
  );
  audit(ctx, 'evaluate.reminded', m.code, { version, step });
  await planEvaluationDue(ctx, m.id, version, step + 1);
  return true;
};
