// 评估 (/评估 编号 通过|退回|提请督办|提起诉讼|终结案件 意见=…): the liaison's verdict on a reply, given on
// the command line, or by a form asking for the opinion (and for 退回 the new period) when it is missing.

import { canApply } from '../../domain/matter-state.js';
import { RECT_STATUS_LABEL, type RectStatus } from '../../domain/vocabulary.js';
import { latestReply, type MatterWithOrgs } from '../../store/matters.js';
import {
  assertNotClosed,
  commandText,
  contextMatter,
  fieldOption,
  formContext,
  matterArg,
  periodOption,
  rejectUnknownKeys,
  yesNoOption,
} from '../core/args.js';
import { type Ctx, t, UserError } from '../core/context.js';
import { assertEvaluator } from '../core/evaluator.js';
import type { FormEngine } from '../core/forms/engine.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor } from '../core/matters.js';
import { word } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { LIAISON, RECOMMENDATION_KINDS } from './access.js';
import { evaluate } from './evaluation.js';
import { closeWithOutcome, escalateNow, type Outcome } from './outcomes.js';

/** The verdicts and outcomes in the words officials use (通过 / 退回 are the old words of 整改到位 / 跟进监督). */
type Verdict = 'pass' | 'return' | 'escalate' | Outcome;
const VERDICT_WORDS: Record<string, Verdict> = {
  通过: 'pass',
  同意: 'pass',
  整改到位: 'pass',
  pass: 'pass',
  退回: 'return',
  跟进监督: 'return',
  整改不到位: 'return',
  return: 'return',
  reject: 'return',
  提请督办: 'escalate',
  escalate: 'escalate',
  提起诉讼: 'litigate',
  起诉: 'litigate',
  litigate: 'litigate',
  终结案件: 'terminate',
  终结: 'terminate',
  terminate: 'terminate',
};

export const evaluateCommand: CommandSpec = {
  id: 'evaluate',
  names: ['评估', 'eval', 'evaluate'],
  ...LIAISON,
  async run(ctx, cmd, { forms }) {
    rejectUnknownKeys(ctx, cmd, 'usage.evaluate');
    const m = await matterArg(ctx, cmd, 'usage.evaluate', RECOMMENDATION_KINDS);
    const verdict = VERDICT_WORDS[word(cmd, 1)];
    if (!verdict) throw new UserError('error.usage', { usage: t(ctx, 'usage.evaluate') });
    assertEvaluator(ctx, m);
    assertNotClosed(m);
    const allowed =
      verdict === 'litigate' || verdict === 'terminate' ? 'conclude' : verdict === 'pass' ? 'pass' : 'return';
    if (!canApply(m.status, allowed))
      throw new UserError('error.cannot_evaluate', { code: m.code, status: t(ctx, `status.${m.status}`) });
    if ((verdict === 'litigate' || verdict === 'terminate') && m.kind !== 'pil_recommendation')
      throw new UserError('evaluate.outcome_pil_only', { code: m.code });
    const comment = cmd.options.comment ?? cmd.positional.slice(2).join(' ');
    const period = cmd.options.period ? periodOption(cmd.options.period) : undefined;
    if (!comment) return startEvaluationForm(ctx, forms, m, verdict, word(cmd, 1), period);
    // 通过 closes the matter: on a reply that does not say 已整改到位, only when confirmed
    const unfinished = verdict === 'pass' ? await unfinishedStatus(ctx, m.id) : undefined;
    if (unfinished && !yesNoOption(cmd.options.confirm, '确认'))
      throw new UserError(
        'evaluate.confirm_unfinished',
        { code: m.code, rectStatus: unfinished },
        `${commandText(ctx)} 确认=是`,
      );
    const text = fieldOption(forms, 'evaluation_return', 'comment', comment, t(ctx, 'form.label.comment'));
    await decide(ctx, m, verdict, text, period);
  },
};

async function decide(ctx: Ctx, m: MatterWithOrgs, verdict: Verdict, comment: string, period?: string) {
  if (verdict === 'escalate') return escalateNow(ctx, m, comment, period);
  if (verdict === 'litigate' || verdict === 'terminate') return closeWithOutcome(ctx, m, verdict, comment);
  return evaluate(ctx, m, verdict, comment, period);
}

/** A button or a bare command: the opinion (and for 退回 / 提请督办 the new period) by a form, then 确认. */
async function startEvaluationForm(
  ctx: Ctx,
  forms: FormEngine,
  m: MatterWithOrgs,
  verdict: Verdict,
  said: string,
  period?: string,
) {
  const formOf: Partial<Record<Verdict, string>> = {
    pass: 'evaluation_pass',
    return: 'evaluation_return',
    escalate: 'evaluation_escalate',
  };
  const form = formOf[verdict] ?? 'evaluation_outcome';
  const context = formContext(ctx, { code: m.code, matterId: m.id, verdict, said });
  const prefill: Record<string, string> = period ? { period } : {};
  await forms.start(ctx, form, context, { prefill, displays: prefill, defaults: { period: m.periodRule } });
}

/** The latest reply's status, in words, when it does not say 已整改 (正在整改, 无法整改); else undefined. */
async function unfinishedStatus(ctx: Ctx, matterId: string): Promise<string | undefined> {
  const last = await latestReply(ctx.tx, matterId);
  return last && last.rectStatus !== 'done' ? RECT_STATUS_LABEL[last.rectStatus as RectStatus] : undefined;
}

export const evaluationForms: FormHandler[] = [
  {
    form: 'evaluation_pass',
    ...LIAISON,
    async review(ctx, _answers, context) {
      const unfinished = await unfinishedStatus(ctx, (await contextMatter(ctx, context)).id);
      return unfinished ? [t(ctx, 'evaluate.review_unfinished', { rectStatus: unfinished })] : [];
    },
    async submit(ctx, answers, context) {
      await evaluate(ctx, await contextMatter(ctx, context), 'pass', String(answers.comment));
    },
  },
  {
    // 提请督办: the opinion and the new period, then 确认
    form: 'evaluation_escalate',
    ...LIAISON,
    async submit(ctx, answers, context) {
      const period = (answers.period as string | null) ?? undefined;
      await escalateNow(ctx, await contextMatter(ctx, context), String(answers.comment), period);
    },
    review: newPeriodReview,
  },
  {
    // 提起诉讼, 终结案件: the opinion, then 确认 (context.verdict says which)
    form: 'evaluation_outcome',
    ...LIAISON,
    async submit(ctx, answers, context) {
      const verdict = context.verdict as Verdict;
      if (!['litigate', 'terminate'].includes(verdict)) throw new UserError('error.card_forged');
      await decide(ctx, await contextMatter(ctx, context), verdict, String(answers.comment));
    },
  },
  {
    form: 'evaluation_return',
    ...LIAISON,
    async submit(ctx, answers, context) {
      await evaluate(
        ctx,
        await contextMatter(ctx, context),
        'return',
        String(answers.comment),
        (answers.period as string | null) ?? undefined,
      );
    },
    review: newPeriodReview,
  },
];

/** The review's line: the new due date the period gives, counted from today. */
async function newPeriodReview(ctx: Ctx, answers: Record<string, unknown>, context: Record<string, string>) {
  const m = await contextMatter(ctx, context);
  const { deadline } = deadlineFor(ctx, ctx.today, (answers.period as string | null) ?? m.periodRule);
  return [
    t(ctx, 'matter.review_due', {
      due: deadline.due,
      period: deadline.period,
      // a year without holiday data: the same 【待核】 the registration's answer carries
      mark: deadline.provisional ? t(ctx, 'card.provisional_mark') : '',
    }),
  ];
}
