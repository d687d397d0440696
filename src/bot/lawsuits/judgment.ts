// The judgment: /判决 YS-… 裁判=判决|裁定 送达=YYYY-MM-DD [结果=…] [二审=是] [履行=否]. The appeal period runs
// from the day it was served (行政诉讼法 第八十五条: 判决 15日, 裁定 10日); with no appeal recorded by then
// (/应诉 上诉 YS-… 日期=…) it is final the next day, a second-instance one on service (第八十九条). Once
// final, the agency gets a compliance task (履行生效裁判, RW-…) from the 司法局 — answered with /反馈 and
// evaluated as every task (Xiang'an: 自觉履行人民法院作出的生效裁判) — and the case's own duty ends.
import { addDays, yearOf } from '../../domain/civil-date.js';
import { appealDeadline, finalOn, type JudgmentKind } from '../../domain/lawsuit-rules.js';
import { workingDayOnOrAfter } from '../../domain/office-hours.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { cancelPendingJobs, planJob } from '../../store/jobs.js';
import { type LawsuitRow as Lawsuit, lawsuitOfMatter, updateLawsuit } from '../../store/lawsuits.js';
import { insertMatter, type MatterWithOrgs, nextMatterCode, updateMatter } from '../../store/matters.js';
import { dateOption, rejectUnknownKeys, textOption, yesNoOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { matterRow, planMatterJobs, prepareMatter } from '../core/matters.js';
import { notify, notifyUnit } from '../core/notify.js';
import type { CommandSpec, MatterJobHandler } from '../core/spec.js';
import { assertActsFor, judicialOrg, LAWSUIT_UNITS, lawsuitArg } from './access.js';
import { DEFENCE_JOB_KINDS } from './road.js';

const USAGE = 'lawsuit.usage.judgment';
const KINDS: Record<string, JudgmentKind> = { 判决: 'judgment', 判决书: 'judgment', 裁定: 'ruling', 裁定书: 'ruling' };

export const judgmentCommand: CommandSpec = {
  id: 'lawsuit_judgment',
  names: ['判决', '裁判', 'judgment'],
  ...LAWSUIT_UNITS,
  async run(ctx, cmd) {
    rejectUnknownKeys(ctx, cmd, USAGE);
    const m = await lawsuitArg(ctx, cmd, USAGE);
    assertActsFor(ctx, m);
    const l = (await lawsuitOfMatter(ctx.tx, m.id))!;
    if (l.finalOn) throw new UserError('lawsuit.error.already_final', { code: m.code, on: l.finalOn });
    const o = cmd.options;
    const kind = KINDS[(o.judgmentKind ?? '').trim()];
    if (!kind || !o.served) throw new UserError('lawsuit.error.judgment_missing', { usage: t(ctx, USAGE) });
    const served = dateOption(o.served, t(ctx, USAGE));
    if (served > ctx.today) throw new UserError('lawsuit.error.served_in_future', { served, today: ctx.today });
    const second = yesNoOption(o.secondInstance, t(ctx, 'lawsuit.label.second')) ?? false;
    if (!second && l.judgmentServedOn && !l.appealedOn)
      throw new UserError('lawsuit.error.judgment_given', { code: m.code, served: l.judgmentServedOn });
    const comply = yesNoOption(o.comply, t(ctx, 'lawsuit.label.comply')) ?? true;
    const result = o.result ? textOption(o.result, t(ctx, 'lawsuit.label.result'), 200) : '';
    const appealDue = second ? null : appealDeadline(served, kind, ctx.services.calendar).due;
    await updateLawsuit(ctx.tx, l.id, {
      judgmentKind: kind,
      judgmentResult: result,
      judgmentServedOn: served,
      secondInstance: second,
      appealDueOn: appealDue,
      // 不履行: no task; kept as the "履行" flag in the result's words
      complianceMatterId: comply ? null : 'none',
    });
    await cancelPendingJobs(ctx.tx, m.id, [...DEFENCE_JOB_KINDS, 'lawsuit_hearing', 'lawsuit_receipt']);
    audit(ctx, 'lawsuit.judgment', m.code, { kind, served, second });
    const fields = {
      code: m.code,
      caseNumber: l.caseNumber,
      kind: t(ctx, `lawsuit.judgment_kind.${kind}`),
      served,
      result,
    };
    if (appealDue) {
      const day = addDays(appealDue, 1);
      const at = atOfficeStart(workingDayOnOrAfter(day, ctx.services.calendar), ctx.services.config.officeStart);
      await planJob(
        ctx.tx,
        { kind: 'lawsuit_final', key: `ys:${m.id}:final:${served}`, dueAt: at, matterId: m.id, payload: { served } },
        ctx.now,
      );
      ctx.scheduled = true;
      reply(ctx, 'lawsuit.judgment_recorded', { ...fields, appealDue, final: day }, { matterId: m.id });
      return;
    }
    reply(ctx, 'lawsuit.judgment_final', fields, { matterId: m.id });
    await becomeFinal(
      ctx,
      m,
      { ...l, secondInstance: true, judgmentServedOn: served, complianceMatterId: comply ? null : 'none' },
      served,
    );
  },
};

/** /应诉 上诉 YS-… 日期=…: an appeal lodged within the period; the judgment is not final (第八十五条). */
export async function recordAppeal(ctx: Ctx, m: MatterWithOrgs, on: string): Promise<void> {
  const l = (await lawsuitOfMatter(ctx.tx, m.id))!;
  if (!l.judgmentServedOn || l.secondInstance || !l.appealDueOn)
    throw new UserError('lawsuit.error.nothing_to_appeal', { code: m.code });
  if (l.finalOn) throw new UserError('lawsuit.error.already_final', { code: m.code, on: l.finalOn });
  if (on > l.appealDueOn) throw new UserError('lawsuit.error.appeal_late', { code: m.code, due: l.appealDueOn, on });
  await updateLawsuit(ctx.tx, l.id, { appealedOn: on });
  await cancelPendingJobs(ctx.tx, m.id, ['lawsuit_final']);
  audit(ctx, 'lawsuit.appeal', m.code, { on });
  reply(ctx, 'lawsuit.appealed', { code: m.code, on }, { matterId: m.id });
}

/** The appeal period ended with no appeal: final the day after (第八十五条). */
export const finalJob: MatterJobHandler = async (ctx, _kind, m, payload) => {
  if (!m) return false;
  const l = await lawsuitOfMatter(ctx.tx, m.id);
  if (!l?.judgmentServedOn || l.finalOn || l.judgmentServedOn !== payload.served || !l.appealDueOn) return false;
  const day = finalOn({
    servedOn: l.judgmentServedOn,
    secondInstance: false,
    appealDueOn: l.appealDueOn,
    appealedOn: l.appealedOn,
  });
  if (!day) return false;
  await becomeFinal(ctx, m, l, day);
  return true;
};

/** Final: the case closes and, unless nothing is to be carried out, the compliance task is given. */
async function becomeFinal(ctx: Ctx, m: MatterWithOrgs, l: Lawsuit, day: string): Promise<void> {
  const task = l.complianceMatterId === 'none' ? undefined : await complianceTask(ctx, m, l);
  await updateLawsuit(ctx.tx, l.id, { finalOn: day, complianceMatterId: task?.id ?? null });
  await updateMatter(ctx.tx, m.id, { status: 'closed', closedAt: ctx.now, updatedAt: ctx.now });
  audit(ctx, 'lawsuit.final', m.code, { on: day, task: task?.code ?? null });
  const fields = { code: m.code, caseNumber: l.caseNumber, on: day, task: task?.code ?? '', due: task?.dueOn ?? '' };
  const key = task ? 'lawsuit.final_agency' : 'lawsuit.final_agency_none';
  await notify(ctx, 'agency', m.responsibleOrgId, key, fields, { matterId: m.id });
  const judicial = await judicialOrg(ctx);
  if (judicial && task)
    await notifyUnit(
      ctx,
      judicial.id,
      'lawsuit.final_judicial',
      { ...fields, org: m.responsibleOrg.name },
      { matterId: m.id },
    );
}

/** 履行生效裁判: a task (RW-…) to the agency, given by the 司法局 (or whoever registered the case). */
async function complianceTask(ctx: Ctx, m: MatterWithOrgs, l: Lawsuit) {
  const prepared = await prepareMatter(ctx, {
    kind: 'task',
    orgId: m.responsibleOrgId,
    title: t(ctx, 'lawsuit.compliance_title', { caseNumber: l.caseNumber, cause: l.cause }),
    servedOn: ctx.today,
    relatedMatterId: m.id,
  });
  const issuingOrgId = (await judicialOrg(ctx))?.id ?? m.issuingOrgId;
  const code = await nextMatterCode(ctx.tx, 'task', yearOf(ctx.today));
  const task = await insertMatter(ctx.tx, matterRow(ctx, { ...prepared, issuingOrgId }, code));
  await planMatterJobs(ctx, task.id, task.dueOn);
  return task;
}
