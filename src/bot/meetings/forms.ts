// The meeting forms — agenda item, attendance receipt, minutes — and what they share with the
// commands that open them (/议题, /回执, /纪要): who may answer, the checks, the saving.
import { shanghaiDate } from '../../domain/civil-date.js';
import { prepDays, readResolutions } from '../../domain/meeting.js';
import { matchOrg } from '../../domain/org-match.js';
import { formatPeriod, readPeriod } from '../../domain/period.js';
import { addAgendaItem, type MeetingRow, meetingById, recordMinutes, saveReceipt } from '../../store/meetings.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { registerMatter } from '../core/matters.js';
import { notify } from '../core/notify.js';
import type { Permission } from '../core/permissions.js';
import { minutesDocument, sendToMembers } from './documents.js';
import { assertLead, leadName, ORGANISER } from './lead.js';

/** a unit's liaison or contact answers for it: agenda items, receipts */
export const UNIT: Permission = { allow: ['liaison', 'officer'] };

/** Agenda items are taken from planned meetings until the day the call closes (T-7); after it, the lead unit is asked. */
export async function assertAgendaOpen(ctx: Ctx, m: MeetingRow): Promise<void> {
  if (m.status !== 'planned')
    throw new UserError('meeting.error.not_planned', { code: m.code!, status: t(ctx, `meeting.status.${m.status}`) });
  const closes = prepDays(m.heldOn, ctx.services.config.meetingPrep, ctx.services.calendar).close;
  if (ctx.today > closes)
    throw new UserError('meeting.error.agenda_closed', { code: m.code!, closes, lead: await leadName(ctx) });
}

/** The member's unit's agenda item, saved and answered. */
export async function submitAgendaItem(ctx: Ctx, m: MeetingRow, title: string): Promise<void> {
  await addAgendaItem(ctx.tx, {
    meetingId: m.id,
    orgId: ctx.member!.orgId,
    memberId: ctx.member!.id,
    title,
    at: ctx.now,
  });
  // the notice card stays open: a unit may send several items, and its other people theirs
  audit(ctx, 'meeting.agenda', m.code!, {});
  reply(ctx, 'meeting.agenda_saved', { code: m.code!, unit: ctx.member!.orgName, title });
}

/** The member's unit's attendance receipt, saved and answered. */
export async function submitReceipt(ctx: Ctx, m: MeetingRow, attendees: string): Promise<void> {
  await saveReceipt(ctx.tx, {
    meetingId: m.id,
    orgId: ctx.member!.orgId,
    memberId: ctx.member!.id,
    attendees,
    at: ctx.now,
  });
  audit(ctx, 'meeting.receipt', m.code!, {});
  reply(ctx, 'meeting.receipt_saved', { code: m.code!, unit: ctx.member!.orgName, attendees, date: m.heldOn });
}

/** Minutes are taken once, for a meeting held (not cancelled). */
export function assertHeld(ctx: Ctx, m: MeetingRow): void {
  if (m.minutesAt) throw new UserError('meeting.error.has_minutes', { code: m.code!, at: shanghaiDate(m.minutesAt) });
  if (m.heldOn > ctx.today || m.status === 'cancelled')
    throw new UserError('meeting.error.not_held', { code: m.code!, date: m.heldOn });
}

interface Resolution {
  text: string;
  orgId?: string;
  unit?: string;
  period?: string;
}

/** The resolutions read and checked: every named unit on the roster, every period readable. */
async function checkResolutions(ctx: Ctx, text: string): Promise<Resolution[]> {
  const orgs = await ctx.services.roster.orgs(ctx.tx);
  const out: Resolution[] = [];
  for (const r of readResolutions(text)) {
    if (!r.text) throw new UserError('meeting.error.resolution_empty', { line: r.line });
    if (!r.unit && !r.period) {
      out.push({ text: r.text });
      continue;
    }
    if (!r.unit || !r.period)
      throw new UserError('meeting.error.resolution_incomplete', { line: r.line, text: r.text });
    const found = matchOrg(r.unit, orgs);
    if (found.kind !== 'found')
      throw new UserError('meeting.error.resolution_unit', {
        line: r.line,
        unit: r.unit,
        candidates:
          found.kind === 'ambiguous'
            ? found.candidates.map((o) => o.name).join('、')
            : (found.close?.name ?? t(ctx, 'common.none')),
      });
    const p = readPeriod(r.period);
    if ('error' in p) throw new UserError('meeting.error.resolution_period', { line: r.line, period: r.period });
    out.push({ text: r.text, orgId: found.org.id, unit: found.org.name, period: formatPeriod(p.period) });
  }
  if (!out.length) throw new UserError('meeting.error.no_resolutions');
  return out;
}

async function meetingOf(ctx: Ctx, context: Record<string, string>): Promise<MeetingRow> {
  const m = await meetingById(ctx.tx, context.meetingId ?? '');
  if (!m) throw new UserError('error.card_forged');
  return m;
}

/**
 * The 纪要 saved by the lead unit: each resolution with a unit and a period becomes a task issued
 * by the lead unit (the minute-taker's; it evaluates and closes them); the joint group hears of it.
 */
async function submitMinutes(ctx: Ctx, m: MeetingRow, answers: Record<string, unknown>): Promise<void> {
  await assertLead(ctx, '/纪要'); // checked again: the roster's lead may have changed while the form was open
  assertHeld(ctx, m);
  const rs = await checkResolutions(ctx, String(answers.resolutions));
  const saved: Array<Resolution & { task?: string }> = [];
  for (const r of rs) {
    if (!r.orgId) {
      saved.push(r);
      continue;
    }
    // each resolution with a unit and a period is a task, tracked as a recommendation is
    const task = await registerMatter(ctx, {
      kind: 'task',
      orgId: r.orgId,
      title: r.text,
      servedOn: ctx.today,
      period: r.period,
      meetingId: m.id,
    });
    saved.push({ ...r, task: task.code });
  }
  const minutes = String(answers.minutes);
  await recordMinutes(ctx.tx, m.id, { minutes, resolutions: JSON.stringify(saved), at: ctx.now });
  audit(ctx, 'meeting.minutes', m.code!, { resolutions: saved.length, tasks: saved.filter((r) => r.task).length });
  const lines = saved
    .map((r, i) =>
      t(ctx, r.task ? 'meeting.minutes_task_line' : 'meeting.minutes_line', {
        n: i + 1,
        text: r.text,
        unit: r.unit ?? '',
        period: r.period ?? '',
        task: r.task ?? '',
      }),
    )
    .join('\n');
  await notify(ctx, 'joint', undefined, 'meeting.minutes_notice', {
    code: m.code!,
    title: m.title,
    date: m.heldOn,
    minutes,
    lines,
  });
  // the 会议纪要 as a document, distributed to the member units
  await sendToMembers(ctx, await minutesDocument(ctx, (await meetingById(ctx.tx, m.id))!));
  ctx.completed = { action: t(ctx, 'meeting.used.minutes') };
}

export const meetingForms: FormHandler[] = [
  {
    form: 'meeting_agenda',
    ...UNIT,
    async submit(ctx, answers, context) {
      const m = await meetingOf(ctx, context);
      await assertAgendaOpen(ctx, m); // the call may have closed while the form was open
      await submitAgendaItem(ctx, m, String(answers.title));
    },
  },
  {
    form: 'meeting_receipt',
    ...UNIT,
    async submit(ctx, answers, context) {
      await submitReceipt(ctx, await meetingOf(ctx, context), String(answers.attendees));
    },
  },
  {
    form: 'meeting_minutes',
    ...ORGANISER,
    async review(ctx, answers) {
      const rs = await checkResolutions(ctx, String(answers.resolutions));
      return rs.map((r, i) =>
        t(ctx, r.orgId ? 'meeting.review_task' : 'meeting.review_resolution', {
          n: i + 1,
          text: r.text,
          unit: r.unit ?? '',
          period: r.period ?? '',
        }),
      );
    },
    async submit(ctx, answers, context) {
      await submitMinutes(ctx, await meetingOf(ctx, context), answers);
    },
  },
];
