// 评查通报: the quarter's results in the chat (files reviewed per agency, results, problems by type),
// as a Word document and as a workbook, to the joint group and to every agency reviewed.
import { type ReviewFacts, reviewCircular, reviewWorkbook } from '../../documents/review.js';
import { fileOf } from '../../documents/words.js';
import { problemsByType, reviewFigures } from '../../domain/review-rules.js';
import { keepGenerated } from '../../store/files.js';
import { filesOf, markReported, problemsOf, reviewedOf } from '../../store/review.js';
import { audit, type Ctx, reply, t } from '../core/context.js';
import { rateText } from '../core/figures-text.js';
import { leadName } from '../core/lead.js';
import { notify } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { assertPlanner, orgNames, type ReviewRow, requireReview, resultText } from './service.js';

export async function reviewFacts(ctx: Ctx, r: ReviewRow): Promise<ReviewFacts> {
  const files = await filesOf(ctx.tx, r.id);
  const reviewed = await reviewedOf(ctx.tx, files);
  const names = await orgNames(ctx);
  const unit = (id: string) => names.get(id) ?? id;
  return {
    code: r.code,
    quarter: r.quarter,
    ratio: r.ratio,
    today: ctx.today,
    lead: await leadName(ctx),
    units: reviewFigures(reviewed)
      .map((u) => ({ ...u, unit: unit(u.orgId) }))
      .sort((a, b) => a.unit.localeCompare(b.unit, 'zh')),
    types: problemsByType(reviewed),
    findings: files
      .filter((f) => f.result && f.result !== 'pass')
      .map((f) => ({
        unit: unit(f.orgId),
        caseNo: f.caseNo,
        caseName: f.caseName,
        result: resultText(ctx, f.result),
        problems: problemsOf(f).join('、'),
        note: f.note,
      })),
  };
}

export async function reportCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const r = await requireReview(ctx, cmd.positional[1], 'review.usage.report');
  await assertPlanner(ctx, r);
  const facts = await reviewFacts(ctx, r);
  const words = (key: string, fields: Record<string, string | number> = {}) => t(ctx, key, fields);
  const pending = facts.units.reduce((a, u) => a + u.sampled - u.reviewed, 0);
  const summary = {
    code: r.code,
    quarter: r.quarter,
    pending: pending ? t(ctx, 'review.report_pending', { count: pending }) : '',
    units:
      facts.units.map((u) => t(ctx, 'review.report_line', { ...u, failRate: rateText(ctx, u.failRate) })).join('\n') ||
      t(ctx, 'common.none'),
    types: facts.types.map((x) => t(ctx, 'review.type_line', x)).join('、') || t(ctx, 'common.none'),
  };
  const doc = await fileOf(reviewCircular(words, facts));
  const book = await reviewWorkbook(words, facts);
  const at = ctx.now;
  const dir = ctx.services.config.filesDir;
  const docFile = await keepGenerated(ctx.tx, dir, { name: doc.name, bytes: doc.bytes, at });
  const bookFile = await keepGenerated(ctx.tx, dir, { name: book.name, bytes: book.bytes, at });
  await notify(ctx, 'joint', undefined, 'review.report', summary);
  await notify(ctx, 'joint', undefined, 'review.report_file', { doc: doc.label, name: doc.name }, { file: docFile });
  await notify(
    ctx,
    'joint',
    undefined,
    'review.report_file',
    { doc: t(ctx, 'review.workbook.label'), name: book.name },
    { file: bookFile },
  );
  await markReported(ctx.tx, r.id, ctx.now);
  audit(ctx, 'review.report', r.code, { units: facts.units.length });
  if (!ctx.incoming?.chatId || !(await isJoint(ctx))) reply(ctx, 'review.report_sent', { code: r.code });
}

async function isJoint(ctx: Ctx): Promise<boolean> {
  const joint = await ctx.services.roster.bindings(ctx.tx, { purpose: 'joint' });
  return joint.some((b) => b.chatId === ctx.incoming?.chatId);
}
