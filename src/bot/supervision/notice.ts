// 《行政执法监督通知书》 (TZ-…): the 司法局 orders an agency that has not rectified on a 检察建议 to
// correct within a time limit (嘉善: 检察院 → 司法局 制发《行政执法监督通知书》责令限期纠正 → 政府).
// It is a matter of its own: deadline, reminders, the agency's reply and the 司法局's evaluation.

import { type EnforcementFacts, enforcementNotice } from '../../documents/supervision.js';
import { isOpenStatus } from '../../domain/matter-state.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import {
  contextMatter,
  dateOption,
  fieldOption,
  formContext,
  matterNamed,
  NEW_WORDS,
  periodOption,
  rejectUnknownKeys,
} from '../core/args.js';
import { audit, type Ctx, t, UserError } from '../core/context.js';
import { notifyEvaluator } from '../core/evaluator.js';
import type { FormEngine } from '../core/forms/engine.js';
import type { FormHandler } from '../core/forms/handler.js';
import { registerMatter } from '../core/matters.js';
import { word } from '../core/parse.js';
import type { Permission } from '../core/permissions.js';
import type { CommandSpec } from '../core/spec.js';
import { documentWords, sendDocument } from './supervise.js';

/** issued by the 司法局 (司法行政机关的行政执法监督) */
export const JUDICIAL: Permission = { allow: ['liaison', 'supervisor'], orgKinds: ['judicial'] };
/** what a notice may follow up: a recommendation the agency has not rectified */
const FOLLOWS = ['recommendation', 'pil_recommendation'];

export const noticeCommand: CommandSpec = {
  id: 'tz_new',
  names: ['监督通知书', '行政执法监督通知书', '通知书', 'tz'],
  ...JUDICIAL,
  async run(ctx, cmd, { forms }) {
    if (!NEW_WORDS.includes(word(cmd, 0))) throw new UserError('error.usage', { usage: t(ctx, 'tz.usage') });
    rejectUnknownKeys(ctx, cmd, 'tz.usage');
    const o = cmd.options;
    if (!o.related) throw new UserError('tz.error.no_related', { usage: t(ctx, 'tz.usage') });
    const related = await relatedMatter(ctx, o.related);
    const period = o.period ? periodOption(o.period) : undefined;
    const served = o.served ? dateOption(o.served, t(ctx, 'tz.label.served')) : undefined;
    if (o.matter) {
      const items = fieldOption(forms, 'supervision_notice', 'items', o.matter, t(ctx, 'tz.label.items'));
      await issueNotice(ctx, related, items, period, served);
      return;
    }
    await startNoticeForm(ctx, forms, related, period);
  },
};

async function startNoticeForm(ctx: Ctx, forms: FormEngine, related: MatterWithOrgs, period?: string) {
  const context = formContext(ctx, { code: related.code, matterId: related.id });
  const prefill: Record<string, string> = period ? { period } : {};
  await forms.start(ctx, 'supervision_notice', context, {
    prefill,
    displays: prefill,
    defaults: { period: ctx.services.config.periods.supervision_notice },
  });
}

/** The recommendation named by 关联=: open, and not yet answered 已整改到位 and closed. */
async function relatedMatter(ctx: Ctx, code: string): Promise<MatterWithOrgs> {
  const m = await matterNamed(ctx, code, 'tz.usage', undefined, '/监督通知书');
  if (!FOLLOWS.includes(m.kind)) throw new UserError('tz.error.related_kind', { code: m.code });
  if (!isOpenStatus(m.status)) throw new UserError('tz.error.related_closed', { code: m.code });
  return m;
}

/** Registers the notice (TZ-…) against the recommendation's agency, tells the procuratorate and sends the copies. */
export async function issueNotice(
  ctx: Ctx,
  related: MatterWithOrgs,
  items: string,
  period?: string,
  servedOn = ctx.today,
): Promise<MatterWithOrgs> {
  const notice = await registerMatter(ctx, {
    kind: 'supervision_notice',
    orgId: related.responsibleOrgId,
    title: items,
    servedOn,
    period: period ?? ctx.services.config.periods.supervision_notice,
    relatedMatterId: related.id,
    notice: {
      key: 'tz.served',
      fields: { issuer: ctx.member?.orgName ?? '', related: related.code, relatedTitle: related.title },
    },
  });
  const fields = {
    code: notice.code,
    related: related.code,
    relatedTitle: related.title,
    issuer: notice.issuingOrg.name,
    org: related.responsibleOrg.name,
    items,
    due: notice.dueOn,
  };
  audit(ctx, 'tz.issued', related.code, { notice: notice.code, dueOn: notice.dueOn });
  ctx.completed = { action: t(ctx, 'tz.used') };
  await notifyEvaluator(ctx, related, 'tz.issued_procuratorate', fields, { matterId: related.id });
  // the notice itself, to the agency's groups (主送), the procuratorate's (抄送) and the 司法局's chat
  const doc = enforcementNotice(documentWords(ctx), noticeFacts(ctx, notice, related));
  await sendDocument(ctx, doc, notice.responsibleOrgId, related.issuingOrg, notice.id);
  return notice;
}

/** A 《行政执法监督通知书》's facts: the notice, and the 检察建议 it follows up as it stands. */
export function noticeFacts(ctx: Ctx, notice: MatterWithOrgs, related: MatterWithOrgs): EnforcementFacts {
  return {
    code: notice.code,
    items: notice.title,
    period: notice.periodRule ?? '',
    dueOn: notice.dueOn,
    servedOn: notice.servedOn,
    issuer: notice.issuingOrg.name,
    agency: notice.responsibleOrg.name,
    related: {
      kindLabel: MATTER_KIND_LABEL[related.kind as MatterKind],
      code: related.code,
      title: related.title,
      issuer: related.issuingOrg.name,
      servedOn: related.servedOn,
      dueOn: related.dueOn,
      status: t(ctx, `status.${related.status}`),
    },
  };
}

export const noticeForm: FormHandler = {
  form: 'supervision_notice',
  ...JUDICIAL,
  async submit(ctx, answers, context) {
    const related = await contextMatter(ctx, context, FOLLOWS);
    await issueNotice(ctx, related, String(answers.items), (answers.period as string | null) ?? undefined);
  },
};
