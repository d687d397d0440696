// Small readers shared by the command families.
import { parseCivilDate, toHalfWidth } from '../../domain/civil-date.js';
import { matchOrg } from '../../domain/org-match.js';
import { parsePeriod, PERIOD_FORMS_HINT } from '../../domain/period.js';
import { findMatterByCode, type MatterWithOrgs } from '../../store/matters.js';
import { listOrgs, type OrgRow } from '../../store/roster.js';
import { type Ctx, UserError } from '../context.js';
import type { ParsedCommand } from './parse.js';

const CODE_RE = /^(JY|SQ|XS|RW)-\d{4}-\d{3,}$/;

/** The matter named by the first positional word, e.g. JY-2026-001. */
export async function matterArg(ctx: Ctx, cmd: ParsedCommand, usageKey: string): Promise<MatterWithOrgs> {
  const raw = cmd.positional[0];
  if (!raw) throw new UserError('error.missing_code', { usage: ctx.services.prompts.render(usageKey) });
  const code = toHalfWidth(raw).toUpperCase();
  if (!CODE_RE.test(code)) throw new UserError('error.bad_code', { value: raw, usage: ctx.services.prompts.render(usageKey) });
  const m = await findMatterByCode(ctx.tx, code);
  if (!m) throw new UserError('error.unknown_code', { code });
  return m;
}

export async function orgArg(ctx: Ctx, query: string): Promise<OrgRow> {
  const orgs = await listOrgs(ctx.tx);
  const m = matchOrg(query, orgs);
  if (m.kind === 'found') return m.org;
  if (m.kind === 'ambiguous') throw new UserError('error.org_ambiguous', { query, candidates: m.candidates.map((o) => o.name).join('、') });
  if (m.candidates.length) throw new UserError('error.org_unknown_suggest', { query, candidates: m.candidates.map((o) => o.name).join('、') });
  throw new UserError('error.org_unknown', { query });
}

export function dateOption(value: string, usage: string): string {
  const d = parseCivilDate(value);
  if (!d) throw new UserError('error.bad_date', { value, usage });
  return d;
}

export function periodOption(value: string): string {
  if (!parsePeriod(value)) throw new UserError('error.bad_period', { value, forms: PERIOD_FORMS_HINT });
  return value;
}

export function rejectUnknownKeys(ctx: Ctx, cmd: ParsedCommand, usageKey: string): void {
  if (cmd.unknownKeys.length) throw new UserError('error.unknown_keys', { keys: cmd.unknownKeys.join('、'), usage: ctx.services.prompts.render(usageKey) });
}

export function yes(value: string | undefined): boolean {
  return value !== undefined && /^(是|1|true|yes|y|紧急)$/i.test(value.trim());
}
