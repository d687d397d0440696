// 检察建议: 登记 (/建议 新建), 整改反馈 (/反馈), 评估 (/评估), 延期 (/延期), and the forms
// each of them opens when something is missing.

import { daysBetween } from '../../domain/civil-date.js';
import { awaitingReply, canApply } from '../../domain/matter-state.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import {
  assertNotClosed,
  contextMatter,
  dateOption,
  fieldOption,
  formContext,
  matterArg,
  NEW_WORDS,
  orgArg,
  periodOption,
  rejectUnknownKeys,
  textOption,
  yesNoOption,
} from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor, registerMatter } from '../core/matters.js';
import { word } from '../core/parse.js';
import { type Permission, permits, whoMay } from '../core/permissions.js';
import type { CommandDeps, CommandSpec, MatterJobHandler } from '../core/spec.js';
import {
  assertResponsible,
  decideExtension,
  evaluate,
  fireMatterJob,
  requestExtension,
  submitReply,
} from './service.js';

/** 检察建议 are issued and evaluated by the procuratorate's liaisons (人民检察院检察建议工作规定) */
const PROCURATORATE_LIAISON: Permission = { allow: ['liaison'], orgKinds: ['procuratorate'] };
/** what /反馈, /评估 and /延期 work on (a clue has its own steps: /线索 …) */
const RECOMMENDATION_KINDS = ['recommendation', 'pil_recommendation', 'task'];

/** The default period of a recommendation, in words: 2个月, or 15日 when urgent. */
function defaultPeriod(ctx: Ctx, urgent: boolean): string {
  return urgent ? ctx.services.config.periods.urgent : ctx.services.config.periods.recommendation;
}

export const registerRecommendation: CommandSpec = {
  id: 'rec_new',
  names: ['建议', 'rec', 'recommendation'],
  ...PROCURATORATE_LIAISON,
  async run(ctx, cmd, { forms }) {
    if (!NEW_WORDS.includes(word(cmd, 0))) throw new UserError('error.usage', { usage: t(ctx, 'usage.rec_new') });
    rejectUnknownKeys(ctx, cmd, 'usage.rec_new');
    const o = cmd.options;
    const prefill: Record<string, unknown> = {};
    const displays: Record<string, string> = {};
    if (o.org) {
      const org = await orgArg(ctx, o.org);
      prefill.org = org.id;
      displays.org = org.name;
    }
    if (o.title)
      prefill.title = displays.title = fieldOption(
        forms,
        'recommendation',
        'title',
        o.title,
        t(ctx, 'card.label.title'),
      );
    if (o.served) {
      const served = dateOption(o.served, t(ctx, 'usage.rec_new'));
      if (served > ctx.today) throw new UserError('error.served_in_future', { served, today: ctx.today });
      prefill.served = displays.served = served;
    }
    if (o.period) prefill.period = displays.period = periodOption(o.period);
    const urgent = yesNoOption(o.urgent, '紧急', ['紧急']) ?? false;
    const context = {
      urgent: urgent ? '1' : '',
      summary: o.summary ? textOption(o.summary, t(ctx, 'form.label.summary'), 2000, false) : '',
    };
    if (prefill.org && prefill.title && prefill.served) {
      const input = {
        kind: 'recommendation' as const,
        orgId: prefill.org as string,
        title: prefill.title as string,
        servedOn: prefill.served as string,
        period: prefill.period as string | undefined,
        urgent,
        summary: context.summary || undefined,
      };
      // registered already late: the liaison sees it in the review and confirms first
      const { deadline } = deadlineFor(ctx, input.servedOn, input.period ?? defaultPeriod(ctx, urgent));
      if (deadline.due >= ctx.today) {
        await registerMatter(ctx, input);
        return;
      }
      if (!('period' in prefill)) prefill.period = null;
    }
    await forms.start(ctx, 'recommendation', context, {
      prefill,
      displays,
      defaults: { period: defaultPeriod(ctx, urgent) },
    });
  },
};

export const recommendationForm: FormHandler = {
  form: 'recommendation',
  ...PROCURATORATE_LIAISON,
  async submit(ctx, answers, context) {
    await registerMatter(ctx, {
      kind: 'recommendation',
      orgId: String(answers.org),
      title: String(answers.title),
      servedOn: String(answers.served),
      period: (answers.period as string | null) ?? undefined,
      urgent: context.urgent === '1',
      summary: context.summary || undefined,
    });
  },
  async review(ctx, answers, context) {
    const { deadline } = deadlineFor(
      ctx,
      String(answers.served),
      (answers.period as string | null) ?? defaultPeriod(ctx, context.urgent === '1'),
    );
    const lines = [t(ctx, 'matter.review_due', { due: deadline.due, period: deadline.period })];
    if (deadline.due < ctx.today)
      lines.push(t(ctx, 'matter.review_overdue', { due: deadline.due, days: daysBetween(deadline.due, ctx.today) }));
    return lines;
  },
};

/** Starts the rectification reply form (text, and a card form where the client shows one). */
export async function startReplyForm(
  ctx: Ctx,
  m: MatterWithOrgs,
  { forms }: CommandDeps,
  firstAnswer?: string,
): Promise<void> {
  assertResponsible(ctx, m);
  assertNotClosed(m);
  if (!canApply(m.status, 'reply'))
    throw new UserError('error.cannot_reply', { code: m.code, status: t(ctx, `status.${m.status}`) });
  const context = formContext(ctx, { code: m.code, matterId: m.id });
  const { sessionId, resumed } = await forms.start(ctx, 'rectification', context, { firstAnswer });
  if (ctx.incoming?.cardForms && !resumed) {
    reply(
      ctx,
      'reply.card_offer',
      { code: m.code },
      {
        matterId: m.id,
        card: {
          title: t(ctx, 'card.title.reply_form', { code: m.code }),
          tone: 'info',
          fields: [],
          buttons: [],
          form: forms.cardForm('rectification', sessionId),
        },
      },
    );
  }
  if (!resumed) audit(ctx, 'form.start', m.code, { form: 'rectification' });
}

export const replyCommand: CommandSpec = {
  id: 'reply',
  names: ['反馈', '整改反馈', 'reply', 'feedback'],
  // the responsible unit's contact: an agency's 联络人, or the liaison of a unit given a task (司法局 …)
  allow: ['officer', 'liaison', 'admin'],
  async run(ctx, cmd, deps) {
    const m = await matterArg(ctx, cmd, 'usage.reply', RECOMMENDATION_KINDS);
    await startReplyForm(ctx, m, deps);
  },
};

export const rectificationForm: FormHandler = {
  form: 'rectification',
  allow: ['officer', 'liaison', 'admin'],
  async submit(ctx, answers, context) {
    await submitReply(ctx, context.matterId!, answers);
  },
};

const PASS = ['通过', 'pass', '同意'];
const RETURN = ['退回', 'return', 'reject'];

export const evaluateCommand: CommandSpec = {
  id: 'evaluate',
  names: ['评估', 'eval', 'evaluate'],
  ...PROCURATORATE_LIAISON,
  async run(ctx, cmd, { forms }) {
    rejectUnknownKeys(ctx, cmd, 'usage.evaluate');
    const m = await matterArg(ctx, cmd, 'usage.evaluate', RECOMMENDATION_KINDS);
    const w = word(cmd, 1);
    const verdict = PASS.includes(w) ? 'pass' : RETURN.includes(w) ? 'return' : undefined;
    if (!verdict) throw new UserError('error.usage', { usage: t(ctx, 'usage.evaluate') });
    assertNotClosed(m);
    if (!canApply(m.status, verdict))
      throw new UserError('error.cannot_evaluate', { code: m.code, status: t(ctx, `status.${m.status}`) });
    const comment = cmd.options.comment ?? cmd.positional.slice(2).join(' ');
    const period = cmd.options.period ? periodOption(cmd.options.period) : undefined;
    if (comment) {
      await evaluate(
        ctx,
        m,
        verdict,
        fieldOption(forms, 'evaluation_return', 'comment', comment, t(ctx, 'form.label.comment')),
        period,
      );
      return;
    }
    // a button or a bare command: the opinion (and for 退回 the new period) by a form, then 确认
    const context = formContext(ctx, { code: m.code, matterId: m.id });
    const prefill: Record<string, string> = period ? { period } : {};
    await forms.start(ctx, verdict === 'pass' ? 'evaluation_pass' : 'evaluation_return', context, {
      prefill,
      displays: prefill,
      defaults: { period: m.periodRule },
    });
  },
};

export const evaluationForms: FormHandler[] = [
  {
    form: 'evaluation_pass',
    ...PROCURATORATE_LIAISON,
    async submit(ctx, answers, context) {
      await evaluate(ctx, await contextMatter(ctx, context), 'pass', String(answers.comment));
    },
  },
  {
    form: 'evaluation_return',
    ...PROCURATORATE_LIAISON,
    async submit(ctx, answers, context) {
      await evaluate(
        ctx,
        await contextMatter(ctx, context),
        'return',
        String(answers.comment),
        (answers.period as string | null) ?? undefined,
      );
    },
    async review(ctx, answers, context) {
      const m = await contextMatter(ctx, context);
      const { deadline } = deadlineFor(ctx, ctx.today, (answers.period as string | null) ?? m.periodRule);
      return [t(ctx, 'matter.review_due', { due: deadline.due, period: deadline.period })];
    },
  },
];

const APPROVE = ['批准', '同意', 'approve'];
const DECLINE = ['驳回', '不同意', 'decline', 'reject'];

export const extensionCommand: CommandSpec = {
  id: 'extend',
  names: ['延期', 'extend', 'extension'],
  allow: ['officer', 'liaison', 'admin'],
  async run(ctx, cmd, { forms }) {
    rejectUnknownKeys(ctx, cmd, 'usage.extend');
    const m = await matterArg(ctx, cmd, 'usage.extend', RECOMMENDATION_KINDS);
    const w = word(cmd, 1);
    const roles = ctx.member!.roles;
    if (APPROVE.includes(w) || DECLINE.includes(w)) {
      if (!permits(ctx, PROCURATORATE_LIAISON))
        throw new UserError('error.forbidden', { command: '/延期 … 批准', roles: whoMay(ctx, PROCURATORATE_LIAISON) });
      await decideExtension(ctx, m, APPROVE.includes(w), cmd.options.comment ?? cmd.positional.slice(2).join(' '));
      return;
    }
    if (!roles.includes('officer') && !roles.includes('admin'))
      throw new UserError('error.forbidden', { command: '/延期', roles: t(ctx, 'role.officer') });
    assertResponsible(ctx, m);
    assertNotClosed(m);
    if (!awaitingReply(m.status))
      throw new UserError('error.cannot_extend', { code: m.code, status: t(ctx, `status.${m.status}`) });
    const period = cmd.options.period ? periodOption(cmd.options.period) : undefined;
    const reason = cmd.options.reason
      ? fieldOption(forms, 'extension', 'reason', cmd.options.reason, t(ctx, 'form.label.reason'))
      : undefined;
    if (period && reason) {
      await requestExtension(ctx, m.id, period, reason);
      return;
    }
    const prefill: Record<string, string> = {};
    if (period) prefill.period = period;
    if (reason) prefill.reason = reason;
    const context = formContext(ctx, { code: m.code, matterId: m.id });
    await forms.start(ctx, 'extension', context, { prefill, displays: prefill });
  },
};

export const extensionForm: FormHandler = {
  form: 'extension',
  allow: ['officer', 'admin'],
  async submit(ctx, answers, context) {
    await requestExtension(ctx, context.matterId!, String(answers.period), String(answers.reason));
  },
};

export const deadlineJob: MatterJobHandler = (ctx, kind, m, payload) => fireMatterJob(ctx, kind, m, payload);
