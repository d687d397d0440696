// What a person typed after /线索 for a clue's fields, read strictly: 类别=, 结果= as the lists have
// them (or their usual short forms), 限制=; each word it cannot read says what it may be. 来源= is
// descriptive: one of the usual sources (12345 → 12345 热线), or any one line of text.
import {
  CLUE_CATEGORIES,
  CLUE_CATEGORY,
  CLUE_RESULTS,
  CLUE_SOURCES,
  type ClueCategory,
  matchCategory,
  readResult,
  readSource,
} from '../../domain/clue.js';
import { fieldOption, yesNoOption } from '../core/args.js';
import { type Ctx, t, UserError } from '../core/context.js';
import type { FormEngine } from '../core/forms/engine.js';

/**
 * 限制=…, read strictly. A word it cannot read, typed in a group with the clue's content on the
 * same line, also asks the person to withdraw that message (they meant it to be confidential).
 */
export function restrictedOption(ctx: Ctx, o: Record<string, string>): boolean | undefined {
  try {
    return yesNoOption(o.restricted, '限制');
  } catch (e) {
    const inGroup = ctx.incoming && !ctx.incoming.isDirect;
    // a source in words of one's own (来源=王某实名举报) is content too
    const content = o.summary || o.involved || (o.source && !readSource(o.source));
    if (e instanceof UserError && inGroup && content)
      throw new UserError('clue.error.restricted_unread_in_group', e.fields);
    throw e;
  }
}

export function categoryOption(value: string): ClueCategory {
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

/**
 * 来源=…: one of the usual sources as the form offers them (12345 → 12345 热线), or words of one's own —
 * the form's “其他” written out (source_detail), within that field's limits: one line, visible text.
 */
export function sourceOption(ctx: Ctx, forms: FormEngine, value: string): { source: string; detail?: string } {
  const known = readSource(value);
  if (known) return { source: known };
  return { source: OTHER, detail: fieldOption(forms, 'clue', 'source_detail', value, t(ctx, 'clue.label.source')) };
}

const OTHER = '其他';

/** The source recorded from the form's answers: the usual one chosen, or the words written for “其他”. */
export function recordedSource(answers: Record<string, unknown>): string {
  const detail = String(answers.source_detail ?? '').trim();
  if (answers.source !== OTHER || !detail) return String(answers.source);
  return readSource(detail) ?? detail;
}

/**
 * A restricted clue's source is one of the usual sources: the ledger workbook (台账) shows every clue's
 * source to every reader, so words of one's own there could tell what the clue is. Undefined when it fits.
 */
export function restrictedSourceProblem(source: string, restricted: boolean): { sources: string } | undefined {
  if (!restricted || (CLUE_SOURCES as readonly string[]).includes(source)) return undefined;
  return { sources: CLUE_SOURCES.join('、') };
}

export function resultOption(value: string): string {
  const r = readResult(value);
  if (!r) throw new UserError('clue.error.unknown_result', { value, results: CLUE_RESULTS.join('、') });
  return r;
}

/** A result that is a refusal or "other" must say why (不予立案并说明理由). */
export function assertResultNote(result: string, note: string): void {
  if ((result === '不予立案并说明理由' || result === '其他') && !note)
    throw new UserError('clue.error.result_needs_note', { result });
}
