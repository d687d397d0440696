// A reviewer's result for one sampled file (合格 / 基本合格 / 不合格, the 问题类型 from the configured list,
// a note, photos or scans), the reassignment of a file to another reviewing unit, the files named for
// 重点检查 before a unit's draw, and a file's problems turned — by button — into a 整改 task for the agency.
import type { Attachment } from '../../chat/messages.js';
import { fileById, listOf, problemsOf, saveResult, setFileTask, setKeyCases, setReviewer } from '../../store/review.js';
import { orgArg, periodOption, rejectUnknownKeys } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormEngine } from '../core/forms/engine.js';
import type { FormHandler } from '../core/forms/handler.js';
import { registerMatter } from '../core/matters.js';
import type { ParsedCommand } from '../core/parse.js';
import {
  assertPlanner,
  keyCasesOf,
  orgNames,
  problemTypes,
  REVIEWERS,
  requireFile,
  requireReview,
  resultText,
  reviewerIds,
} from './service.js';

const split = (s: string) => s.split(/[,，、;；\s]+/).filter(Boolean);
const orgOf = async (ctx: Ctx, q: string | undefined) => (q ? (await orgArg(ctx, q)).id : undefined);

export async function resultCommand(ctx: Ctx, cmd: ParsedCommand, forms: FormEngine): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'review.usage.result');
  const r = await requireReview(ctx, cmd.positional[1], 'review.usage.result');
  const f = await requireFile(ctx, r, cmd.options.caseNo, await orgOf(ctx, cmd.options.org), 'review.usage.result');
  if (f.reviewerOrgId !== ctx.member!.orgId) {
    const names = await orgNames(ctx);
    throw new UserError('review.error.not_reviewer', { caseNo: f.caseNo, reviewer: names.get(f.reviewerOrgId) ?? '' });
  }
  await forms.start(ctx, 'review_result', { reviewId: r.id, fileId: f.id, code: r.code, caseNo: f.caseNo });
}

const readProblems = (answers: Record<string, unknown>) => split(String(answers.problems ?? ''));

export const resultForm: FormHandler = {
  form: 'review_result',
  ...REVIEWERS,
  async check(ctx, answers) {
    if (answers.problems === undefined) return undefined;
    const types = problemTypes(ctx);
    const unknown = readProblems(answers).filter((p) => !types.includes(p));
    if (unknown.length)
      return {
        field: 'problems',
        key: 'review.error.problem_type',
        fields: { value: unknown.join('、'), types: types.join('、') },
      };
    if (answers.result !== 'pass' && !readProblems(answers).length)
      return { field: 'problems', key: 'review.error.problems_needed', fields: { types: types.join('、') } };
    return undefined;
  },
  async submit(ctx, answers, context) {
    const f = await fileById(ctx.tx, context.fileId ?? '');
    if (!f || f.reviewId !== context.reviewId) throw new UserError('error.card_forged');
    if (f.reviewerOrgId !== ctx.member!.orgId)
      throw new UserError('review.error.not_reviewer', {
        caseNo: f.caseNo,
        reviewer: (await orgNames(ctx)).get(f.reviewerOrgId) ?? '',
      });
    const result = String(answers.result);
    const problems = readProblems(answers);
    await saveResult(ctx.tx, f.id, {
      result,
      problems,
      note: String(answers.note ?? ''),
      attachments: (answers.attachments as Attachment[] | null) ?? [],
      resultById: ctx.member!.id,
      resultAt: ctx.now,
    });
    audit(ctx, 'review.result', context.code, { caseNo: f.caseNo, result, problems });
    const unit = (await orgNames(ctx)).get(f.orgId) ?? f.orgId;
    const fields = {
      code: context.code!,
      caseNo: f.caseNo,
      unit,
      result: resultText(ctx, result),
      problems: problems.join('、') || t(ctx, 'common.none'),
    };
    if (result === 'pass' || !problems.length) return reply(ctx, 'review.result_saved', fields);
    reply(ctx, 'review.result_saved', fields, {
      card: {
        title: t(ctx, 'review.card.problem', fields),
        tone: 'warning',
        fields: [],
        buttons: [
          {
            label: t(ctx, 'review.button.task'),
            command: `/评查 整改 ${context.code} 案号=${f.caseNo} 单位=${unit}`,
            style: 'primary',
          },
        ],
      },
    });
  },
};

const INTO: Record<string, 'task' | 'recommendation'> = {
  任务: 'task',
  整改: 'task',
  检察建议: 'recommendation',
  建议: 'recommendation',
};

/** /评查 整改: the file's problems become a task (整改) for its agency — or a 检察建议 — tracked like any other. */
export async function taskCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'review.usage.task');
  const r = await requireReview(ctx, cmd.positional[1], 'review.usage.task');
  await assertPlanner(ctx, r);
  const f = await requireFile(ctx, r, cmd.options.caseNo, await orgOf(ctx, cmd.options.org), 'review.usage.task');
  if (!f.result || f.result === 'pass' || !problemsOf(f).length)
    throw new UserError('review.error.no_problem', { caseNo: f.caseNo, result: resultText(ctx, f.result) });
  if (f.taskId) throw new UserError('review.error.has_task', { caseNo: f.caseNo });
  // a 检察建议 only from the procuratorate (人民检察院检察建议工作规定); a task from any reviewing unit
  const kind = INTO[cmd.options.kind?.trim() ?? '任务'];
  if (!kind) throw new UserError('review.error.task_kind', { value: cmd.options.kind ?? '' });
  if (kind === 'recommendation' && ctx.member!.orgKind !== 'procuratorate')
    throw new UserError('review.error.recommendation_by');
  const task = await registerMatter(ctx, {
    kind,
    orgId: f.orgId,
    title: t(ctx, 'review.task_title', { code: r.code, caseNo: f.caseNo, problems: problemsOf(f).join('、') }),
    summary: f.note,
    servedOn: ctx.today,
    period: cmd.options.period ? periodOption(cmd.options.period) : undefined,
  });
  await setFileTask(ctx.tx, f.id, task.id);
  audit(ctx, 'review.task', r.code, { caseNo: f.caseNo, task: task.code });
}

/** /评查 指派: a sampled file to another reviewing unit. */
export async function assignCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'review.usage.assign');
  const r = await requireReview(ctx, cmd.positional[1], 'review.usage.assign');
  await assertPlanner(ctx, r);
  const f = await requireFile(ctx, r, cmd.options.caseNo, await orgOf(ctx, cmd.options.org), 'review.usage.assign');
  if (!cmd.options.reviewers)
    throw new UserError('review.error.missing_reviewer', { usage: t(ctx, 'review.usage.assign') });
  const to = await orgArg(ctx, cmd.options.reviewers);
  if (!reviewerIds(r).includes(to.id))
    throw new UserError('review.error.not_a_reviewer', { code: r.code, unit: to.name });
  if (f.result) throw new UserError('review.error.has_result', { caseNo: f.caseNo });
  await setReviewer(ctx.tx, f.id, to.id);
  audit(ctx, 'review.assign', r.code, { caseNo: f.caseNo, to: to.name });
  reply(ctx, 'review.assigned_to', { code: r.code, caseNo: f.caseNo, unit: to.name });
}

/** /评查 重点: files named for 重点检查, before the unit's list is drawn. */
export async function keyCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'review.usage.key');
  const r = await requireReview(ctx, cmd.positional[1], 'review.usage.key');
  await assertPlanner(ctx, r);
  if (!cmd.options.org || !cmd.options.caseNo)
    throw new UserError('review.error.key_usage', { usage: t(ctx, 'review.usage.key') });
  const org = await orgArg(ctx, cmd.options.org);
  const list = await listOf(ctx.tx, r.id, org.id);
  if (list?.drawnAt) throw new UserError('review.error.key_after_draw', { code: r.code, unit: org.name });
  const cases = split(cmd.options.caseNo);
  const kept = keyCasesOf(r).filter((k) => !(k.orgId === org.id && cases.includes(k.caseNo)));
  await setKeyCases(ctx.tx, r.id, [...kept, ...cases.map((caseNo) => ({ orgId: org.id, caseNo }))]);
  audit(ctx, 'review.key', r.code, { unit: org.name, cases });
  reply(ctx, 'review.key_saved', { code: r.code, unit: org.name, cases: cases.join('、') });
}
