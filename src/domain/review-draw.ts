// The sample draw of a case-file review (案卷评查), published and reproducible: Daocheng's rule
// 「以‘随机抽查’和‘重点检查’相结合的方式，按照每季度不低于10%的比例」 — from each agency's list, at least
// ceil(ratio × n) files at random (at least one when the list is not empty), plus every file named for
// 重点检查. Anyone holding the stored list can draw it again (`liandong review verify PC-…`).
//
// The algorithm (README「案卷评查的抽取方法」):
//   1. seed = SHA-256("liandong-review-draw-v1|" + plan code + "|" + SHA-256 of the uploaded workbook), hex;
//      both are fixed before anyone sees a result (the list's checksum is recorded when it arrives).
//   2. the PRNG is SHA-256 in counter mode: the k-th 32-bit number (k = 0, 1, 2 …) is the first 4 bytes,
//      big-endian, of SHA-256(seed + ":" + k); a number below m is drawn by rejection (a 32-bit value at
//      or above floor(2³² / m) × m is passed over), then taken modulo m.
//   3. the files not named for 重点检查 are put in case-number order (code points), then a partial
//      Fisher–Yates (Durstenfeld) shuffle: for i = 0 … k−1, j = i + below(n − i), swap i and j; the first
//      k are the random sample, in draw order. The key files come first in the result, in list order.
import { createHash } from 'node:crypto';

export interface ListedFile {
  caseNo: string;
  name: string;
  category: string;
  closedOn: string;
  handler: string;
}

export interface DrawnFile extends ListedFile {
  reason: 'random' | 'key';
  position: number;
}

export const DRAW_VERSION = 'liandong-review-draw-v1';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest();

/** The SHA-256 of an uploaded list's bytes, hex: recorded when the list arrives. */
export function listChecksum(bytes: Buffer): string {
  return sha256(bytes).toString('hex');
}

/** The seed of one list's draw, from the plan's code and the list's checksum (hex). */
export function drawSeed(planCode: string, checksum: string): string {
  return sha256(`${DRAW_VERSION}|${planCode}|${checksum}`).toString('hex');
}

/** How many files at random: ceil(ratio% × n), at least one when there is any (integers only: no rounding error). */
export function sampleSize(ratioPercent: number, n: number): number {
  if (n <= 0) return 0;
  return Math.min(n, Math.max(1, Math.ceil((ratioPercent * n) / 100)));
}

/** SHA-256 in counter mode: below(m) is uniform on 0 … m−1. */
export function counterPrng(seed: string): { below(m: number): number } {
  let k = 0;
  const next = () => sha256(`${seed}:${k++}`).readUInt32BE(0);
  return {
    below(m: number) {
      const limit = Math.floor(0x1_0000_0000 / m) * m;
      for (;;) {
        const x = next();
        if (x < limit) return x % m;
      }
    },
  };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One list's sample: the files named for 重点检查 that are on it, then ceil(ratio × n) of the others at
 * random (n: the whole list), drawn with the seed. The list's own order does not matter.
 */
export function drawSample(
  files: ListedFile[],
  opts: { seed: string; ratioPercent: number; keyCaseNos?: string[] },
): DrawnFile[] {
  const key = new Set(opts.keyCaseNos ?? []);
  const keyFiles = files.filter((f) => key.has(f.caseNo));
  const pool = files.filter((f) => !key.has(f.caseNo)).sort((a, b) => byCodePoint(a.caseNo, b.caseNo));
  const k = Math.min(pool.length, sampleSize(opts.ratioPercent, files.length));
  const prng = counterPrng(opts.seed);
  for (let i = 0; i < k; i++) {
    const j = i + prng.below(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return [
    ...keyFiles.map((f) => ({ ...f, reason: 'key' as const })),
    ...pool.slice(0, k).map((f) => ({ ...f, reason: 'random' as const })),
  ].map((f, position) => ({ ...f, position }));
}

/**
 * Reviewers in turn (轮流分配): the n-th file of the plan (counting every file drawn before it, all
 * lists together) goes to the (n mod r)-th reviewing unit.
 */
export function assignRoundRobin<T>(
  files: T[],
  reviewers: string[],
  alreadyAssigned: number,
): Array<T & { reviewer: string }> {
  return files.map((f, i) => ({ ...f, reviewer: reviewers[(alreadyAssigned + i) % reviewers.length]! }));
}
