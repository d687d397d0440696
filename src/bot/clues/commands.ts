// /线索: 新建 (登记并移送, or 本单位自行办理)、受理、进展、办结、退回、转办、移送、列表、查看 — the
// sub-command dispatch, and each sub-command: done at once when the line says all it needs, otherwise
// the form it opens in the person's direct chat (forms.ts) asks for what is missing.
import { CLUE_CATEGORY, CLUE_RESULTS, type ClueCategory, liftsRestriction } from '../../domain/clue.js';
import { commandText, fieldOption, matterArg, orgArg, rejectUnknownKeys, yesNoOption } from '../core/args.js';
import { type Ctx, t, UserError } from '../core/context.js';
import { type ParsedCommand, word } from '../core/parse.js';
import { permits, whoMay } from '../core/permissions.js';
import type { CommandDeps, CommandSpec } from '../core/spec.js';
import { assertHolder, assertMayNote, assertMayReferOn, REGISTRAR } from './access.js';
import { startClueForm } from './forms.js';
import {
  assertResultNote,
  categoryOption,
  recordedSource,
  restrictedOption,
  resultOption,
  sourceOption,
} from './options.js';
import { defaultReceiver, receiverFor, registerClue } from './register.js';
import { awaitsHandler, nameHandler } from './self.js';
import { assertSealable, type ClueMatter, loadClue } from './service.js';
import { showClue, showClueList } from './show.js';
import { acceptClue, assertStep, closeClue, noteProgress, referOn, returnClue } from './steps.js';

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

/** The clue named after the sub-command word: /线索 受理 XS-2026-001 */
async function clueArg(ctx: Ctx, cmd: ParsedCommand, usageKey: string): Promise<ClueMatter> {
  const m = await matterArg(ctx, { ...cmd, positional: cmd.positional.slice(1) }, usageKey, ['clue']);
  return loadClue(ctx, m);
}

/** What /线索 新建 wrote for the registration form's fields, read strictly. */
async function newAnswers(ctx: Ctx, o: Record<string, string>, deps: CommandDeps) {
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
  if (o.source) {
    // the usual source chosen, or the form's “其他” written out
    const { source, detail } = sourceOption(ctx, deps.forms, o.source);
    prefill.source = displays.source = source;
    if (detail) prefill.source_detail = displays.source_detail = detail;
  }
  const text = (key: 'summary' | 'involved') =>
    fieldOption(deps.forms, 'clue', key, o[key]!, t(ctx, `clue.label.${key}`));
  if (o.summary) prefill.summary = displays.summary = text('summary');
  if (o.involved) prefill.involved = displays.involved = text('involved');
  const chosen = restrictedOption(ctx, o);
  if (chosen !== undefined) {
    prefill.restricted = chosen ? 'yes' : 'no';
    displays.restricted = t(ctx, chosen ? 'clue.yes' : 'clue.no');
  }
  return { prefill, displays, category, chosen };
}

async function runNew(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void> {
  if (!permits(ctx, REGISTRAR))
    throw new UserError('error.forbidden', { command: '/线索 新建', roles: whoMay(ctx, REGISTRAR) });
  const o = cmd.options;
  const { prefill, displays, category, chosen } = await newAnswers(ctx, o, deps);
  // known to be restricted already: refused before any content is asked for when it could not be sealed
  assertSealable(ctx, chosen ?? (category ? CLUE_CATEGORY[category].restricted : false));
  if (category && prefill.source && prefill.summary) {
    const restricted = chosen ?? CLUE_CATEGORY[category].restricted;
    // lifting a category's 限制知悉 is asked once more: 限制=否 alone never posts a 违纪 clue in groups
    if (liftsRestriction(category, restricted) && !yesNoOption(o.confirm, '确认'))
      throw new UserError(
        'clue.error.confirm_unrestricted',
        { category: CLUE_CATEGORY[category].label },
        `${commandText(ctx)} 确认=是`,
      );
    const c = await registerClue(ctx, {
      category,
      receiver: await receiverFor(ctx, category, o.receiver),
      source: recordedSource(prefill),
      summary: String(prefill.summary),
      involved: String(prefill.involved ?? ''),
      restricted,
    });
    // 本单位自行办理: accepted at once, its 承办人 asked as at 受理
    if (awaitsHandler(c)) await askHandler(ctx, c, deps);
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

/** The 承办人 asked with the acceptance form, in the person's direct chat (default: the person asked). */
async function askHandler(ctx: Ctx, c: ClueMatter, deps: CommandDeps): Promise<void> {
  await startClueForm(
    ctx,
    deps,
    'clue_accept',
    { code: c.code, matterId: c.id },
    { defaults: { handler: ctx.member!.name } },
  );
}

async function runAccept(ctx: Ctx, cmd: ParsedCommand, deps: CommandDeps): Promise<void> {
  const c = await clueArg(ctx, cmd, 'clue.usage.accept');
  const given = () =>
    fieldOption(deps.forms, 'clue_accept', 'handler', cmd.options.handler!, t(ctx, 'clue.label.handler'));
  // a clue its own unit handles was accepted at registration: 受理 names its 承办人
  if (awaitsHandler(c)) {
    assertHolder(ctx, c, t(ctx, 'clue.step.handler'));
    return cmd.options.handler ? nameHandler(ctx, c, given()) : askHandler(ctx, c, deps);
  }
  assertHolder(ctx, c, t(ctx, 'clue.step.accept'));
  assertStep(ctx, c, 'accept');
  if (cmd.options.handler) return acceptClue(ctx, c, given());
  await askHandler(ctx, c, deps);
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
    if (sub === 'list') return showClueList(ctx, cmd);
    return showClue(ctx, await clueArg(ctx, cmd, 'clue.usage.show'));
  },
};
