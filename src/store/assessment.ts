// 年度考核's facts: the matters (the same read as /统计), the 报送 of the year, and the figures the
// lawsuits and review families give per unit — their own definitions (src/domain/lawsuit-figures.ts,
// reviewFigures in src/domain/review-rules.ts), never computed a second way here.
import type { AssessmentFacts, ShareByUnit } from '../domain/assessment.js';
import { reviewFigures } from '../domain/review-rules.js';
import type { SubmissionContent } from '../domain/submission.js';
import { lawsuitFiguresOfYear } from './lawsuits.js';
import { filesOfReviews, reviewedOf, reviewsOfYear } from './review.js';
import { matterFacts } from './statistics.js';
import { submissionFactsOfYear } from './submissions.js';
import type { Tx } from './tx.js';

/**
 * 评查不合格率 per unit: 不合格 ÷ files reviewed, as the review family counts them (/统计, the 评查通报), for
 * the year's review plans; each file named PC-2026-001/案号 so the item can be traced to the files.
 */
async function reviewFail(db: Tx, year: number): Promise<ShareByUnit[]> {
  const plans = await reviewsOfYear(db, year);
  const files = await filesOfReviews(
    db,
    plans.map((p) => p.id),
  );
  const reviewed = await reviewedOf(db, files);
  const planCode = new Map(plans.map((p) => [p.id, p.code]));
  // reviewedOf reads the files one for one, in order
  const named = reviewed.map((r, i) => ({ r, code: `${planCode.get(files[i]!.reviewId)}/${files[i]!.caseNo}` }));
  return reviewFigures(reviewed).map((u) => {
    const mine = named.filter((x) => x.r.orgId === u.orgId && x.r.result).sort((a, b) => (a.code < b.code ? -1 : 1));
    return {
      orgId: u.orgId,
      numerator: u.fail,
      denominator: u.reviewed,
      counted: mine.map((x) => x.code),
      codes: mine.filter((x) => x.r.result === 'fail').map((x) => x.code),
    };
  });
}

export async function assessmentFacts(
  db: Tx,
  year: number,
  asOf: string,
  sqliteFile?: string,
): Promise<AssessmentFacts> {
  // one after another: inside a PostgreSQL transaction the queries share one connection
  const matters = await matterFacts(db, sqliteFile);
  const submissions = await submissionFactsOfYear(db, year);
  const lawsuits = await lawsuitFiguresOfYear(db, year, asOf);
  const of = (pick: (u: (typeof lawsuits)[number]) => Omit<ShareByUnit, 'orgId'>): ShareByUnit[] =>
    lawsuits.map((u) => ({ orgId: u.orgId, ...pick(u) }));
  return {
    matters,
    submissions: submissions.map((s) => ({ ...s, content: s.content as SubmissionContent })),
    headAppearance: of((u) => u.headRate),
    defenceOnTime: of((u) => u.defenceRate),
    reviewFail: await reviewFail(db, year),
  };
}
