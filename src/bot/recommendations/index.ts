// 检察建议 and 诉前检察建议: registered by the procuratorate's liaison, answered by the agency with
// its rectification reply, evaluated, extended, and chased by reminders, overdue notices and escalations.
import type { CommandFamily } from '../core/spec.js';
import {
  recommendationForm,
  rectificationForm,
  registerRecommendation,
  replyCommand,
  taskReplyForm,
} from './commands.js';
import { documentsForm } from './corrections.js';
import { evaluateCommand, evaluationForms } from './evaluate.js';
import { EVALUATION_DUE, evaluationDue } from './evaluation-due.js';
import { extensionCommand, extensionForm } from './extension.js';
import { deadlineJob } from './reminders.js';
import { quotedReply } from './routes.js';

export const recommendations: CommandFamily = {
  name: 'recommendations',
  words: ['remind', 'overdue', 'road', 'reply', 'evaluate', 'extension', 'registration'],
  auditActions: ['evaluate.reminded'],
  options: {
    served: ['送达', '送达日', '送达日期', 'served', 'date'],
    urgent: ['紧急', 'urgent'],
    kind: ['类型', '种类', 'type', 'kind'],
    // a task's reply: 进展情况 (the measures) and 完成情况 (the status)
    rectStatus: ['状态', '整改状态', '完成情况', 'rect'],
    measures: ['措施', '整改措施', '进展', '进展情况', 'measures'],
    expected: ['预计', '预计完成', '预计完成日期', 'expected'],
    level: ['密级', 'level'],
    docNumber: ['文号', '建议文号', 'docno'],
  },
  matterKinds: ['recommendation', 'pil_recommendation'],
  commands: [registerRecommendation, replyCommand, evaluateCommand, extensionCommand],
  forms: [recommendationForm, documentsForm, rectificationForm, taskReplyForm, ...evaluationForms, extensionForm],
  matterJobs: { reminder: deadlineJob, overdue: deadlineJob, escalation: deadlineJob, [EVALUATION_DUE]: evaluationDue },
  routes: [quotedReply],
};
