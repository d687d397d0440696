// /会议 (计划、新建、确认、改期、列表、查看), /议题, /无议题, /回执, /纪要; the forms they open
// (agenda item, attendance receipt, minutes) are in forms.ts, the day-setting sub-commands in plan.ts.
import { weekdayName } from '../../domain/civil-date.js';
import { activeSeries, agendaItems, meetingTasks, recordNoAgenda, upcomingMeetings } from '../../store/meetings.js';
import { parseJson } from '../../store/tx.js';
import { formContext, NEW_WORDS, rejectUnknownKeys, textOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { type ParsedCommand, word } from '../core/parse.js';
import type { CommandDeps, CommandSpec } from '../core/spec.js';
import { agendaState, agendaText, receiptState } from './agenda.js';
import { assertAgendaOpen, assertHeld, submitAgendaItem, submitReceipt, UNIT } from './forms.js';
import { assertLead, isLead, ORGANISER } from './lead.js';
import { monthsText, runConfirm, runMove, runNew, runPlan } from './plan.js';
import { fieldsOf, type MeetingRow, requireMeeting } from './service.js';

export { meetingForms } from './forms.js';

const SUB: Record<string, string> = {
  计划: 'plan',
  周期: 'plan',
  plan: 'plan',
  确认: 'confirm',
  confirm: 'confirm',
  改期: 'move',
  调整: 'move',
  move: 'move',
  列表: 'list',
  list: 'list',
  查看: 'show',
  详情: 'show',
  show: 'show',
  ...Object.fromEntries(NEW_WORDS.map((w) => [w, 'new'])),
};

async function runList(ctx: Ctx): Promise<void> {
  const series = await activeSeries(ctx.tx);
  const meetings = await upcomingMeetings(ctx.tx, ctx.today);
  if (!series.length && !meetings.length) {
    reply(ctx, 'meeting.list_empty');
    return;
  }
  const seriesLines = series.map((s) =>
    t(ctx, 'meeting.series_line', {
      title: s.title,
      recurrence: t(ctx, `meeting.recurrence.${s.recurrence}`),
      months: monthsText(ctx, parseJson<number[]>(s.months, [])),
      next: s.nextOn
        ? t(ctx, 'meeting.date_weekday', { date: s.nextOn, weekday: weekdayName(s.nextOn) })
        : t(ctx, 'common.none'),
    }),
  );
  const meetingLines = meetings.map((m) => t(ctx, 'meeting.list_line', fieldsOf(ctx, m)));
  reply(ctx, 'meeting.list', {
    series: seriesLines.join('\n') || t(ctx, 'common.none'),
    meetings: meetingLines.join('\n') || t(ctx, 'common.none'),
  });
}

async function runShow(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const m = await requireMeeting(ctx, cmd.positional[1], 'meeting.usage.show');
  const [a, r, tasks] = await Promise.all([agendaState(ctx, m), receiptState(ctx, m), meetingTasks(ctx.tx, m.id)]);
  const agenda = agendaText(ctx, a);
  const receipts =
    r.receipts
      .map((x) => t(ctx, 'meeting.receipt_line', { unit: r.orgs.get(x.orgId) ?? '', attendees: x.attendees }))
      .join('\n') || t(ctx, 'common.none');
  reply(ctx, 'meeting.show', {
    ...fieldsOf(ctx, m),
    agenda,
    receipts,
    missing: r.missing.map((u) => u.name).join('、') || t(ctx, 'common.none'),
    minutes: m.minutes
      ? t(ctx, 'meeting.show_minutes', {
          minutes: m.minutes,
          tasks:
            tasks.map((x) => `${x.code}（${x.responsibleOrg.name}，${x.dueOn}）`).join('、') || t(ctx, 'common.none'),
        })
      : '',
  });
}

export const meetingCommand: CommandSpec = {
  id: 'meeting',
  names: ['会议', 'meeting'],
  allow: 'member',
  async run(ctx, cmd) {
    const sub = SUB[word(cmd, 0)];
    if (!sub) throw new UserError('error.usage', { usage: t(ctx, 'meeting.usage.all') });
    rejectUnknownKeys(ctx, cmd, `meeting.usage.${sub}`);
    if (sub === 'list') return runList(ctx);
    if (sub === 'show') return runShow(ctx, cmd);
    // convening is the lead unit's (the roster's 牵头单位, the procuratorate by default)
    await assertLead(ctx, `/会议 ${cmd.positional[0]}`);
    if (sub === 'plan') return runPlan(ctx, cmd);
    if (sub === 'new') return runNew(ctx, cmd);
    if (sub === 'confirm') return runConfirm(ctx, cmd);
    return runMove(ctx, cmd);
  },
};

/**
 * The last option's value with the words after it, as a clerk writes without quotes:
 * `/回执 HY-2026-001 参会人=张敏 副局长` is 张敏 副局长.
 */
function trailing(cmd: ParsedCommand, value: string): string {
  return [value, ...cmd.positional.slice(1)].join(' ');
}

/** Agenda items are taken until the day the call closes (T-7). */
async function openForAgenda(ctx: Ctx, cmd: ParsedCommand, usageKey: string): Promise<MeetingRow> {
  const m = await requireMeeting(ctx, cmd.positional[0], usageKey);
  await assertAgendaOpen(ctx, m);
  return m;
}

export const agendaCommand: CommandSpec = {
  id: 'agenda',
  names: ['议题', 'agenda'],
  ...UNIT,
  async run(ctx, cmd, { forms }: CommandDeps) {
    rejectUnknownKeys(ctx, cmd, 'meeting.usage.agenda');
    const m = await openForAgenda(ctx, cmd, 'meeting.usage.agenda');
    if (cmd.options.summary !== undefined)
      return submitAgendaItem(
        ctx,
        m,
        textOption(trailing(cmd, cmd.options.summary), t(ctx, 'meeting.label.agenda'), 200),
      );
    await forms.start(ctx, 'meeting_agenda', formContext(ctx, { code: m.code!, meetingId: m.id }));
  },
};

export const noAgendaCommand: CommandSpec = {
  id: 'no_agenda',
  names: ['无议题', 'noagenda'],
  ...UNIT,
  async run(ctx, cmd) {
    const m = await openForAgenda(ctx, cmd, 'meeting.usage.no_agenda');
    const mine = await agendaItems(ctx.tx, m.id, ctx.member!.orgId);
    if (mine.some((i) => !i.none))
      throw new UserError('meeting.error.has_items', { code: m.code!, count: mine.filter((i) => !i.none).length });
    if (!mine.length)
      await recordNoAgenda(ctx.tx, {
        meetingId: m.id,
        orgId: ctx.member!.orgId,
        memberId: ctx.member!.id,
        at: ctx.now,
      });
    audit(ctx, 'meeting.no_agenda', m.code!, {});
    reply(ctx, 'meeting.no_agenda_saved', { code: m.code!, unit: ctx.member!.orgName });
  },
};

export const receiptCommand: CommandSpec = {
  id: 'receipt',
  names: ['回执', 'receipt'],
  ...UNIT,
  async run(ctx, cmd, { forms }: CommandDeps) {
    rejectUnknownKeys(ctx, cmd, 'meeting.usage.receipt');
    const m = await requireMeeting(ctx, cmd.positional[0], 'meeting.usage.receipt');
    if (m.status !== 'planned' || m.heldOn < ctx.today)
      throw new UserError('meeting.error.not_planned', {
        code: m.code!,
        status: t(ctx, `meeting.status.${m.heldOn < ctx.today ? 'held' : m.status}`),
      });
    if (cmd.options.attendees !== undefined)
      return submitReceipt(
        ctx,
        m,
        textOption(trailing(cmd, cmd.options.attendees), t(ctx, 'meeting.label.attendees'), 200),
      );
    await forms.start(ctx, 'meeting_receipt', {
      code: m.code!,
      meetingId: m.id,
      ...(ctx.incoming?.cardMessageId ? { card: ctx.incoming.cardMessageId } : {}),
    });
  },
};

export const minutesCommand: CommandSpec = {
  id: 'minutes',
  names: ['纪要', 'minutes'],
  ...ORGANISER,
  listedFor: isLead,
  async run(ctx, cmd, { forms }: CommandDeps) {
    rejectUnknownKeys(ctx, cmd, 'meeting.usage.minutes');
    await assertLead(ctx, '/纪要');
    const m = await requireMeeting(ctx, cmd.positional[0], 'meeting.usage.minutes');
    assertHeld(ctx, m);
    await forms.start(ctx, 'meeting_minutes', { code: m.code!, meetingId: m.id });
  },
};
