// The human codes of matters and meetings (JY-2026-001, XS-2026-012, HY-2026-003): prefix, year,
// and a number of at least three digits. Typed or imported, a code is read in one way, so that
// JY-2026-0002, jy-2026-002 and ＪＹ－２０２６－００２ all name JY-2026-002.
import { toHalfWidth } from './civil-date.js';

/**
 * A code as it is stored: half-width, upper-case, the number with exactly three digits or more
 * and no further leading zeros. Anything not shaped like a code comes back half-width and
 * upper-cased, for the caller to refuse.
 */
export function normalizeCode(raw: string): string {
  const text = toHalfWidth(raw)
    .trim()
    .toUpperCase()
    .replace(/[－—–]/g, '-');
  const m = /^([A-Z]{2})-(\d{4})-(\d+)$/.exec(text);
  if (!m) return text;
  return `${m[1]}-${m[2]}-${String(Number(m[3])).padStart(3, '0')}`;
}
