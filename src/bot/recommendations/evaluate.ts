// 评估 (/评估 编号 通过|退回 意见=…): the liaison's verdict on a reply, given on the command
// line, or by a form asking for the opinion (and for 退回 the new period) when it is missing.

import { canApply } from '../../domain/matter-state.js';
import { RECT_STATUS_LABEL, type RectStatus } from '../../domain/vocabulary.js';
import { latestReply } from '../../store/matters.js';
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
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor } from '../core/matters.js';
import { word } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { LIAISON, RECOMMENDATION_KINDS } from './access.js';
import { evaluate } from './evaluation.js';

const PASS = ['通过', 'pass', '同意'];
const RETURN = ['退回', 'return', 'reject'];

export const evaluateCommand: CommandSpec = {
  id: 'evaluate',
  names: ['评估', 'eval', 'evaluate'],
  ...LIAISON,
  async run(ctx, cmd, { forms }) {
    rejectUnknownKeys(ctx, cmd, 'usage.evaluate');
    const m = await matterArg(ctx, cmd, 'usage.evaluate', RECOMMENDATION_KINDS);
    const w = word(cmd, 1);
    const verdict = PASS.includes(w) ? 'pass' : RETURN.includes(w) ? 'return' : undefined;
    if (!verdict) throw new UserError('error.usage', { usage: t(ctx, 'usage.evaluate') });
    assertEvaluator(ctx, m);
    assertNotClosed(m);
    if (!canApply(m.status, verdict))
      throw new UserError('error.cannot_evaluate', { code: m.code, status: t(ctx, `status.${m.status}`) });
    const comment = cmd.options.comment ?? cmd.positional.slice(2).join(' ');
    const period = cmd.options.period ? periodOption(cmd.options.period) : undefined;
    if (comment) {
      // 通过 closes the matter: on a reply that does not say 已整改, only when confirmed
      const unfinished = verdict === 'pass' ? await unfinishedStatus(ctx, m.id) : undefined;
      if (unfinished && !yesNoOption(cmd.options.confirm, '确认'))
        throw new UserError(
          'evaluate.confirm_unfinished',
          { code: m.code, rectStatus: unfinished },
          `${commandText(ctx)} 确认=是`,
        );
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
    async review(ctx, answers, context) {
      const m = await contextMatter(ctx, context);
      const { deadline } = deadlineFor(ctx, ctx.today, (answers.period as string | null) ?? m.periodRule);
      return [t(ctx, 'matter.review_due', { due: deadline.due, period: deadline.period })];
    },
  },
];
