// The hearing (开庭) of a lawsuit: reminders to the agency's group and, by direct message, to its head
// (名册角色 head) some working days before and on the day; the day after, a request for the receipt
// of who appeared. /出庭 YS-… 负责人=… 职务=… records that the head appeared (行政诉讼法 第三条第三款);
// /出庭 YS-… 委托 理由=… 出庭说明=是 that staff were entrusted, with whether the written explanation and
// its proof went to the court (法释〔2020〕3号 第八条、第九条). A case where the head was required and did
// not appear is told to the procuratorate's joint group and the 司法局 at once (/应诉 未出庭 lists them).

import { addDays } from '../../domain/civil-date.js';
import { HEARING_REMINDER_WORKDAYS } from '../../domain/lawsuit-rules.js';
import { shiftWorkingDays, workingDayOnOrAfter } from '../../domain/office-hours.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { cancelPendingJobs, type JobInput, planJobs } from '../../store/jobs.js';
import { lawsuitOfMatter, updateLawsuit } from '../../store/lawsuits.js';
import { rejectUnknownKeys, textOption, yesNoOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { notify, notifyUnit, tell } from '../core/notify.js';
import type { CommandSpec, MatterJobHandler } from '../core/spec.js';
import { assertActsFor, headsOf, judicialOrg, LAWSUIT_UNITS, lawsuitArg } from './access.js';

export const HEARING_JOB_KINDS = ['lawsuit_hearing', 'lawsuit_receipt'];

/** Plans the hearing's reminders and the receipt request (a hearing moved: the old ones go). */
export async function planHearing(ctx: Ctx, matterId: string, hearingOn: string): Promise<void> {
  const { calendar, config } = ctx.services;
  await cancelPendingJobs(ctx.tx, matterId, HEARING_JOB_KINDS);
  const jobs: JobInput[] = [];
  for (const n of HEARING_REMINDER_WORKDAYS) {
    const day = n === 0 ? hearingOn : shiftWorkingDays(hearingOn, -n, calendar);
    const at = atOfficeStart(day, config.officeStart);
    if (at < ctx.now) continue;
    jobs.push({
      kind: 'lawsuit_hearing',
      key: `ys:${matterId}:hearing:${hearingOn}:${n}`,
      dueAt: at,
      matterId,
      payload: { hearingOn, left: n },
    });
  }
  const after = workingDayOnOrAfter(addDays(hearingOn, 1), calendar);
  jobs.push({
    kind: 'lawsuit_receipt',
    key: `ys:${matterId}:receipt:${hearingOn}`,
    dueAt: atOfficeStart(after, config.officeStart),
    matterId,
    payload: { hearingOn },
  });
  await planJobs(ctx.tx, jobs, ctx.now);
  ctx.scheduled = true;
}

/** A hearing reminder or the receipt request; false when the hearing moved or the receipt is in. */
export const hearingJob: MatterJobHandler = async (ctx, kind, m, payload) => {
  if (!m) return false;
  const l = await lawsuitOfMatter(ctx.tx, m.id);
  if (!l || l.hearingOn !== payload.hearingOn || l.appearance || l.judgmentKind) return false;
  const fields = {
    code: m.code,
    caseNumber: l.caseNumber,
    cause: l.cause,
    org: m.responsibleOrg.name,
    on: `${l.hearingOn} ${l.hearingTime}`.trim(),
    court: l.court || t(ctx, 'lawsuit.court_unknown'),
    left: Number(payload.left ?? 0),
    head: t(ctx, l.headRequired ? 'lawsuit.head.must_appear' : 'lawsuit.head.may_entrust'),
  };
  if (kind === 'lawsuit_receipt') {
    await notify(ctx, 'agency', m.responsibleOrgId, 'lawsuit.receipt_request', fields, { matterId: m.id });
    audit(ctx, 'lawsuit.receipt_requested', m.code);
    return true;
  }
  const key = fields.left === 0 ? 'lawsuit.hearing_today' : 'lawsuit.hearing_before';
  await notify(ctx, 'agency', m.responsibleOrgId, key, fields, { matterId: m.id });
  const heads = await headsOf(ctx, m.responsibleOrgId);
  await tell(
    ctx,
    heads.map((h) => h.id),
    `${key}_head`,
    { ...fields, name: '' },
    { matterId: m.id },
  );
  audit(ctx, 'lawsuit.hearing_reminded', m.code, { left: fields.left, heads: heads.length });
  return true;
};

const USAGE = 'lawsuit.usage.appearance';

/** /出庭 YS-… 负责人=姓名 职务=… | /出庭 YS-… 委托 理由=… 出庭说明=是|否 [出庭人=…] */
export const appearanceCommand: CommandSpec = {
  id: 'lawsuit_appearance',
  names: ['出庭', 'appearance'],
  ...LAWSUIT_UNITS,
  async run(ctx, cmd) {
    rejectUnknownKeys(ctx, cmd, USAGE);
    const m = await lawsuitArg(ctx, cmd, USAGE);
    assertActsFor(ctx, m);
    const l = (await lawsuitOfMatter(ctx.tx, m.id))!;
    if (!l.hearingOn) throw new UserError('lawsuit.error.no_hearing', { code: m.code });
    if (l.hearingOn > ctx.today) throw new UserError('lawsuit.error.hearing_ahead', { code: m.code, on: l.hearingOn });
    if (l.appearance) throw new UserError('lawsuit.error.receipt_given', { code: m.code });
    const o = cmd.options;
    const entrusted = cmd.positional.slice(1).includes('委托');
    const fields = { code: m.code, caseNumber: l.caseNumber, org: m.responsibleOrg.name, on: l.hearingOn };
    if (!entrusted) {
      if (!o.head || !o.post) throw new UserError('lawsuit.error.appearance_missing', { usage: t(ctx, USAGE) });
      const name = textOption(o.head, t(ctx, 'lawsuit.label.head'), 30);
      const post = textOption(o.post, t(ctx, 'lawsuit.label.post'), 30);
      await updateLawsuit(ctx.tx, l.id, {
        appearance: 'appeared',
        appearedName: name,
        appearedPost: post,
        receiptOn: ctx.today,
      });
      audit(ctx, 'lawsuit.appeared', m.code, { post });
      reply(ctx, 'lawsuit.appeared', { ...fields, name, post }, { matterId: m.id });
      return;
    }
    if (!o.reason || o.explanationFiled === undefined)
      throw new UserError('lawsuit.error.entrust_missing', { usage: t(ctx, USAGE) });
    const reason = textOption(o.reason, t(ctx, 'lawsuit.label.entrust_reason'), 200);
    const filed = yesNoOption(o.explanationFiled, t(ctx, 'lawsuit.label.explanation'))!;
    const staff = o.appearedBy ? textOption(o.appearedBy, t(ctx, 'lawsuit.label.staff'), 60) : '';
    await updateLawsuit(ctx.tx, l.id, {
      appearance: 'entrusted',
      entrustReason: reason,
      explanationFiled: filed,
      appearedName: staff,
      receiptOn: ctx.today,
    });
    audit(ctx, 'lawsuit.entrusted', m.code, { headRequired: l.headRequired, explanationFiled: filed });
    const more = {
      ...fields,
      reason,
      filed: t(ctx, filed ? 'lawsuit.explanation.filed' : 'lawsuit.explanation.not_filed'),
    };
    reply(ctx, 'lawsuit.entrusted', more, { matterId: m.id });
    if (!l.headRequired) return;
    // 负责人应出庭而未出庭: the procuratorate (重点监督 … 是否落到实处) and the 司法局 hear of it
    await notify(ctx, 'joint', undefined, 'lawsuit.absent_joint', more, { matterId: m.id });
    const judicial = await judicialOrg(ctx);
    if (judicial) await notifyUnit(ctx, judicial.id, 'lawsuit.absent_judicial', more, { matterId: m.id });
  },
};
