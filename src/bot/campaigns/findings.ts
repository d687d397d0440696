// A campaign's work after the self-inspection: each unit's return (a form), the on-site inspections
// (date, units visited, files sampled), the findings, and a finding turned — by button — into a task
// for the unit, a 《行政执法监督通知书》 (the 司法局) or a 检察建议 (the procuratorate), tracked as any.
import { normalizeCode } from '../../domain/codes.js';
import { MATTER_KIND_LABEL } from '../../domain/vocabulary.js';
import { addFinding, addInspection, findingBySeq, saveReturn, setFindingMatter } from '../../store/campaigns.js';
import { filesOf, reviewByCode } from '../../store/review.js';
import { dateOption, orgArg, periodOption, rejectUnknownKeys, textOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormEngine } from '../core/forms/engine.js';
import type { FormHandler } from '../core/forms/handler.js';
import { registerMatter } from '../core/matters.js';
import type { ParsedCommand } from '../core/parse.js';
import { assertOpen, assertOrganiser, contextCampaign, requireCampaign, unitIds } from './service.js';

const split = (s: string) => s.split(/[,，、;；\s]+/).filter(Boolean);

export async function returnCommand(ctx: Ctx, cmd: ParsedCommand, forms: FormEngine): Promise<void> {
  const c = await requireCampaign(ctx, cmd.positional[1], 'campaign.usage.return');
  assertOpen(c);
  if (!unitIds(c).includes(ctx.member!.orgId))
    throw new UserError('campaign.error.not_a_unit', { code: c.code, unit: ctx.member!.orgName });
  await forms.start(ctx, 'campaign_return', { campaignId: c.id, code: c.code });
}

export const returnForm: FormHandler = {
  form: 'campaign_return',
  allow: ['liaison', 'officer'],
  async check(_ctx, answers) {
    if (
      typeof answers.checked === 'number' &&
      typeof answers.problems === 'number' &&
      answers.problems > answers.checked
    )
      return { field: 'problems', key: 'campaign.error.problems_over', fields: { checked: answers.checked } };
    return undefined;
  },
  async submit(ctx, answers, context) {
    const c = await contextCampaign(ctx, context);
    assertOpen(c);
    if (!unitIds(c).includes(ctx.member!.orgId))
      throw new UserError('campaign.error.not_a_unit', { code: c.code, unit: ctx.member!.orgName });
    const fields = {
      code: c.code,
      unit: ctx.member!.orgName,
      checked: Number(answers.checked),
      problems: Number(answers.problems),
    };
    await saveReturn(ctx.tx, {
      campaignId: c.id,
      orgId: ctx.member!.orgId,
      checked: fields.checked,
      problems: fields.problems,
      detail: String(answers.detail ?? ''),
      memberId: ctx.member!.id,
      receivedAt: ctx.now,
    });
    audit(ctx, 'campaign.return', c.code, fields);
    reply(ctx, 'campaign.returned', fields);
  },
};

/**
 * The files an on-site inspection takes from a case-file review's published draw (评查=PC-…): those
 * drawn from the units visited, so the inspection's sample is the reproducible one.
 */
async function reviewSample(ctx: Ctx, code: string, units: Array<{ id: string }>): Promise<number> {
  const r = await reviewByCode(ctx.tx, normalizeCode(code));
  if (!r) throw new UserError('campaign.error.no_review', { code });
  const files = (await filesOf(ctx.tx, r.id)).filter((f) => units.some((u) => u.id === f.orgId));
  if (!files.length) throw new UserError('campaign.error.review_empty', { code: r.code });
  return files.length;
}

/** /专项 检查 ZX-… 日期=… 单位=… 抽查=N | 评查=PC-… [说明=…]: an on-site inspection. */
export async function inspectCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  await assertOrganiser(ctx);
  rejectUnknownKeys(ctx, cmd, 'campaign.usage.inspect');
  const c = await requireCampaign(ctx, cmd.positional[1], 'campaign.usage.inspect');
  assertOpen(c);
  const o = cmd.options;
  const usage = t(ctx, 'campaign.usage.inspect');
  if (!o.on || !o.org || (o.sampled === undefined) === (o.review === undefined))
    throw new UserError('campaign.error.inspect_missing', { usage });
  const on = dateOption(o.on, usage);
  if (on > ctx.today) throw new UserError('campaign.error.inspect_future', { on, today: ctx.today });
  const units = [];
  for (const q of split(o.org)) units.push(await orgArg(ctx, q));
  const outside = units.find((u) => !unitIds(c).includes(u.id));
  if (outside) throw new UserError('campaign.error.not_a_unit', { code: c.code, unit: outside.name });
  const sampled = o.review ? await reviewSample(ctx, o.review, units) : Number(o.sampled);
  if (!o.review && !/^\d{1,5}$/.test(o.sampled!.trim()))
    throw new UserError('campaign.error.sampled', { value: o.sampled! });
  await addInspection(ctx.tx, {
    campaignId: c.id,
    heldOn: on,
    orgIds: JSON.stringify(units.map((u) => u.id)),
    sampled,
    note: o.detail ? textOption(o.detail, t(ctx, 'campaign.label.note'), 500, false) : '',
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  audit(ctx, 'campaign.inspect', c.code, { on, units: units.length, sampled });
  reply(ctx, 'campaign.inspected', { code: c.code, on, units: units.map((u) => u.name).join('、'), sampled });
}

/** /专项 问题 ZX-… 单位=… 内容=…: a finding, with buttons to turn it into a task, a notice or a recommendation. */
export async function findingCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  await assertOrganiser(ctx);
  rejectUnknownKeys(ctx, cmd, 'campaign.usage.finding');
  const c = await requireCampaign(ctx, cmd.positional[1], 'campaign.usage.finding');
  assertOpen(c);
  if (!cmd.options.org || !cmd.options.summary)
    throw new UserError('campaign.error.finding_missing', { usage: t(ctx, 'campaign.usage.finding') });
  const org = await orgArg(ctx, cmd.options.org);
  if (!unitIds(c).includes(org.id)) throw new UserError('campaign.error.not_a_unit', { code: c.code, unit: org.name });
  const text = textOption(cmd.options.summary, t(ctx, 'campaign.label.finding'), 200);
  const f = await addFinding(ctx.tx, {
    campaignId: c.id,
    orgId: org.id,
    text,
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  audit(ctx, 'campaign.finding', c.code, { seq: f.seq, unit: org.name });
  const fields = { code: c.code, no: f.seq, unit: org.name, text };
  const to = (kind: string) => `/专项 转 ${c.code} 序号=${f.seq} 类型=${kind}`;
  reply(ctx, 'campaign.found', fields, {
    card: {
      title: t(ctx, 'campaign.card.finding', fields),
      tone: 'warning',
      fields: [],
      buttons: [
        { label: t(ctx, 'campaign.button.task'), command: to('任务'), style: 'primary' },
        { label: t(ctx, 'campaign.button.notice'), command: to('监督通知书') },
        { label: t(ctx, 'campaign.button.recommendation'), command: to('检察建议') },
      ],
    },
  });
}

const INTO: Record<string, 'task' | 'supervision_notice' | 'recommendation'> = {
  任务: 'task',
  整改: 'task',
  监督通知书: 'supervision_notice',
  通知书: 'supervision_notice',
  检察建议: 'recommendation',
  建议: 'recommendation',
};
/** who issues what: a 监督通知书 the 司法局, a 检察建议 the procuratorate (行政执法监督条例; 人民检察院检察建议工作规定) */
const ISSUER: Record<string, string> = { supervision_notice: 'judicial', recommendation: 'procuratorate' };

/** /专项 转 ZX-… 序号=N 类型=任务|监督通知书|检察建议 [期限=…]: the finding becomes a matter of that kind. */
export async function convertCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  await assertOrganiser(ctx);
  rejectUnknownKeys(ctx, cmd, 'campaign.usage.convert');
  const c = await requireCampaign(ctx, cmd.positional[1], 'campaign.usage.convert');
  const kind = INTO[cmd.options.kind?.trim() ?? ''];
  const seq = Number(cmd.options.no);
  if (!kind || !Number.isInteger(seq))
    throw new UserError('campaign.error.convert_usage', { usage: t(ctx, 'campaign.usage.convert') });
  const f = await findingBySeq(ctx.tx, c.id, seq);
  if (!f) throw new UserError('campaign.error.no_finding', { code: c.code, no: seq });
  if (f.matterId) throw new UserError('campaign.error.converted', { code: c.code, no: seq });
  const issuer = ISSUER[kind];
  if (issuer && ctx.member!.orgKind !== issuer)
    throw new UserError('campaign.error.issuer', {
      kind: MATTER_KIND_LABEL[kind],
      issuer: t(ctx, `org_kind.${issuer}`),
    });
  const m = await registerMatter(ctx, {
    kind,
    orgId: f.orgId,
    title: t(ctx, 'campaign.matter_title', { code: c.code, title: c.title, text: f.text }),
    servedOn: ctx.today,
    period: cmd.options.period ? periodOption(cmd.options.period) : undefined,
  });
  await setFindingMatter(ctx.tx, f.id, m.id, kind);
  audit(ctx, 'campaign.convert', c.code, { seq, matter: m.code });
}
