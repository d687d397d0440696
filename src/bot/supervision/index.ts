// 督办与监督: the 司法局's 《行政执法监督通知书》 (TZ-…, a matter of its own that follows a 检察建议 up),
// the supervisor office's 督办 with a time limit, and a leader's 批示.
import type { CommandFamily } from '../core/spec.js';
import { supervisionDue } from './jobs.js';
import { noticeCommand, noticeForm } from './notice.js';
import { instructCommand, SUPERVISION_DUE, superviseCommand, superviseForms } from './supervise.js';

export const supervision: CommandFamily = {
  name: 'supervision',
  words: ['tz', 'supervise', 'instruct'],
  auditActions: ['tz.issued', 'supervise.recorded', 'supervise.due', 'instruct.recorded'],
  options: {
    related: ['关联', '关联事项', '关联编号', 'related'],
    matter: ['事项', '纠正事项', '监督事项', 'matter'],
  },
  matterKinds: ['supervision_notice'],
  commands: [noticeCommand, superviseCommand, instructCommand],
  forms: [noticeForm, ...superviseForms],
  matterJobs: { [SUPERVISION_DUE]: supervisionDue },
};
