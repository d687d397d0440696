// 案卷评查 (PC-…): a quarter's review of the agencies' closed enforcement case files — the lists asked
// for and reminded, the published reproducible draw, the reviewers' results, the 评查通报, and the
// problems turned into 整改 tasks (Daocheng: 行政执法案卷评查常态化，每季度不低于10%).
import type { CommandFamily } from '../core/spec.js';
import { reviewCommand } from './commands.js';
import { drawJob } from './draw.js';
import { listReminderJob, resultDueJob, resultReminderJob } from './jobs.js';
import { listForm } from './lists.js';
import { REVIEW_JOBS } from './plan.js';
import { resultForm } from './results.js';

export const review: CommandFamily = {
  name: 'review',
  words: ['review'],
  auditActions: [
    'review.plan',
    'review.list',
    'review.draw',
    'review.key',
    'review.assign',
    'review.result',
    'review.task',
    'review.report',
  ],
  options: {
    quarter: ['季度', 'quarter'],
    ratio: ['比例', '抽查比例', 'ratio'],
    reviewers: ['评查单位', 'reviewers'],
    deadline: ['截止', '截止日期', 'deadline'],
    resultDue: ['评查期限', '完成期限', 'review_due'],
    scope: ['范围', 'scope'],
    caseNo: ['案号', 'case'],
    kind: ['类型', '种类', 'type', 'kind'],
  },
  commands: [reviewCommand],
  forms: [listForm, resultForm],
  jobs: {
    review_list_remind: listReminderJob,
    review_draw: drawJob,
    review_result_remind: resultReminderJob,
    review_result_due: resultDueJob,
  },
  officeHours: [...REVIEW_JOBS],
};
