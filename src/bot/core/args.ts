// Small readers shared by the command families.
import { MAX_YEAR, MIN_YEAR, readCivilDate, shanghaiDate } from '../../domain/civil-date.js';
import { normalizeCode } from '../../domain/codes.js';
import { matchOrg } from '../../domain/org-match.js';
import {
  formatPeriod,
  MAX_PERIOD_HINT,
  PERIOD_FORMS_HINT,
  type PeriodProblem,
  readPeriod,
} from '../../domain/period.js';
import { textProblem } from '../../domain/text.js';
import { readYesNo } from '../../domain/yes-no.js';
import { findMatterByCode, findMatterById, type MatterWithOrgs } from '../../store/matters.js';
import type { OrgRow } from '../../store/roster.js';
import { type Ctx, t, UserError } from './context.js';
import { answerContext } from './forms/answers.js';
import type { FormEngine } from './forms/engine.js';
import { readAnswer } from './forms/validate.js';
import type { ParsedCommand } from './parse.js';

/** The matter named by the first positional word, e.g. JY-2026-001; of one of `kinds` when given. */
export async function matterArg(
  ctx: Ctx,
  cmd: ParsedCommand,
  usageKey: string,
  kinds?: string[],
): Promise<MatterWithOrgs> {
  return matterNamed(ctx, cmd.positional[0], usageKey, kinds, `/${cmd.rawName}`);
}

/** The matter a code names (a positional word, or an option such as 关联=); of one of `kinds` when given. */
export async function matterNamed(
  ctx: Ctx,
  raw: string | undefined,
  usageKey: string,
  kinds: string[] | undefined,
  command: string,
): Promise<MatterWithOrgs> {
  if (!raw) throw new UserError('error.missing_code', { usage: ctx.services.prompts.render(usageKey) });
  const code = normalizeCode(raw);
  if (!ctx.services.syntax.isMatterCode(code))
    throw new UserError('error.bad_code', { value: raw, usage: ctx.services.prompts.render(usageKey) });
  const m = await findMatterByCode(ctx.tx, code);
  if (!m) throw new UserError('error.unknown_code', { code });
  if (kinds && !kinds.includes(m.kind))
    throw new UserError(`error.wrong_kind.${m.kind === 'clue' ? 'clue' : 'not_clue'}`, { code, command });
  return m;
}

/** The matter a form works on (its id in the form's session), of one of `kinds` when given. */
export async function contextMatter(
  ctx: Ctx,
  context: Record<string, string>,
  kinds?: string[],
): Promise<MatterWithOrgs> {
  const m = await findMatterById(ctx.tx, context.matterId ?? '');
  if (!m || (kinds && !kinds.includes(m.kind))) throw new UserError('error.card_forged');
  return m;
}

/**
 * The organisation a command names. When nothing matches but one name is close, the
 * refusal asks "是否指 …？回复 是" and remembers the corrected command.
 */
export async function orgArg(ctx: Ctx, query: string): Promise<OrgRow> {
  const orgs = await ctx.services.roster.orgs(ctx.tx);
  const m = matchOrg(query, orgs);
  if (m.kind === 'found') return m.org;
  if (m.kind === 'ambiguous')
    throw new UserError('error.org_ambiguous', { query, candidates: m.candidates.map((o) => o.name).join('、') });
  const text = commandText(ctx);
  if (m.close && text.includes(query))
    throw new UserError('error.org_did_you_mean', { query, org: m.close.name }, text.replace(query, m.close.name));
  if (m.candidates.length)
    throw new UserError('error.org_unknown_suggest', { query, candidates: m.candidates.map((o) => o.name).join('、') });
  throw new UserError('error.org_unknown', { query });
}

/**
 * Refuses to act on a matter already closed, saying on which day and where to read its record
 * (error.matter_closed; a clue says it with its own words, clue.error.closed).
 */
export function assertNotClosed(
  m: { code: string; status: string; closedAt: Date | null },
  key = 'error.matter_closed',
): void {
  if (m.status === 'closed')
    throw new UserError(key, { code: m.code, closed: m.closedAt ? shanghaiDate(m.closedAt) : '' });
}

/**
 * A form's context: what it works on, and the card it was opened from, which is closed when
 * the form completes what the card asked for.
 */
export function formContext(ctx: Ctx, context: Record<string, string>): Record<string, string> {
  return ctx.incoming?.cardMessageId ? { ...context, card: ctx.incoming.cardMessageId } : context;
}

/** The sub-command words for registering something new (/建议 新建, /会议 新建, /任务 新建). */
export const NEW_WORDS = ['新建', '登记', '新增', 'new', 'add'];

/** The command as the person gave it (typed, or behind a button): the base of a corrected command. */
export function commandText(ctx: Ctx): string {
  return (ctx.incoming?.action?.command ?? ctx.incoming?.text ?? '').trim();
}

export function dateOption(value: string, usage: string): string {
  const r = readCivilDate(value);
  if ('error' in r)
    throw new UserError(r.error === 'year' ? 'error.bad_year' : 'error.bad_date', {
      value,
      usage,
      min: MIN_YEAR,
      max: MAX_YEAR,
    });
  return r.date;
}

/** The template key and fields that say why a period cannot be read. */
export function periodProblem(value: string, problem: PeriodProblem): { key: string; fields: Record<string, string> } {
  return { key: `error.period.${problem}`, fields: { value, forms: PERIOD_FORMS_HINT, max: MAX_PERIOD_HINT } };
}

/** A period typed on a command line, in its canonical form (15日, 2个月). */
export function periodOption(value: string): string {
  const r = readPeriod(value);
  if ('error' in r) {
    const p = periodProblem(value, r.error);
    throw new UserError(p.key, p.fields);
  }
  return formatPeriod(r.period);
}

/** Refuses unknown and repeated keys, saying which and how to write the command. */
export function rejectUnknownKeys(ctx: Ctx, cmd: ParsedCommand, usageKey: string): void {
  if (cmd.unknownKeys.length)
    throw new UserError('error.unknown_keys', {
      keys: cmd.unknownKeys.join('、'),
      usage: ctx.services.prompts.render(usageKey),
    });
  if (cmd.duplicateKeys.length)
    throw new UserError('error.duplicate_keys', {
      keys: cmd.duplicateKeys.join('、'),
      usage: ctx.services.prompts.render(usageKey),
    });
}

/** A title or note typed on a command line: visible text, within `max` characters. */
export function textOption(value: string, label: string, max: number, singleLine = true): string {
  const problem = textProblem(value, { singleLine });
  if (problem) throw new UserError(`error.text.${problem}`, { label });
  if ([...value].length > max) throw new UserError('error.text.too_long', { label, length: [...value].length, max });
  return value.trim();
}

/**
 * A 是/否 option (限制=是, 紧急=否, 确认=是): undefined when not written; a value that is
 * neither yes nor no is refused, never taken for no (限制=保密 un-restricted a 违纪 clue).
 */
/**
 * A text typed on a command line for a field a form also asks (标题=, 摘要=, 理由= …), within the
 * limits that form states for it (prompts/forms/): one limit for the command and the form.
 */
export function fieldOption(forms: FormEngine, form: string, key: string, value: string, label: string): string {
  const field = forms.get(form).fields.find((f) => f.key === key);
  if (!field) throw new Error(`form ${form} has no field ${key}`);
  return textOption(value, label, field.maxLength ?? 2000, field.singleLine ?? false);
}

/**
 * Answers given on a command line for fields a form asks (措施=, 状态=, 预计= …), read by the form's
 * own reader for each field: the form then asks only what is still missing. A value the field would
 * refuse is refused here, naming the field and what to write.
 */
export async function formOptions(
  ctx: Ctx,
  forms: FormEngine,
  form: string,
  given: Record<string, string | undefined>,
): Promise<{ prefill: Record<string, unknown>; displays: Record<string, string> }> {
  const prefill: Record<string, unknown> = {};
  const displays: Record<string, string> = {};
  const written = Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined);
  const answerCtx = written.length ? await answerContext(ctx) : undefined;
  for (const [key, raw] of written) {
    const field = forms.get(form).fields.find((f) => f.key === key);
    if (!field) throw new Error(`form ${form} has no field ${key}`);
    const r = readAnswer(field, raw, answerCtx!);
    if (!r.ok && field.type === 'choice')
      throw new UserError('error.option_choice', {
        label: field.label,
        choices: field.choices!.map((c) => c.label).join('、'),
      });
    if (!r.ok) throw new UserError('error.option_field', { label: field.label, problem: t(ctx, r.error, r.fields) });
    prefill[key] = r.value;
    displays[key] = r.display;
  }
  return { prefill, displays };
}

export function yesNoOption(
  value: string | undefined,
  label: string,
  alsoYes: readonly string[] = [],
): boolean | undefined {
  if (value === undefined) return undefined;
  const r = readYesNo(value, alsoYes);
  if (r === undefined) throw new UserError(value.trim() ? 'error.yes_no' : 'error.yes_no_empty', { label, value });
  return r;
}
