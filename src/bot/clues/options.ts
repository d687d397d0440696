// What a person typed after /线索 for a clue's fields, read strictly: 类别=, 来源=, 结果= as the
// lists have them (or their usual short forms), 限制=; each word it cannot read says what it may be.
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
import { yesNoOption } from '../core/args.js';
import { type Ctx, UserError } from '../core/context.js';

/**
 * 限制=…, read strictly. A word it cannot read, typed in a group with the clue's content on the
 * same line, also asks the person to withdraw that message (they meant it to be confidential).
 */
export function restrictedOption(ctx: Ctx, o: Record<string, string>): boolean | undefined {
  try {
    return yesNoOption(o.restricted, '限制');
  } catch (e) {
    const inGroup = ctx.incoming && !ctx.incoming.isDirect;
    if (e instanceof UserError && inGroup && (o.summary || o.involved))
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

export function sourceOption(value: string): string {
  const s = readSource(value);
  if (!s) throw new UserError('clue.error.unknown_source', { value, sources: CLUE_SOURCES.join('、') });
  return s;
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
