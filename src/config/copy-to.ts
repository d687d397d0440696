// COPY_TO: who gets the copies (抄送) of supervision documents and evaluations.
import { COPY_TARGETS, type CopyTarget } from './types.js';

const COPY_WORDS: Record<string, CopyTarget> = {
  法制: 'legal',
  法制群: 'legal',
  legal: 'legal',
  督办: 'supervisor',
  督办群: 'supervisor',
  supervisor: 'supervisor',
};

/** COPY_TO: 法制,督办 (the default), one of them, or 无 (no copies). */
export function readCopyTo(text: string | undefined, problems: string[]): CopyTarget[] {
  if (text === undefined) return [...COPY_TARGETS];
  if (['无', 'none', ''].includes(text.trim())) return [];
  const words = text.split(/[,，、\s]+/).filter(Boolean);
  const bad = words.filter((w) => !COPY_WORDS[w]);
  if (bad.length) problems.push(`COPY_TO 只能写 法制、督办（逗号分隔）或 无，收到 "${text}"`);
  return [...new Set(words.map((w) => COPY_WORDS[w]).filter((x): x is CopyTarget => !!x))];
}
