// 联席会议: a series proposes each meeting on a working day; once confirmed the preparation runs —
// the notice and its calendar file, the call for 议题, the agenda, reminders with 参会回执 — and the
// 纪要's 议定事项 become tasks.
import type { Ctx } from '../core/context.js';
import type { CommandFamily } from '../core/spec.js';
import {
  agendaCommand,
  meetingCommand,
  meetingForms,
  minutesCommand,
  noAgendaCommand,
  receiptCommand,
} from './commands.js';
import { fireMeetingJob, MEETING_JOB_KINDS } from './service.js';

export const meetings: CommandFamily = {
  name: 'meetings',
  words: ['meeting'],
  auditActions: [
    'meeting.plan',
    'meeting.new',
    'meeting.confirm',
    'meeting.move',
    'meeting.agenda',
    'meeting.no_agenda',
    'meeting.receipt',
    'meeting.minutes',
  ],
  options: {
    recurrence: ['频次', '频率', 'recurrence', 'every'],
    months: ['月份', 'months'],
    on: ['日期', '会议日期', 'on'],
    time: ['时间', 'time'],
    location: ['地点', 'location', 'place'],
    attendees: ['参会人', '参会人员', 'attendees'],
  },
  commands: [meetingCommand, agendaCommand, noAgendaCommand, receiptCommand, minutesCommand],
  forms: meetingForms,
  jobs: Object.fromEntries(
    MEETING_JOB_KINDS.map((k) => [k, (ctx: Ctx, payload: Record<string, unknown>) => fireMeetingJob(ctx, k, payload)]),
  ),
  officeHours: [...MEETING_JOB_KINDS],
};
