// 督办 (/督办 编号 意见=… 期限=5个工作日): the supervisor office presses the agency about a matter, with a
// time limit of its own; the agency's group hears it, the limit gets its reminder, the 督办 is recorded
// and counted (督办次数, apart from the automatic 提级督办 along the road).
// 批示 (/批示 编号 内容=…): a leader's instruction, to the agency's group and the evaluating liaison.

import { type SuperviseFacts, superviseNotice } from '../../documents/supervision.js';
import { type Composed, fileOf } from '../../documents/words.js';
import { daysBetween, shanghaiDate } from '../../domain/civil-date.js';
import { isOpenStatus } from '../../domain/matter-state.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import { keepGenerated } from '../../store/files.js';
import { planJob } from '../../store/jobs.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { recordInstruction, recordSupervision } from '../../store/supervision.js';
import { contextMatter, fieldOption, formContext, matterArg, periodOption, rejectUnknownKeys } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { notifyEvaluator } from '../core/evaluator.js';
import type { FormEngine } from '../core/forms/engine.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor } from '../core/matters.js';
import { notify, unitGroups } from '../core/notify.js';
import type { Permission } from '../core/permissions.js';
import type { CommandSpec } from '../core/spec.js';

export const SUPERVISION_DUE = 'supervision_due';
/** what a supervisor may press and a leader instruct on (a clue has its own road) */
const PRESSED = ['recommendation', 'pil_recommendation', 'task', 'supervision_notice'];
const SUPERVISOR: Permission = { allow: ['supervisor', 'admin'] };
const LEADER: Permission = { allow: ['leader', 'admin'] };

function fieldsOf(ctx: Ctx, m: MatterWithOrgs) {
  return {
    code: m.code,
    title: m.title,
    kind: MATTER_KIND_LABEL[m.kind as MatterKind],
    org: m.responsibleOrg.name,
    by: ctx.member!.name,
    unit: ctx.member!.orgName,
  };
}

async function openMatter(ctx: Ctx, m: MatterWithOrgs): Promise<MatterWithOrgs> {
  if (!isOpenStatus(m.status))
    throw new UserError('supervise.error.closed', { code: m.code, status: t(ctx, `status.${m.status}`) });
  return m;
}

async function startForm(
  ctx: Ctx,
  forms: FormEngine,
  form: string,
  m: MatterWithOrgs,
  prefill: Record<string, string>,
) {
  const context = formContext(ctx, { code: m.code, matterId: m.id });
  await forms.start(ctx, form, context, { prefill, displays: prefill, defaults: { period: '5个工作日' } });
}

export const superviseCommand: CommandSpec = {
  id: 'supervise',
  names: ['督办', '催办', 'supervise'],
  ...SUPERVISOR,
  async run(ctx, cmd, { forms }) {
    rejectUnknownKeys(ctx, cmd, 'supervise.usage');
    const m = await openMatter(ctx, await matterArg(ctx, cmd, 'supervise.usage', PRESSED));
    const period = cmd.options.period ? periodOption(cmd.options.period) : undefined;
    const opinion = cmd.options.comment ?? cmd.positional.slice(1).join(' ');
    if (!opinion) return startForm(ctx, forms, 'supervise', m, period ? { period } : {});
    const text = fieldOption(forms, 'supervise', 'opinion', opinion, t(ctx, 'supervise.label.opinion'));
    await supervise(ctx, m, text, period ?? '5个工作日');
  },
};

/** Records the 督办, tells the agency's group and plans the reminder of its limit. */
export async function supervise(ctx: Ctx, m: MatterWithOrgs, opinion: string, periodText: string): Promise<void> {
  const { deadline, period } = deadlineFor(ctx, ctx.today, periodText);
  await recordSupervision(ctx.tx, {
    matterId: m.id,
    opinion,
    periodRule: period,
    dueOn: deadline.due,
    byId: ctx.member!.id,
    orgId: ctx.member!.orgId,
    createdAt: ctx.now,
  });
  const fields = { ...fieldsOf(ctx, m), opinion, period, due: deadline.due };
  await notify(ctx, 'agency', m.responsibleOrgId, 'supervise.agency', fields, { matterId: m.id });
  await notifyEvaluator(ctx, m, 'supervise.evaluator', fields, { matterId: m.id });
  const facts = superviseFacts(ctx, m, {
    opinion,
    period,
    limit: deadline.due,
    unit: ctx.member!.orgName,
    on: ctx.today,
  });
  // to the agency (主送) and the unit that issued the matter (抄送), unless that is the supervisor's own
  const copied = m.issuingOrgId === ctx.member!.orgId ? undefined : m.issuingOrg;
  await sendDocument(ctx, superviseNotice(documentWords(ctx), facts), m.responsibleOrgId, copied, m.id);
  await planJob(
    ctx.tx,
    {
      kind: SUPERVISION_DUE,
      key: `${SUPERVISION_DUE}:${m.id}:${ctx.now.toISOString()}`,
      dueAt: atOfficeStart(deadline.due, ctx.services.config.officeStart),
      matterId: m.id,
      payload: { dueOn: deadline.due, since: ctx.now.toISOString(), by: ctx.member!.name, unit: ctx.member!.orgName },
    },
    ctx.now,
  );
  ctx.scheduled = true;
  audit(ctx, 'supervise.recorded', m.code, { dueOn: deadline.due });
  ctx.completed = { action: t(ctx, 'supervise.used') };
  reply(ctx, 'supervise.done', fields);
}

/** The words of prompts/ for the documents (src/documents/ composes them). */
export const documentWords =
  (ctx: Ctx) =>
  (key: string, fields: Record<string, string | number> = {}) =>
    t(ctx, key, fields);

/** A 督办通知书's facts: the matter as it stands, and the 督办 (its opinion, limit, unit and day). */
export function superviseFacts(
  ctx: Ctx,
  m: MatterWithOrgs,
  s: Pick<SuperviseFacts, 'opinion' | 'period' | 'limit' | 'unit' | 'on'>,
): SuperviseFacts {
  return {
    kind: m.kind,
    code: m.code,
    title: m.title,
    issuer: m.issuingOrg.name,
    agency: m.responsibleOrg.name,
    servedOn: m.servedOn,
    dueOn: m.dueOn,
    status: t(ctx, `status.${m.status}`),
    daysLate: m.dueOn < s.on ? daysBetween(m.dueOn, s.on) : 0,
    ...s,
  };
}

/**
 * A document as a file (named like 督办通知书-JY-2026-001.docx): to the agency's groups (its 主送), the
 * groups of the unit it is copied to (抄送: the joint group for the procuratorate, as notifyEvaluator
 * hears it) and the chat it was made from — each once.
 */
export async function sendDocument(
  ctx: Ctx,
  c: Composed,
  agencyOrgId: string,
  copied: { id: string; kind: string } | undefined,
  matterId: string,
): Promise<void> {
  const f = await fileOf(c);
  const file = await keepGenerated(ctx.tx, ctx.services.config.filesDir, { name: f.name, bytes: f.bytes, at: ctx.now });
  const text = t(ctx, 'document.sent', { doc: f.label, name: f.name });
  const { roster } = ctx.services;
  const groups = [
    ...(await roster.bindings(ctx.tx, { purpose: 'agency', orgId: agencyOrgId })),
    ...(!copied
      ? []
      : copied.kind === 'procuratorate'
        ? await roster.bindings(ctx.tx, { purpose: 'joint' })
        : await unitGroups(ctx, copied.id)),
  ];
  const chats = new Map<string, { platform: string; chatId: string }>();
  for (const b of groups) chats.set(`${b.platform}:${b.chatId}`, b);
  const inc = ctx.incoming;
  if (inc) chats.set(`${inc.platform}:${inc.chatId}`, { platform: inc.platform, chatId: inc.chatId });
  for (const x of chats.values())
    ctx.out.push({ platform: x.platform, to: { chatId: x.chatId }, text, file, matterId });
}

export const instructCommand: CommandSpec = {
  id: 'instruct',
  names: ['批示', 'instruct'],
  ...LEADER,
  async run(ctx, cmd, { forms }) {
    rejectUnknownKeys(ctx, cmd, 'instruct.usage');
    const m = await openMatter(ctx, await matterArg(ctx, cmd, 'instruct.usage', PRESSED));
    const content = cmd.options.summary ?? cmd.options.comment ?? cmd.positional.slice(1).join(' ');
    if (!content) return startForm(ctx, forms, 'instruct', m, {});
    await instruct(ctx, m, fieldOption(forms, 'instruct', 'text', content, t(ctx, 'instruct.label.text')));
  },
};

/** Records the 批示 and sends it to the agency's group and to the liaisons who evaluate the matter. */
export async function instruct(ctx: Ctx, m: MatterWithOrgs, text: string): Promise<void> {
  await recordInstruction(ctx.tx, { matterId: m.id, text, byId: ctx.member!.id, createdAt: ctx.now });
  const fields = { ...fieldsOf(ctx, m), text, on: shanghaiDate(ctx.now) };
  await notify(ctx, 'agency', m.responsibleOrgId, 'instruct.agency', fields, { matterId: m.id });
  await notifyEvaluator(ctx, m, 'instruct.evaluator', fields, { matterId: m.id });
  audit(ctx, 'instruct.recorded', m.code, {});
  ctx.completed = { action: t(ctx, 'instruct.used') };
  reply(ctx, 'instruct.done', fields);
}

export const superviseForms: FormHandler[] = [
  {
    form: 'supervise',
    ...SUPERVISOR,
    async submit(ctx, answers, context) {
      const m = await openMatter(ctx, await contextMatter(ctx, context, PRESSED));
      await supervise(ctx, m, String(answers.opinion), (answers.period as string | null) ?? '5个工作日');
    },
  },
  {
    form: 'instruct',
    ...LEADER,
    async submit(ctx, answers, context) {
      await instruct(ctx, await openMatter(ctx, await contextMatter(ctx, context, PRESSED)), String(answers.text));
    },
  },
];
