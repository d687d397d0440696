// 延期 (/延期 编号 …): the responsible unit asks for more time (by a form when the period or
// the reason is missing); the procuratorate's liaison answers with 同意 or 不同意 (批准, 驳回 read as well).

import { awaitingReply } from '../../domain/matter-state.js';
import { assertNotClosed, fieldOption, formContext, matterArg, periodOption, rejectUnknownKeys } from '../core/args.js';
import { t, UserError } from '../core/context.js';
import { evaluatorName, mayEvaluate } from '../core/evaluator.js';
import type { FormHandler } from '../core/forms/handler.js';
import { word } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { assertResponsible, RECOMMENDATION_KINDS } from './access.js';
import { decideExtension, requestExtension } from './extension-requests.js';

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
      if (!mayEvaluate(ctx, m))
        throw new UserError('error.not_evaluator', { code: m.code, org: evaluatorName(ctx, m) });
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
