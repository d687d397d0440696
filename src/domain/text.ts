// 文字检查: what a person typed as a title or a note must be visible text. Control
// characters (pasted from other systems) and text made only of invisible characters
// (zero-width spaces, BOMs) are refused rather than stored as an unreadable record.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\s\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff]/gu;

export type TextProblem = 'empty' | 'control' | 'invisible' | 'unpaired';

/** Why a piece of typed text cannot be stored, or undefined when it is fine. */
export function textProblem(text: string, opts: { singleLine?: boolean } = {}): TextProblem | undefined {
  if (!text.trim()) return 'empty';
  if (hasLoneSurrogate(text)) return 'unpaired';
  if (CONTROL.test(text) || (opts.singleLine && /[\r\n]/.test(text))) return 'control';
  if (!text.replace(INVISIBLE, '')) return 'invisible';
  return undefined;
}

/** A UTF-16 surrogate without its pair: not text, and not storable as UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
