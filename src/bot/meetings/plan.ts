// The organiser's /会议 sub-commands that set a meeting's day: 计划 (a series), 新建, 确认, 改期.
import { minutesOf } from '../../domain/civil-date.js';
import { DEFAULT_MONTHS, prepDays, readMonths, readRecurrence } from '../../domain/meeting.js';
import { addSeries, confirmMeeting, moveMeeting, setMeetingStart } from '../../store/meetings.js';
import { commandText, dateOption, textOption, yesNoOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import { createMeeting, planPreparation, proposeNext } from './preparation.js';
import { confirmButtons, fieldsOf, requireMeeting } from './service.js';

const TITLE_MAX = 100;

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

export const monthsText = (ctx: Ctx, months: number[]) => months.map((m) => t(ctx, 'meeting.month', { m })).join('、');

const confirmedFlag = (cmd: ParsedCommand) => yesNoOption(cmd.options.confirm, '确认') ?? false;

export async function runPlan(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
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
  const series = await addSeries(ctx.tx, {
    title,
    recurrence,
    months: JSON.stringify(months),
    location,
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  const next = await proposeNext(ctx, series.id, ctx.today);
  if (o.time) await setMeetingStart(ctx.tx, next.id, timeOption(o.time, next.startMinute));
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

export async function runNew(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
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

export async function runConfirm(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const m = await requireMeeting(ctx, cmd.positional[1], 'meeting.usage.confirm');
  if (m.status !== 'proposed')
    throw new UserError('meeting.error.not_proposed', { code: m.code!, status: t(ctx, `meeting.status.${m.status}`) });
  const planned = await confirmMeeting(ctx.tx, m.id);
  await planPreparation(ctx, planned);
  audit(ctx, 'meeting.confirm', m.code!, { heldOn: m.heldOn });
  ctx.completed = { action: t(ctx, 'meeting.used.confirm') };
  reply(ctx, 'meeting.confirmed', {
    ...fieldsOf(ctx, planned),
    notice: prepDays(m.heldOn, ctx.services.config.meetingPrep, ctx.services.calendar).notice,
  });
}

export async function runMove(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const m = await requireMeeting(ctx, cmd.positional[1], 'meeting.usage.move');
  if (m.status !== 'proposed' && m.status !== 'planned')
    throw new UserError('meeting.error.cannot_move', { code: m.code!, status: t(ctx, `meeting.status.${m.status}`) });
  const { day, provisional } = meetingDay(ctx, cmd.options.on, 'meeting.usage.move', confirmedFlag(cmd));
  const startMinute = timeOption(cmd.options.time, m.startMinute);
  if (day === m.heldOn && startMinute === m.startMinute)
    throw new UserError('meeting.error.same_day', { code: m.code!, date: day });
  // a moved meeting is a confirmed one; its calendar entry is updated (same UID, next SEQUENCE)
  const moved = await moveMeeting(ctx.tx, m.id, { heldOn: day, provisional, startMinute });
  await planPreparation(ctx, moved);
  audit(ctx, 'meeting.move', m.code!, { from: m.heldOn, to: day });
  ctx.completed = { action: t(ctx, 'meeting.used.move') };
  reply(ctx, 'meeting.moved', {
    ...fieldsOf(ctx, moved),
    previous: m.heldOn,
    update: m.noticeSentAt ? t(ctx, 'meeting.moved_update') : '',
  });
}
