// Verifying a review's draw (`liandong review verify PC-…`): one list's sample drawn again from the list as
// stored, with the seed from the plan's code and the list's checksum, compared file by file with the
// sample recorded at the time (src/domain/review-draw.ts has the algorithm).
import { drawSample, drawSeed, type ListedFile } from './review-draw.js';

export interface StoredDraw {
  seed: string | null;
  files: Array<{ caseNo: string; reason: string; position: number }>;
}

export interface ListVerdict {
  seedMatches: boolean;
  sampleMatches: boolean;
  expected: string[];
  stored: string[];
}

export function verifyDraw(
  planCode: string,
  ratioPercent: number,
  list: { checksum: string; rows: ListedFile[]; keyCaseNos: string[] },
  stored: StoredDraw,
): ListVerdict {
  const seed = drawSeed(planCode, list.checksum);
  const expected = drawSample(list.rows, { seed, ratioPercent, keyCaseNos: list.keyCaseNos }).map(
    (f) => `${f.position}:${f.reason}:${f.caseNo}`,
  );
  const storedText = [...stored.files]
    .sort((a, b) => a.position - b.position)
    .map((f) => `${f.position}:${f.reason}:${f.caseNo}`);
  return {
    seedMatches: stored.seed === seed,
    sampleMatches: expected.length === storedText.length && expected.every((x, i) => x === storedText[i]),
    expected,
    stored: storedText,
  };
}
