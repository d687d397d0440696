// 咨询 / 征求意见 (ZQ-…): questions between units in either direction (双向咨询: 检察院 ↔ 政府工作部门、司法局),
// answered through a direct-message form with files, with reminders and the overdue road; restricted ones
// kept to those who must know (控制知悉范围, sealed at rest); 行政复议 hearing invitations (陪议、旁听) with
// their receipt; a question asked again offered to the lead unit as a topic meeting by button.
import type { CommandFamily } from '../core/spec.js';
import { answerCommand, answerForm } from './answer.js';
import { consultationCommand } from './commands.js';
import { consultationJob } from './road.js';
import { showConsultation } from './show.js';

export const consultations: CommandFamily = {
  name: 'consultations',
  words: ['consultation'],
  auditActions: [
    'consultation.ask',
    'consultation.invite',
    'consultation.reminded',
    'consultation.overdue',
    'consultation.escalated',
    'consultation.answered',
    'consultation.receipt',
    'consultation.read',
    'consultation.recurring',
  ],
  options: {
    target: ['对象', '咨询对象', '征求对象', '邀请对象', 'target'],
    question: ['问题', '咨询事项', '事由', 'question'],
    attendMode: ['方式', '参加方式', 'mode'],
  },
  matterKinds: ['consultation'],
  shows: { consultation: showConsultation },
  commands: [consultationCommand, answerCommand],
  forms: [answerForm],
  matterJobs: {
    consultation_reminder: consultationJob,
    consultation_overdue: consultationJob,
    consultation_escalation: consultationJob,
  },
};
