// 年度考核: each 政府工作部门's yearly score under the office's rubric (LIANDONG_ASSESSMENT), from the
// shared figure definitions — Daocheng, Luoyang and Jiashan: 纳入法治政府建设（依法治县）年度考核.
import type { CommandFamily } from '../core/spec.js';
import { assessmentCommand } from './commands.js';

export const assessment: CommandFamily = {
  name: 'assessment',
  words: ['assessment'],
  auditActions: ['assessment.run'],
  commands: [assessmentCommand],
  forms: [],
};
