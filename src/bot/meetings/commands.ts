// /会议 (计划、新建、确认、改期、列表、查看), /议题, /无议题, /回执, /纪要, /任务 新建, /任务清单,
// and the forms they open: agenda item, attendance receipt, minutes.
import { minutesOf, shanghaiDate, weekdayName } from '../../domain/civil-date.js';
import { DEFAULT_MONTHS, prepDays, readMonths, readRecurrence, readResolutions } from '../../domain/meeting.js';
import { matchOrg } from '../../domain/org-match.js';
import { formatPeriod, readPeriod } from '../../domain/period.js';
import { parseJson } from '../../store/tx.js';
import { commandText, dateOption, NEW_WORDS, rejectUnknownKeys, textOption, yesNoOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { registerMatter } from '../core/matters.js';
import { notify } from '../core/notify.js';
import { type ParsedCommand, word } from '../core/parse.js';
import type { Permission } from '../core/permissions.js';
import type { CommandDeps, CommandSpec } from '../core/spec.js';
import {
  agendaState,
  agendaText,
  confirmButtons,
  createMeeting,
  fieldsOf,
  type MeetingRow,
  meetingByCode,
  planPreparation,
  proposeNext,
  receiptState,
} from './service.js';

/** 联席会议 are scheduled and minuted by the procuratorate's liaisons (DESIGN: 检察院联络员 schedules joint meetings). */
const ORGANISER: Permission = { allow: ['liaison'], orgKinds: ['procuratorate'] };
/** a unit's liaison or contact answers for it: agenda items, receipts */
const UNIT: Permission = { allow: ['liaison', 'officer'] };
const TITLE_MAX = 100;

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

function timeOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const minute = minutesOf(value);
  if (minute === undefined) throw new UserError('meeting.error.bad_time', { value });
  return minute;
}

/**
 * A meeting day typed by hand: not in the past; a rest day or holiday is allowed only when
 * confirmed (the bot asks "确定在…开会吗？回复 是"). Returns the day and whether it is 待核.
 */
function meetingDay(
  ctx: Ctx,
  value: string | undefined,
  usageKey: string,
  confirmed: boolean,
): { day: string; provisional: boolean } {
  if (!value) throw new UserError('meeting.error.missing_date', { usage: t(ctx, usageKey) });
  const day = dateOption(value, t(ctx, usageKey));
  if (day < ctx.today) throw new UserError('meeting.error.past', { date: day, today: ctx.today });
  const kind = ctx.services.calendar.classify(day);
  if (!kind.working && !confirmed) {
    throw new UserError(
      'meeting.error.rest_day',
      { date: day, reason: kind.reason ?? '' },
      `${commandText(ctx)} 确认=是`,
    );
  }
  return { day, provisional: !ctx.services.calendar.covers(Number(day.slice(0, 4))) };
}

const monthsText = (ctx: Ctx, months: number[]) => months.map((m) => t(ctx, 'meeting.month', { m })).join('、');

const confirmedFlag = (cmd: ParsedCommand) => yesNoOption(cmd.options.confirm, '确认') ?? false;

async function runPlan(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const o = cmd.options;
  const recurrence = o.recurrence ? readRecurrence(o.recurrence) : undefined;
  if (!recurrence)
    throw new UserError('meeting.error.bad_recurrence', {
      value: o.recurrence ?? '',
      usage: t(ctx, 'meeting.usage.plan'),
    });
  let months = DEFAULT_MONTHS[recurrence];
  if (o.months) {
    const r = readMonths(o.months, recurrence);
    if ('error' in r)
      throw new UserError(`meeting.error.months_${r.error}`, {
        value: o.months,
        recurrence: t(ctx, `meeting.recurrence.${recurrence}`),
        count: DEFAULT_MONTHS[recurrence].length,
      });
    months = r.months;
  }
  const title = o.title
    ? textOption(o.title, t(ctx, 'meeting.label.title'), TITLE_MAX)
    : t(ctx, 'meeting.default_title');
  const location = o.location ? textOption(o.location, t(ctx, 'meeting.label.location'), TITLE_MAX) : '';
  const series = await ctx.tx.meetingSeries.create({
    data: {
      title,
      recurrence,
      months: JSON.stringify(months),
      location,
      createdById: ctx.member!.id,
      createdAt: ctx.now,
    },
  });
  const next = await proposeNext(ctx, series.id, ctx.today);
  if (o.time)
    await ctx.tx.meeting.update({
      where: { id: next.id },
      data: { startMinute: timeOption(o.time, next.startMinute) },
    });
  audit(ctx, 'meeting.plan', next.code!, { recurrence, months });
  reply(
    ctx,
    'meeting.planned_series',
    {
      ...fieldsOf(ctx, next),
      title,
      recurrence: t(ctx, `meeting.recurrence.${recurrence}`),
      months: monthsText(ctx, months),
    },
    {
      card: {
        title: t(ctx, 'meeting.card.proposed', { code: next.code!, date: next.heldOn }),
        tone: 'info',
        fields: [],
        buttons: confirmButtons(ctx, next.code!),
      },
    },
  );
}

async function runNew(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const o = cmd.options;
  if (!o.title) throw new UserError('meeting.error.missing_title', { usage: t(ctx, 'meeting.usage.new') });
  const { day, provisional } = meetingDay(ctx, o.on, 'meeting.usage.new', confirmedFlag(cmd));
  const m = await createMeeting(ctx, {
    title: textOption(o.title, t(ctx, 'meeting.label.title'), TITLE_MAX),
    heldOn: day,
    provisional,
    location: o.location ? textOption(o.location, t(ctx, 'meeting.label.location'), TITLE_MAX) : '',
    startMinute: timeOption(o.time, ctx.services.config.meetingStart),
    status: 'planned',
  });
  audit(ctx, 'meeting.new', m.code!, { heldOn: day });
  reply(ctx, 'meeting.created', {
    ...fieldsOf(ctx, m),
    notice: prepDays(day, ctx.services.config.meetingPrep, ctx.services.calendar).notice,
  });
}

async function runConfirm(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const m = await meetingByCode(ctx, cmd.positional[1], 'meeting.usage.confirm');
  if (m.status !== 'proposed')
    throw new UserError('meeting.error.not_proposed', { code: m.code!, status: t(ctx, `meeting.status.${m.status}`) });
  const planned = await ctx.tx.meeting.update({ where: { id: m.id }, data: { status: 'planned' } });
  await planPreparation(ctx, planned);
  audit(ctx, 'meeting.confirm', m.code!, { heldOn: m.heldOn });
  ctx.completed = { action: t(ctx, 'meeting.used.confirm') };
  reply(ctx, 'meeting.confirmed', {
    ...fieldsOf(ctx, planned),
    notice: prepDays(m.heldOn, ctx.services.config.meetingPrep, ctx.services.calendar).notice,
  });
}

async function runMove(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const m = await meetingByCode(ctx, cmd.positional[1], 'meeting.usage.move');
  if (m.status !== 'proposed' && m.status !== 'planned')
    throw new UserError('meeting.error.cannot_move', { code: m.code!, status: t(ctx, `meeting.status.${m.status}`) });
  const { day, provisional } = meetingDay(ctx, cmd.options.on, 'meeting.usage.move', confirmedFlag(cmd));
  const startMinute = timeOption(cmd.options.time, m.startMinute);
  if (day === m.heldOn && startMinute === m.startMinute)
    throw new UserError('meeting.error.same_day', { code: m.code!, date: day });
  // a moved meeting is a confirmed one; its calendar entry is updated (same UID, next SEQUENCE)
  const moved = await ctx.tx.meeting.update({
    where: { id: m.id },
    data: { heldOn: day, provisional, startMinute, status: 'planned', sequence: { increment: 1 } },
  });
  await planPreparation(ctx, moved);
  if (moved.seriesId) await ctx.tx.meetingSeries.update({ where: { id: moved.seriesId }, data: { nextOn: day } });
  audit(ctx, 'meeting.move', m.code!, { from: m.heldOn, to: day });
  ctx.completed = { action: t(ctx, 'meeting.used.move') };
  reply(ctx, 'meeting.moved', {
    ...fieldsOf(ctx, moved),
    previous: m.heldOn,
    update: m.noticeSentAt ? t(ctx, 'meeting.moved_update') : '',
  });
}

async function runList(ctx: Ctx): Promise<void> {
  const series = await ctx.tx.meetingSeries.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } });
  const meetings = await ctx.tx.meeting.findMany({
    where: { status: { in: ['proposed', 'planned'] }, heldOn: { gte: ctx.today } },
    orderBy: [{ heldOn: 'asc' }, { code: 'asc' }],
    take: 20,
  });
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
  const m = await meetingByCode(ctx, cmd.positional[1], 'meeting.usage.show');
  const [a, r, tasks] = await Promise.all([
    agendaState(ctx, m),
    receiptState(ctx, m),
    ctx.tx.matter.findMany({ where: { meetingId: m.id }, orderBy: { code: 'asc' }, include: { responsibleOrg: true } }),
  ]);
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
    const me = ctx.member!;
    if (!me.roles.includes('liaison') || me.orgKind !== 'procuratorate')
      throw new UserError('error.forbidden', {
        command: `/会议 ${cmd.positional[0]}`,
        roles: t(ctx, 'role.of_units', { units: t(ctx, 'org_kind.procuratorate'), roles: t(ctx, 'role.liaison') }),
      });
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
  const m = await meetingByCode(ctx, cmd.positional[0], usageKey);
  assertAgendaOpen(ctx, m);
  return m;
}

function assertAgendaOpen(ctx: Ctx, m: MeetingRow): void {
  if (m.status !== 'planned')
    throw new UserError('meeting.error.not_planned', { code: m.code!, status: t(ctx, `meeting.status.${m.status}`) });
  const closes = prepDays(m.heldOn, ctx.services.config.meetingPrep, ctx.services.calendar).close;
  if (ctx.today > closes) throw new UserError('meeting.error.agenda_closed', { code: m.code!, closes });
}

async function addAgendaItem(ctx: Ctx, m: MeetingRow, title: string): Promise<void> {
  await ctx.tx.agendaItem.create({
    data: { meetingId: m.id, orgId: ctx.member!.orgId, memberId: ctx.member!.id, title, createdAt: ctx.now },
  });
  // an item after a 无议题 replaces it
  await ctx.tx.agendaItem.deleteMany({ where: { meetingId: m.id, orgId: ctx.member!.orgId, none: true } });
  // the notice card stays open: a unit may send several items, and its other people theirs
  audit(ctx, 'meeting.agenda', m.code!, {});
  reply(ctx, 'meeting.agenda_saved', { code: m.code!, unit: ctx.member!.orgName, title });
}

export const agendaCommand: CommandSpec = {
  id: 'agenda',
  names: ['议题', 'agenda'],
  ...UNIT,
  async run(ctx, cmd, { forms }: CommandDeps) {
    rejectUnknownKeys(ctx, cmd, 'meeting.usage.agenda');
    const m = await openForAgenda(ctx, cmd, 'meeting.usage.agenda');
    if (cmd.options.summary !== undefined)
      return addAgendaItem(ctx, m, textOption(trailing(cmd, cmd.options.summary), t(ctx, 'meeting.label.agenda'), 200));
    const context: Record<string, string> = { code: m.code!, meetingId: m.id };
    if (ctx.incoming?.cardMessageId) context.card = ctx.incoming.cardMessageId;
    await forms.start(ctx, 'meeting_agenda', context);
  },
};

export const noAgendaCommand: CommandSpec = {
  id: 'no_agenda',
  names: ['无议题', 'noagenda'],
  ...UNIT,
  async run(ctx, cmd) {
    const m = await openForAgenda(ctx, cmd, 'meeting.usage.no_agenda');
    const mine = await ctx.tx.agendaItem.findMany({ where: { meetingId: m.id, orgId: ctx.member!.orgId } });
    if (mine.some((i) => !i.none))
      throw new UserError('meeting.error.has_items', { code: m.code!, count: mine.filter((i) => !i.none).length });
    if (!mine.length)
      await ctx.tx.agendaItem.create({
        data: { meetingId: m.id, orgId: ctx.member!.orgId, memberId: ctx.member!.id, none: true, createdAt: ctx.now },
      });
    audit(ctx, 'meeting.no_agenda', m.code!, {});
    reply(ctx, 'meeting.no_agenda_saved', { code: m.code!, unit: ctx.member!.orgName });
  },
};

async function saveReceipt(ctx: Ctx, m: MeetingRow, attendees: string): Promise<void> {
  await ctx.tx.attendanceReceipt.upsert({
    where: { meetingId_orgId: { meetingId: m.id, orgId: ctx.member!.orgId } },
    create: {
      meetingId: m.id,
      orgId: ctx.member!.orgId,
      attendees,
      memberId: ctx.member!.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    },
    update: { attendees, memberId: ctx.member!.id, updatedAt: ctx.now },
  });
  audit(ctx, 'meeting.receipt', m.code!, {});
  reply(ctx, 'meeting.receipt_saved', { code: m.code!, unit: ctx.member!.orgName, attendees, date: m.heldOn });
}

export const receiptCommand: CommandSpec = {
  id: 'receipt',
  names: ['回执', 'receipt'],
  ...UNIT,
  async run(ctx, cmd, { forms }: CommandDeps) {
    rejectUnknownKeys(ctx, cmd, 'meeting.usage.receipt');
    const m = await meetingByCode(ctx, cmd.positional[0], 'meeting.usage.receipt');
    if (m.status !== 'planned' || m.heldOn < ctx.today)
      throw new UserError('meeting.error.not_planned', {
        code: m.code!,
        status: t(ctx, `meeting.status.${m.heldOn < ctx.today ? 'held' : m.status}`),
      });
    if (cmd.options.attendees !== undefined)
      return saveReceipt(
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
  async run(ctx, cmd, { forms }: CommandDeps) {
    rejectUnknownKeys(ctx, cmd, 'meeting.usage.minutes');
    const m = await meetingByCode(ctx, cmd.positional[0], 'meeting.usage.minutes');
    assertHeld(ctx, m);
    await forms.start(ctx, 'meeting_minutes', { code: m.code!, meetingId: m.id });
  },
};

function assertHeld(ctx: Ctx, m: MeetingRow): void {
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
  const m = await ctx.tx.meeting.findUnique({ where: { id: context.meetingId ?? '' } });
  if (!m) throw new UserError('error.card_forged');
  return m;
}

export const meetingForms: FormHandler[] = [
  {
    form: 'meeting_agenda',
    ...UNIT,
    async submit(ctx, answers, context) {
      const m = await meetingOf(ctx, context);
      assertAgendaOpen(ctx, m); // the call may have closed while the form was open
      await addAgendaItem(ctx, m, String(answers.title));
    },
  },
  {
    form: 'meeting_receipt',
    ...UNIT,
    async submit(ctx, answers, context) {
      await saveReceipt(ctx, await meetingOf(ctx, context), String(answers.attendees));
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
      const m = await meetingOf(ctx, context);
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
      await ctx.tx.meeting.update({
        where: { id: m.id },
        data: { status: 'held', minutes, minutesAt: ctx.now, resolutions: JSON.stringify(saved) },
      });
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
      ctx.completed = { action: t(ctx, 'meeting.used.minutes') };
    },
  },
];
