// 检察建议: 登记 (/建议 新建), 整改反馈 (/反馈), 评估 (/评估), 延期 (/延期).
import { formatPeriod, parsePeriod } from '../../domain/period.js';
import { awaitingReply, canApply } from '../../domain/matter-state.js';
import { audit, type Ctx, reply, UserError } from '../context.js';
import { assertResponsible, decideExtension, evaluate, registerMatter, requestExtension } from '../matters/service.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { dateOption, matterArg, orgArg, periodOption, rejectUnknownKeys, yes } from './common.js';
import type { CommandDeps, CommandSpec } from './spec.js';

const NEW_WORDS = ['新建', '登记', 'new', 'add'];

export const registerRecommendation: CommandSpec = {
  id: 'rec_new',
  names: ['建议', 'rec', 'recommendation'],
  allow: ['liaison'],
  async run(ctx, cmd, { forms }) {
    if (!NEW_WORDS.includes(cmd.positional[0] ?? '')) throw new UserError('error.usage', { usage: ctx.services.prompts.render('usage.rec_new') });
    rejectUnknownKeys(ctx, cmd, 'usage.rec_new');
    const o = cmd.options;
    const prefill: Record<string, unknown> = {};
    const displays: Record<string, string> = {};
    if (o.org) {
      const org = await orgArg(ctx, o.org);
      prefill.org = org.id;
      displays.org = org.name;
    }
    if (o.title) {
      if (o.title.length > 200) throw new UserError('error.title_too_long', { length: o.title.length });
      prefill.title = displays.title = o.title;
    }
    if (o.served) prefill.served = displays.served = dateOption(o.served, ctx.services.prompts.render('usage.rec_new'));
    if (o.period) prefill.period = displays.period = formatPeriod(parsePeriod(periodOption(o.period))!);
    const urgent = yes(o.urgent);
    if (prefill.org && prefill.title && prefill.served) {
      await registerMatter(ctx, {
        kind: 'recommendation',
        orgId: prefill.org as string,
        title: prefill.title as string,
        servedOn: prefill.served as string,
        period: prefill.period as string | undefined,
        urgent,
        summary: o.summary,
      });
      return;
    }
    // the period has a default: do not ask for it when the rest is missing
    if (!('period' in prefill)) prefill.period = null;
    await forms.start(ctx, 'recommendation', { urgent: urgent ? '1' : '', summary: o.summary ?? '' }, prefill, displays);
  },
};

/** Starts the rectification reply form (text, and a card form where the client shows one). */
export async function startReplyForm(ctx: Ctx, m: MatterWithOrgs, { forms }: CommandDeps): Promise<void> {
  assertResponsible(ctx, m);
  if (!canApply(m.status, 'reply')) throw new UserError('error.cannot_reply', { code: m.code, status: ctx.services.prompts.render(`status.${m.status}`) });
  const context = { code: m.code, matterId: m.id };
  await forms.start(ctx, 'rectification', context);
  if (ctx.incoming?.cardForms) {
    reply(ctx, 'reply.card_offer', { code: m.code }, {
      matterId: m.id,
      card: { title: ctx.services.prompts.render('card.title.reply_form', { code: m.code }), tone: 'info', fields: [], buttons: [], form: forms.cardForm('rectification', context) },
    });
  }
  audit(ctx, 'form.start', m.code, { form: 'rectification' });
}

export const replyCommand: CommandSpec = {
  id: 'reply',
  names: ['反馈', '整改反馈', 'reply', 'feedback'],
  allow: ['officer', 'admin'],
  async run(ctx, cmd, deps) {
    const m = await matterArg(ctx, cmd, 'usage.reply');
    await startReplyForm(ctx, m, deps);
  },
};

export const evaluateCommand: CommandSpec = {
  id: 'evaluate',
  names: ['评估', 'eval', 'evaluate'],
  allow: ['liaison'],
  async run(ctx, cmd) {
    rejectUnknownKeys(ctx, cmd, 'usage.evaluate');
    const m = await matterArg(ctx, cmd, 'usage.evaluate');
    const word = cmd.positional[1] ?? '';
    const verdict = ['通过', 'pass', '同意'].includes(word) ? 'pass' : ['退回', 'return', 'reject'].includes(word) ? 'return' : undefined;
    if (!verdict) throw new UserError('error.usage', { usage: ctx.services.prompts.render('usage.evaluate') });
    const comment = cmd.options.comment ?? cmd.positional.slice(2).join(' ');
    if (verdict === 'return' && !comment) throw new UserError('error.return_needs_comment', { code: m.code });
    await evaluate(ctx, m, verdict, comment, cmd.options.period ? periodOption(cmd.options.period) : undefined);
  },
};

const APPROVE = ['批准', '同意', 'approve'];
const DECLINE = ['驳回', '不同意', 'decline', 'reject'];

export const extensionCommand: CommandSpec = {
  id: 'extend',
  names: ['延期', 'extend', 'extension'],
  allow: ['officer', 'liaison', 'admin'],
  async run(ctx, cmd, { forms }) {
    rejectUnknownKeys(ctx, cmd, 'usage.extend');
    const m = await matterArg(ctx, cmd, 'usage.extend');
    const word = cmd.positional[1] ?? '';
    const roles = ctx.member!.roles;
    if (APPROVE.includes(word) || DECLINE.includes(word)) {
      if (!roles.includes('liaison')) throw new UserError('error.forbidden', { command: '/延期 … 批准', roles: ctx.services.prompts.render('role.liaison') });
      await decideExtension(ctx, m, APPROVE.includes(word), cmd.options.comment ?? cmd.positional.slice(2).join(' '));
      return;
    }
    if (!roles.includes('officer') && !roles.includes('admin')) throw new UserError('error.forbidden', { command: '/延期', roles: ctx.services.prompts.render('role.officer') });
    assertResponsible(ctx, m);
    if (!awaitingReply(m.status)) throw new UserError('error.cannot_extend', { code: m.code, status: ctx.services.prompts.render(`status.${m.status}`) });
    const period = cmd.options.period ? periodOption(cmd.options.period) : undefined;
    const reason = cmd.options.reason;
    if (period && reason) {
      await requestExtension(ctx, m.id, period, reason);
      return;
    }
    const prefill: Record<string, unknown> = {};
    if (period) prefill.period = formatPeriod(parsePeriod(period)!);
    if (reason) prefill.reason = reason;
    await forms.start(ctx, 'extension', { code: m.code, matterId: m.id }, prefill, prefill as Record<string, string>);
  },
};
