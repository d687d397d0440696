// /评查: 计划 (a quarter's plan), 模板 (the list template), 名单 (an agency sends its list), 重点 (files named
// for 重点检查), 指派 (a file to another reviewer), 结果 (a result per file), 整改 (a problem → a task),
// 通报 (the circular), 查看 (where a plan stands).
import { listTemplate } from '../../documents/review.js';
import { keepGenerated } from '../../store/files.js';
import { filesOf, listsOf } from '../../store/review.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import { word } from '../core/parse.js';
import { permits } from '../core/permissions.js';
import type { CommandSpec } from '../core/spec.js';
import { missingUnits } from './draw.js';
import { listCommand } from './lists.js';
import { planCommand } from './plan.js';
import { reportCommand } from './report.js';
import { assignCommand, keyCommand, resultCommand, taskCommand } from './results.js';
import { AGENCY, orgNames, REVIEWERS, type ReviewRow, requireReview, resultText } from './service.js';

const SUB: Record<string, string> = {
  计划: 'plan',
  新建: 'plan',
  plan: 'plan',
  模板: 'template',
  template: 'template',
  名单: 'list',
  报送: 'list',
  list: 'list',
  重点: 'key',
  key: 'key',
  指派: 'assign',
  assign: 'assign',
  结果: 'result',
  result: 'result',
  整改: 'task',
  task: 'task',
  通报: 'report',
  report: 'report',
  查看: 'show',
  show: 'show',
};

async function templateCommand(ctx: Ctx): Promise<void> {
  const f = await listTemplate((key, fields = {}) => t(ctx, key, fields));
  const file = await keepGenerated(ctx.tx, ctx.services.config.filesDir, { name: f.name, bytes: f.bytes, at: ctx.now });
  reply(ctx, 'review.template_sent', { name: f.name }, {});
  ctx.out.at(-1)!.file = file;
}

async function showCommand(ctx: Ctx, r: ReviewRow): Promise<void> {
  const names = await orgNames(ctx);
  const lists = await listsOf(ctx.tx, r.id);
  const files = await filesOf(ctx.tx, r.id);
  reply(ctx, 'review.show', {
    code: r.code,
    quarter: r.quarter,
    ratio: r.ratio,
    from: r.periodFrom,
    to: r.periodTo,
    due: r.listDueOn,
    resultDue: r.resultDueOn,
    status: t(ctx, `review.status.${r.status}`),
    lists:
      lists
        .map((l) =>
          t(ctx, l.late ? 'review.show_list_late' : 'review.show_list', {
            unit: names.get(l.orgId) ?? l.orgId,
            count: l.count,
            checksum: l.checksum.slice(0, 16),
          }),
        )
        .join('\n') || t(ctx, 'common.none'),
    missing: (await missingUnits(ctx, r)).join('、') || t(ctx, 'common.none'),
    files:
      files
        .map((f) =>
          t(ctx, 'review.show_file', {
            unit: names.get(f.orgId) ?? f.orgId,
            caseNo: f.caseNo,
            reviewer: names.get(f.reviewerOrgId) ?? f.reviewerOrgId,
            result: resultText(ctx, f.result),
          }),
        )
        .join('\n') || t(ctx, 'common.none'),
  });
}

export const reviewCommand: CommandSpec = {
  id: 'review',
  names: ['评查', '案卷评查', 'review'],
  allow: 'member',
  async run(ctx, cmd, { forms }) {
    const sub = SUB[word(cmd, 0)];
    if (!sub) throw new UserError('error.usage', { usage: t(ctx, 'review.usage.all') });
    const need = (rule: typeof REVIEWERS) => {
      if (!permits(ctx, rule)) throw new UserError('review.error.forbidden', { usage: t(ctx, 'review.usage.all') });
    };
    if (sub === 'template') return templateCommand(ctx);
    if (sub === 'list') {
      need(AGENCY);
      return listCommand(ctx, cmd, forms);
    }
    if (sub === 'show') return showCommand(ctx, await requireReview(ctx, cmd.positional[1], 'review.usage.show'));
    need(REVIEWERS);
    if (sub === 'plan') return planCommand(ctx, cmd);
    if (sub === 'key') return keyCommand(ctx, cmd);
    if (sub === 'assign') return assignCommand(ctx, cmd);
    if (sub === 'result') return resultCommand(ctx, cmd, forms);
    if (sub === 'task') return taskCommand(ctx, cmd);
    return reportCommand(ctx, cmd);
  },
};
