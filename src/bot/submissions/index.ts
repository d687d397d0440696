// 报送: files, figures or a training's attendance collected from units by a deadline (BS-2026-001) —
// Daocheng and Nanyang: "于 12月25日前报市检察院", 明确专人负责收集、报送; Daocheng: at least one joint
// training a year (内容=培训: each unit's attendees, counted per unit for the yearly assessment).
import type { CommandFamily } from '../core/spec.js';
import { submissionCommand } from './commands.js';
import { fireCollect, fireRemind } from './jobs.js';
import { submissionForms } from './receive.js';

export const submissions: CommandFamily = {
  name: 'submissions',
  words: ['submission'],
  auditActions: ['submission.open', 'submission.receive'],
  options: {
    deadline: ['截止', '截止日期', '截至', 'deadline'],
    items: ['项目', '数据项', 'items'],
  },
  commands: [submissionCommand],
  forms: submissionForms,
  jobs: { submission_remind: fireRemind, submission_collect: fireCollect },
  officeHours: ['submission_remind', 'submission_collect'],
};
