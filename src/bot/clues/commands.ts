// /线索: 新建 (登记并移送)、受理、进展、办结、退回、转办、移送、列表、查看, and the forms each
// opens when something is missing. Clue forms run in the person's direct chat with the
// bot: their answers are a clue's content, which a group must not see.
import {
  CLUE_CATEGORIES,
  CLUE_CATEGORY,
  CLUE_RESULTS,
  CLUE_SOURCES,
  type ClueCategory,
  liftsRestriction,
  matchCategory,
  readResult,
  readSource,
} from '../../domain/clue.js';
import { listClues } from '../../store/clues.js';
import type { OrgRow } from '../../store/roster.js';
import {
  commandText,
  contextMatter,
  fieldOption,
  formContext,
  matterArg,
  orgArg,
  rejectUnknownKeys,
  yesNoOption,
} from '../core/args.js';
import { timeLeftText } from '../core/cards.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor } from '../core/matters.js';
import { unitGroups } from '../core/notify.js';
import { type ParsedCommand, word } from '../core/parse.js';
import { type Permission, permits, whoMay } from '../core/permissions.js';
import type { CommandDeps, CommandSpec } from '../core/spec.js';
import {
  acceptClue,
  assertHolder,
  assertMayNote,
  assertMayReferOn,
  assertStep,
  type ClueMatter,
  categoryLabel,
  closeClue,
  defaultReceiver,
  limitOf,
  loadClue,
  noteProgress,
  referOn,
  registerClue,
  returnClue,
  showClue,
} from './service.js';

/** A participating unit's liaison registers and refers clues (检察院、司法局、纪委监委 …). */
const REGISTRAR: Permission = { allow: ['liaison'] };

const SUB: Record<string, string> = {
  新建: 'new',
  登记: 'new',
  新增: 'new',
  new: 'new',
  add: 'new',
  受理: 'accept',
  accept: 'accept',
  进展: 'progress',
  进度: 'progress',
  progress: 'progress',
  办结: 'close',
  close: 'close',
  退回: 'return',
  return: 'return',
  转办: 'forward',
  forward: 'forward',
  移送: 'refer',
  refer: 'refer',
  列表: 'list',
  list: 'list',
  查看: 'show',
  详情: 'show',
  show: 'show',
};

const STATUS_WORDS: Record<string, string[]> = {
  待受理: ['referred'],
  已移送: ['referred'],
  referred: ['referred'],
  办理中: ['handling'],
  handling: ['handling'],
  已退回: ['bounced'],
  退回: ['bounced'],
  bounced: ['bounced'],
  已办结: ['closed'],
  办结: ['closed'],
  closed: ['closed'],
  全部: ['referred', 'handling', 'bounced', 'closed'],
  all: ['referred', 'handling', 'bounced', 'closed'],
};
const OPEN_CLUE = ['referred', 'handling', 'bounced'];
const LIST_MAX = 20;

/** The clue named after the sub-command word: /线索 受理 XS-2026-001 */
async function clueArg(ctx: Ctx, cmd: ParsedCommand, usageKey: string): Promise<ClueMatter> {
  const m = await matterArg(ctx, { ...cmd, positional: cmd.positional.slice(1) }, usageKey, ['clue']);
  return loadClue(ctx, m);
}

/**
 * 限制=…, read strictly. A word it cannot read, typed in a group with the clue's content on the
 * same line, also asks the person to withdraw that message (they meant it to be confidential).
 */
function restrictedOption(ctx: Ctx, o: Record<string, string>): boolean | undefined {
  try {
    return yesNoOption(o.restricted, '限制');
  } catch (e) {
    const inGroup = ctx.incoming && !ctx.incoming.isDirect;
    if (e instanceof UserError && inGroup && (o.summary || o.involved))
      throw new UserError('clue.error.restricted_unread_in_group', e.fields);
    throw e;
  }
}

function categoryOption(value: string): ClueCategory {
  const r = matchCategory(value);
  if (r.kind === 'found') return r.category;
  if (r.kind === 'ambiguous')
    throw new UserError('clue.error.ambiguous_category', {
      value,
      candidates: r.candidates.map((c) => CLUE_CATEGORY[c].label).join('、'),
    });
  throw new UserError('clue.error.unknown_category', { value, categories: categoryList() });
}

const categoryList = () => CLUE_CATEGORIES.map((c) => CLUE_CATEGORY[c].label).join('、');

function sourceOption(value: string): string {
  const s = readSource(value);
  if (!s) throw new UserError('clue.error.unknown_source', { value, sources: CLUE_SOURCES.join('、') });
  return s;
}

function resultOption(value: string): string {
  const r = readResult(value);
  if (!r) throw new UserError('clue.error.unknown_result', { value, results: CLUE_RESULTS.join('、') });
  return r;
}

/** A result that is a refusal or "other" must say why (不予立案并说明理由). */
function assertResultNote(result: string, note: string): void {
  if ((result === '不予立案并说明理由' || result === '其他') && !note)
    throw new UserError('clue.error.result_needs_note', { result });
}

async function receiverFor(ctx: Ctx, category: ClueCategory, given: string | undefined): Promise<OrgRow> {
  if (given) return orgArg(ctx, given);
  const d = await defaultReceiver(ctx, category);
  if (d) return d;
  if (CLUE_CATEGORY[category].receiver === ctx.member!.orgKind)
    throw new UserError('clue.error.own_category', {
      category: CLUE_CATEGORY[category].label,
      org: ctx.member!.orgName,
    });
  throw new UserError('clue.error.no_default_receiver', { category: CLUE_CATEGORY[category].label });
}

/** Starts a clue form in the person's direct chat; where the client shows cards, a card form too. */
async function startClueForm(
  ctx: Ctx,
  deps: CommandDeps,
  form: string,
  context: Record<string, string>,
  opts: {
    prefill?: Record<string, unknown>;
    displays?: Record<string, string>;
    defaults?: Record<string, string>;
  } = {},
): Promise<void> {
  const { sessionId, resumed } = await deps.forms.start(ctx, form, formContext(ctx, context), {
    ...opts,
    direct: true,
  });
  if (ctx.incoming?.cardForms && !resumed) {
    ctx.out.push({
      platform: ctx.incoming.platform,
      to: { userId: ctx.incoming.senderId },
      text: t(ctx, 'clue.card_form_offer', { title: deps.forms.get(form).title }),
      card: {
        title: deps.forms.get(form).title,
        tone: 'info',
        fields: [],
        buttons: [],
        form: deps.forms.cardForm(form, sessionId),
      },
    });
  }
}

async function runNew(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void> {
  if (!permits(ctx, REGISTRAR))
    throw new UserError('error.forbidden', { command: '/线索 新建', roles: whoMay(ctx, REGISTRAR) });
  const o = cmd.options;
  const prefill: Record<string, unknown> = {};
  const displays: Record<string, string> = {};
  let category: ClueCategory | undefined;
  if (o.category) {
    category = categoryOption(o.category);
    prefill.category = category;
    displays.category = CLUE_CATEGORY[category].label;
  }
  if (o.receiver) {
    const org = await orgArg(ctx, o.receiver);
    prefill.receiver = org.id;
    displays.receiver = org.name;
  }
  if (o.source) prefill.source = displays.source = sourceOption(o.source);
  if (o.summary)
    prefill.summary = displays.summary = fieldOption(
      deps.forms,
      'clue',
      'summary',
      o.summary,
      t(ctx, 'clue.label.summary'),
    );
  if (o.involved)
    prefill.involved = displays.involved = fieldOption(
      deps.forms,
      'clue',
      'involved',
      o.involved,
      t(ctx, 'clue.label.involved'),
    );
  const chosen = restrictedOption(ctx, o);
  if (chosen !== undefined) {
    prefill.restricted = chosen ? 'yes' : 'no';
    displays.restricted = t(ctx, chosen ? 'clue.yes' : 'clue.no');
  }
  if (category && prefill.source && prefill.summary) {
    const restricted = chosen ?? CLUE_CATEGORY[category].restricted;
    // lifting a category's 限制知悉 is asked once more: 限制=否 alone never posts a 违纪 clue in groups
    if (liftsRestriction(category, restricted) && !yesNoOption(o.confirm, '确认'))
      throw new UserError(
        'clue.error.confirm_unrestricted',
        { category: CLUE_CATEGORY[category].label },
        `${commandText(ctx)} 确认=是`,
      );
    const receiver = await receiverFor(ctx, category, o.receiver);
    await registerClue(ctx, {
      category,
      receiver,
      source: String(prefill.source),
      summary: String(prefill.summary),
      involved: String(prefill.involved ?? ''),
      restricted,
    });
    return;
  }
  await startClueForm(
    ctx,
    deps,
    'clue',
    {},
    {
      prefill,
      displays,
      defaults: { receiver: t(ctx, 'clue.receiver_by_category'), restricted: t(ctx, 'clue.restricted_by_category') },
    },
  );
}

async function runAccept(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void> {
  const c = await clueArg(ctx, cmd, 'clue.usage.accept');
  assertHolder(ctx, c, t(ctx, 'clue.step.accept'));
  assertStep(ctx, c, 'accept');
  if (cmd.options.handler) {
    await acceptClue(
      ctx,
      c,
      fieldOption(deps.forms, 'clue_accept', 'handler', cmd.options.handler, t(ctx, 'clue.label.handler')),
    );
    return;
  }
  await startClueForm(
    ctx,
    deps,
    'clue_accept',
    { code: c.code, matterId: c.id },
    { defaults: { handler: ctx.member!.name } },
  );
}

async function runProgress(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void> {
  const c = await clueArg(ctx, cmd, 'clue.usage.progress');
  const text = cmd.options.summary ?? cmd.options.comment;
  if (text !== undefined) {
    await noteProgress(ctx, c, fieldOption(deps.forms, 'clue_progress', 'note', text, t(ctx, 'clue.label.progress')));
    return;
  }
  assertMayNote(ctx, c);
  assertStep(ctx, c, 'progress');
  await startClueForm(ctx, deps, 'clue_progress', { code: c.code, matterId: c.id });
}

async function runClose(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void> {
  const c = await clueArg(ctx, cmd, 'clue.usage.close');
  const note = cmd.options.detail
    ? fieldOption(deps.forms, 'clue_close', 'note', cmd.options.detail, t(ctx, 'clue.label.result_note'))
    : '';
  // a result written (even empty) or an explanation without one: the line must name the result
  if (cmd.options.result !== undefined || cmd.options.detail !== undefined) {
    if (cmd.options.result === undefined)
      throw new UserError('clue.error.missing_result', { results: CLUE_RESULTS.join('、'), code: c.code });
    const result = resultOption(cmd.options.result);
    assertResultNote(result, note);
    await closeClue(ctx, c, result, note);
    return;
  }
  assertHolder(ctx, c, t(ctx, 'clue.step.close'));
  assertStep(ctx, c, 'close');
  await startClueForm(
    ctx,
    deps,
    'clue_close',
    { code: c.code, matterId: c.id },
    note ? { prefill: { note }, displays: { note } } : {},
  );
}

async function runReturn(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void> {
  const c = await clueArg(ctx, cmd, 'clue.usage.return');
  const reason = cmd.options.reason ?? cmd.options.comment;
  if (reason !== undefined) {
    await returnClue(ctx, c, fieldOption(deps.forms, 'clue_return', 'reason', reason, t(ctx, 'clue.label.reason')));
    return;
  }
  assertHolder(ctx, c, t(ctx, 'clue.step.return'));
  assertStep(ctx, c, 'return');
  await startClueForm(ctx, deps, 'clue_return', { code: c.code, matterId: c.id });
}

async function runReferOn(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps, event: 'forward' | 'refer'): Promise<void> {
  const c = await clueArg(ctx, cmd, `clue.usage.${event}`);
  assertMayReferOn(ctx, c, event);
  assertStep(ctx, c, event);
  if (cmd.options.receiver) {
    await referOn(ctx, c, await orgArg(ctx, cmd.options.receiver), event);
    return;
  }
  const suggested = await defaultReceiver(ctx, c.clue.category as ClueCategory);
  const defaults: Record<string, string> =
    suggested && suggested.id !== c.responsibleOrgId ? { receiver: suggested.name } : {};
  await startClueForm(ctx, deps, 'clue_receiver', { code: c.code, matterId: c.id, event }, { defaults });
}

async function runList(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const w = cmd.positional[1];
  const statuses = w ? STATUS_WORDS[word(cmd, 1)] : OPEN_CLUE;
  if (!statuses) throw new UserError('clue.error.unknown_status', { value: w! });
  const me = ctx.member!;
  const overseer = me.roles.some((r) => r === 'supervisor' || r === 'leader' || r === 'admin');
  const rows = await listClues(ctx.tx, { orgId: overseer ? undefined : me.orgId, statuses, take: LIST_MAX });
  const scope = overseer ? t(ctx, 'ledger.scope_all') : me.orgName;
  if (rows.length === 0) {
    reply(ctx, 'clue.list_empty', { scope });
    return;
  }
  const lines = rows.slice(0, LIST_MAX).map((m) =>
    t(ctx, 'clue.list_line', {
      code: m.code,
      category: categoryLabel(m.clue?.category ?? ''),
      title: m.clue?.restricted ? t(ctx, 'clue.restricted_mark') : `《${m.title}》`,
      from: m.issuingOrg.name,
      org: m.responsibleOrg.name,
      stage: t(ctx, `status.${m.status}`),
      due:
        m.status === 'closed'
          ? t(ctx, 'clue.closed_on', { date: m.closedAt ? m.closedAt.toISOString().slice(0, 10) : '' })
          : `${m.dueOn}（${timeLeftText(ctx, m.dueOn)}）`,
    }),
  );
  reply(ctx, 'clue.list', {
    scope,
    count: Math.min(rows.length, LIST_MAX),
    more: rows.length > LIST_MAX ? t(ctx, 'clue.list_more', { max: LIST_MAX }) : '',
    lines: lines.join('\n'),
  });
}

export const clueCommand: CommandSpec = {
  id: 'clue',
  names: ['线索', 'clue'],
  allow: 'member',
  async run(ctx, cmd, deps) {
    const sub = SUB[word(cmd, 0)];
    if (!sub) throw new UserError('error.usage', { usage: t(ctx, 'clue.usage.all') });
    rejectUnknownKeys(ctx, cmd, `clue.usage.${sub === 'new' ? 'new' : sub}`);
    if (sub === 'new') return runNew(ctx, cmd, deps);
    if (sub === 'accept') return runAccept(ctx, cmd, deps);
    if (sub === 'progress') return runProgress(ctx, cmd, deps);
    if (sub === 'close') return runClose(ctx, cmd, deps);
    if (sub === 'return') return runReturn(ctx, cmd, deps);
    if (sub === 'forward' || sub === 'refer') return runReferOn(ctx, cmd, deps, sub);
    if (sub === 'list') return runList(ctx, cmd);
    return showClue(ctx, await clueArg(ctx, cmd, 'clue.usage.show'));
  },
};

async function clueOf(ctx: Ctx, context: Record<string, string>): Promise<ClueMatter> {
  return loadClue(ctx, await contextMatter(ctx, context, ['clue']));
}

/** A form about one clue (its id in the form's context); the step itself checks who may take it. */
function holderForm(
  form: string,
  act: (ctx: Ctx, c: ClueMatter, answers: Record<string, unknown>, context: Record<string, string>) => Promise<void>,
): FormHandler {
  return {
    form,
    allow: ['liaison', 'officer'],
    async submit(ctx, answers, context) {
      await act(ctx, await clueOf(ctx, context), answers, context);
    },
  };
}

export const clueForms: FormHandler[] = [
  {
    form: 'clue',
    ...REGISTRAR,
    async submit(ctx, answers) {
      const category = answers.category as ClueCategory;
      const receiver = answers.receiver
        ? (await ctx.services.roster.org(ctx.tx, String(answers.receiver)))!
        : await receiverFor(ctx, category, undefined);
      const restricted = answers.restricted ? answers.restricted === 'yes' : CLUE_CATEGORY[category].restricted;
      await registerClue(ctx, {
        category,
        receiver,
        source: String(answers.source),
        summary: String(answers.summary),
        involved: String(answers.involved ?? ''),
        restricted,
      });
    },
    async check(ctx, answers) {
      if (!('category' in answers) || !('receiver' in answers)) return undefined;
      const category = answers.category as ClueCategory;
      const receiver = answers.receiver
        ? await ctx.services.roster.org(ctx.tx, String(answers.receiver))
        : await defaultReceiver(ctx, category);
      const label = CLUE_CATEGORY[category].label;
      if (!receiver)
        return {
          field: 'receiver',
          key:
            CLUE_CATEGORY[category].receiver === ctx.member!.orgKind
              ? 'clue.form.own_category'
              : 'clue.form.no_default_receiver',
          fields: { category: label, org: ctx.member!.orgName },
        };
      if (receiver.id === ctx.member!.orgId)
        return { field: 'receiver', key: 'clue.form.same_unit', fields: { org: receiver.name } };
      if (!(await unitGroups(ctx, receiver.id)).length)
        return { field: 'receiver', key: 'clue.form.no_group', fields: { org: receiver.name } };
      return undefined;
    },
    async review(ctx, answers) {
      const category = answers.category as ClueCategory;
      const receiver = answers.receiver
        ? (await ctx.services.roster.org(ctx.tx, String(answers.receiver)))!
        : await receiverFor(ctx, category, undefined);
      const restricted = answers.restricted ? answers.restricted === 'yes' : CLUE_CATEGORY[category].restricted;
      const { deadline } = deadlineFor(ctx, ctx.today, `${limitOf(ctx, category).acceptWorkdays}个工作日`);
      const lines = [
        t(ctx, 'clue.review', {
          org: receiver.name,
          due: deadline.due,
          restricted: t(ctx, restricted ? 'clue.yes' : 'clue.no'),
        }),
      ];
      if (liftsRestriction(category, restricted))
        lines.push(t(ctx, 'clue.review_unrestricted', { category: CLUE_CATEGORY[category].label }));
      return lines;
    },
  },
  holderForm('clue_accept', (ctx, c, answers) => acceptClue(ctx, c, String(answers.handler ?? '') || ctx.member!.name)),
  holderForm('clue_progress', (ctx, c, answers) => noteProgress(ctx, c, String(answers.note))),
  holderForm('clue_close', async (ctx, c, answers) => {
    const result = String(answers.result);
    const note = String(answers.note ?? '');
    assertResultNote(result, note);
    await closeClue(ctx, c, result, note);
  }),
  holderForm('clue_return', (ctx, c, answers) => returnClue(ctx, c, String(answers.reason))),
  holderForm('clue_receiver', async (ctx, c, answers, context) => {
    const receiver = answers.receiver
      ? (await ctx.services.roster.org(ctx.tx, String(answers.receiver)))!
      : await defaultReceiver(ctx, c.clue.category as ClueCategory);
    if (!receiver) throw new UserError('clue.error.no_default_receiver', { category: categoryLabel(c.clue.category) });
    await referOn(ctx, c, receiver, context.event === 'refer' ? 'refer' : 'forward');
  }),
];
