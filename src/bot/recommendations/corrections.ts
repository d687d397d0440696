// 更正 (/建议 更正 编号 标题=… 送达=… 单位=… 期限=…) and 撤回 (/建议 撤回 编号 理由=…): a registered
// recommendation set right or withdrawn, by the liaison who registered it or an admin. A new served
// date or period recomputes the deadline and its reminders; the agency is told what changed; the
// record stays in the ledger (已撤回) and the audit.

import type { Attachment } from '../../chat/messages.js';
import { canApply } from '../../domain/matter-state.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import { findMatterById, type MatterChange, type MatterWithOrgs, updateMatter } from '../../store/matters.js';
import {
  assertNotClosed,
  contextMatter,
  dateOption,
  fieldOption,
  formContext,
  matterArg,
  orgArg,
  periodOption,
  rejectUnknownKeys,
  textOption,
} from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { documentsOf, sendDocuments } from '../core/documents.js';
import type { FormEngine } from '../core/forms/engine.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor, explanation, MATTER_JOB_KINDS, moveDeadline } from '../core/matters.js';
import { notify } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { RECOMMENDATION_KINDS } from './access.js';

const KINDS = RECOMMENDATION_KINDS.filter((k) => k !== 'task');

/** /建议 附件 编号: a form that takes the 检察建议书 as files and sends them to the agency. */
export async function startDocumentsForm(ctx: Ctx, cmd: ParsedCommand, forms: FormEngine): Promise<void> {
  const m = await named(ctx, cmd, 'usage.rec_documents', 'correct');
  await forms.start(ctx, 'recommendation_documents', formContext(ctx, { code: m.code, matterId: m.id }));
}

/** The files added: kept with the matter and sent to the agency's groups. */
export const documentsForm: FormHandler = {
  form: 'recommendation_documents',
  allow: ['liaison', 'admin'],
  async submit(ctx, answers, context) {
    const m = await contextMatter(ctx, context, KINDS);
    assertRegistrant(ctx, m);
    const added = (answers.documents as Attachment[] | null) ?? [];
    await updateMatter(ctx.tx, m.id, { documents: JSON.stringify([...documentsOf(m), ...added]), updatedAt: ctx.now });
    await sendDocuments(ctx, m, added);
    audit(ctx, 'matter.documents', m.code, { files: added.length });
    reply(ctx, 'registration.documents_added', { code: m.code, count: added.length, org: m.responsibleOrg.name });
  },
};

/** The liaison who registered it, or an admin. */
function assertRegistrant(ctx: Ctx, m: MatterWithOrgs): void {
  const me = ctx.member!;
  if (!me.roles.includes('admin') && m.createdById && m.createdById !== me.id)
    throw new UserError('registration.not_registrant', { code: m.code });
}

async function named(ctx: Ctx, cmd: ParsedCommand, usage: string, event: 'withdraw' | 'correct') {
  const m = await matterArg(ctx, { ...cmd, positional: cmd.positional.slice(1) }, usage, KINDS);
  assertRegistrant(ctx, m);
  assertNotClosed(m);
  if (!canApply(m.status, event))
    throw new UserError('registration.cannot_change', { code: m.code, status: t(ctx, `status.${m.status}`) });
  return m;
}

/** 撤回: reminders cancelled, the agency told, kept as 已撤回 with the day (closedAt) for the figures. */
export async function withdrawRecommendation(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'usage.rec_withdraw');
  const m = await named(ctx, cmd, 'usage.rec_withdraw', 'withdraw');
  const reason = cmd.options.reason ?? cmd.positional.slice(2).join(' ');
  if (!reason) throw new UserError('registration.withdraw_reason', { usage: t(ctx, 'usage.rec_withdraw') });
  const text = textOption(reason, t(ctx, 'form.label.reason'), 500, false);
  await updateMatter(ctx.tx, m.id, { status: 'withdrawn', closedAt: ctx.now, updatedAt: ctx.now });
  await cancelPendingJobs(ctx.tx, m.id, MATTER_JOB_KINDS);
  audit(ctx, 'matter.withdraw', m.code, {});
  const fields = { code: m.code, title: m.title, org: m.responsibleOrg.name, reason: text };
  reply(ctx, 'registration.withdrawn', fields);
  await notify(ctx, 'agency', m.responsibleOrgId, 'registration.withdrawn_notice', fields, { matterId: m.id });
}

/** 更正: what was written wrong, set right; a new served date or period gives a new deadline from the served date. */
export async function correctRecommendation(ctx: Ctx, cmd: ParsedCommand, forms: FormEngine): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'usage.rec_correct');
  const m = await named(ctx, cmd, 'usage.rec_correct', 'correct');
  const o = cmd.options;
  const change: MatterChange = { updatedAt: ctx.now };
  const lines: string[] = [];
  if (o.title) {
    change.title = fieldOption(forms, 'recommendation', 'title', o.title, t(ctx, 'card.label.title'));
    lines.push(t(ctx, 'registration.changed_title', { from: m.title, to: change.title }));
  }
  if (o.org) {
    const org = await orgArg(ctx, o.org);
    if (org.kind !== 'agency')
      throw new UserError('error.not_an_agency', { org: org.name, kind: t(ctx, `org_kind.${org.kind}`) });
    change.responsibleOrgId = org.id;
    lines.push(t(ctx, 'registration.changed_org', { from: m.responsibleOrg.name, to: org.name }));
  }
  if (o.docNumber) {
    change.docNumber = textOption(o.docNumber, t(ctx, 'card.label.doc_number'), 50);
    lines.push(
      t(ctx, 'registration.changed_doc', { from: m.docNumber ?? t(ctx, 'common.none'), to: change.docNumber }),
    );
  }
  const served = o.served ? dateOption(o.served, t(ctx, 'usage.rec_correct')) : undefined;
  if (served && served > ctx.today) throw new UserError('error.served_in_future', { served, today: ctx.today });
  const period = o.period ? periodOption(o.period) : undefined;
  if (!lines.length && !served && !period)
    throw new UserError('registration.nothing_to_correct', { usage: t(ctx, 'usage.rec_correct') });
  if (served) lines.push(t(ctx, 'registration.changed_served', { from: m.servedOn, to: served }));
  if (served) change.servedOn = served;
  // a new served date or period: a new deadline from the served date (its first, as registered)
  const deadline =
    served || period ? deadlineFor(ctx, served ?? m.servedOn, period ?? m.periodRule).deadline : undefined;
  if (deadline) Object.assign(change, { periodRule: deadline.period, originalDueOn: deadline.due });
  await updateMatter(ctx.tx, m.id, change);
  let due = '';
  if (deadline) {
    await moveDeadline(ctx, m.id, deadline);
    lines.push(t(ctx, 'registration.changed_due', { from: m.dueOn, to: deadline.due, period: deadline.period }));
    due = explanation(ctx, deadline);
  }
  audit(ctx, 'matter.correct', m.code, { fields: Object.keys(o) });
  const updated = (await findMatterById(ctx.tx, m.id))!;
  const fields = { code: m.code, title: updated.title, changes: lines.join('\n'), explanation: due };
  reply(ctx, 'registration.corrected', fields);
  await notify(ctx, 'agency', updated.responsibleOrgId, 'registration.corrected_notice', fields, { matterId: m.id });
  if (change.responsibleOrgId && change.responsibleOrgId !== m.responsibleOrgId)
    await notify(
      ctx,
      'agency',
      m.responsibleOrgId,
      'registration.moved_notice',
      { ...fields, org: updated.responsibleOrg.name },
      { matterId: m.id },
    );
}
