// 周报: the leaders' weekly digest — counts of the week against the week before, per kind;
// a table of units; the most overdue items, the deadlines of the next seven days and the
// meetings coming up; restricted clues only as counts; and a chart (PNG) of the units.
// A job row each week (Monday, DIGEST_TIME, the next working day when Monday is a holiday):
// sent once, whatever restarts or clock jumps happen (a jump sends the due week, not every
// week skipped).

import type { Attachment } from '../../chat/messages.js';
import { addDays, daysBetween, isoWeek, mondayOf, weekdayName } from '../../domain/civil-date.js';
import { isOpenStatus, owesAction } from '../../domain/matter-state.js';
import { workingDayOnOrAfter } from '../../domain/office-hours.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { isOverdue, type MatterFacts, type UnitNow, unitTable, weekCounts } from '../../domain/statistics.js';
import { keepGenerated } from '../../store/files.js';
import { planJobs } from '../../store/jobs.js';
import { titlesByCode } from '../../store/matters.js';
import { matterFacts, meetingsAhead } from '../../store/statistics.js';
import { audit, type Ctx, t } from '../core/context.js';
import { rateText } from '../core/figures-text.js';
import { notify, tell } from '../core/notify.js';

const KINDS = ['recommendation', 'clue', 'task'] as const;
const TOP_UNITS = 12;

export interface Digest {
  week: string;
  from: string;
  to: string;
  text: string;
  svg: string;
  png: Buffer;
}

/** The `k` matching matters with the earliest due dates (then codes), in one pass: no sort of 100,000. */
function earliest(matters: MatterFacts[], k: number, keep: (m: MatterFacts) => boolean): MatterFacts[] {
  const before = (a: MatterFacts, b: MatterFacts) => a.dueOn < b.dueOn || (a.dueOn === b.dueOn && a.code < b.code);
  const top: MatterFacts[] = [];
  for (const m of matters) {
    if (top.length === k && !before(m, top[k - 1]!)) continue;
    if (!keep(m)) continue;
    let i = top.length;
    while (i > 0 && before(m, top[i - 1]!)) i--;
    top.splice(i, 0, m);
    if (top.length > k) top.pop();
  }
  return top;
}

/** An on-time rate in words: 66.7%, or — when nothing was judged. */

/**
 * The digest of the week [from, to] (Monday to Sunday), with open and overdue as of `asOf`.
 * `facts` may be given (the bench, the CLI); otherwise they are read.
 */
export async function buildDigest(ctx: Ctx, monday: string, asOf: string, facts?: MatterFacts[]): Promise<Digest> {
  const all = facts ?? (await matterFacts(ctx.tx, ctx.services.config.databaseFile, { slim: true }));
  const from = monday;
  const to = addDays(monday, 6);
  const orgs = await ctx.services.roster.orgs(ctx.tx);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const shortOf = new Map(orgs.map((o) => [o.id, o.shortNames]));
  const visible = all.filter((m) => !m.restricted);
  const kinds = kindLines(ctx, all, monday);
  const units = unitTable(all, Number(asOf.slice(0, 4)), asOf);
  const unitRows = unitLines(ctx, units, orgName);
  const item = (m: MatterFacts) => itemLine(ctx, m, orgName, asOf);
  const { overdue, soon } = await listedItems(ctx, visible, asOf);
  const meetings = await meetingsAhead(ctx.tx, asOf, addDays(asOf, 30), 5);
  const restricted = all.filter((m) => m.restricted);

  const text = t(ctx, 'digest.text', {
    week: isoWeek(monday),
    from,
    to,
    kinds: kinds.join('\n') || t(ctx, 'digest.none'),
    units: unitRows.join('\n') || t(ctx, 'digest.none'),
    overdue: overdue.map(item).join('\n') || t(ctx, 'digest.none'),
    upcoming: soon.map(item).join('\n') || t(ctx, 'digest.none'),
    meetings: meetingLines(ctx, meetings).join('\n') || t(ctx, 'digest.none'),
    restricted: restricted.length
      ? t(ctx, 'digest.restricted', {
          count: restricted.length,
          open: restricted.filter((m) => isOpenStatus(m.status)).length,
        })
      : '',
  });
  const { svg, png } = await unitChart(ctx, units.slice(0, TOP_UNITS), { orgName, shortOf }, monday, asOf);
  return { week: isoWeek(monday), from, to, text, svg, png };
}

/** Each kind there are matters of: this week's counts against the week before's. */
function kindLines(ctx: Ctx, all: MatterFacts[], monday: string): string[] {
  const from = monday;
  const to = addDays(monday, 6);
  const prevFrom = addDays(monday, -7);
  const prevTo = addDays(monday, -1);
  const kinds = KINDS.filter((k) =>
    all.some((m) => m.kind === k || (k === 'recommendation' && m.kind === 'pil_recommendation')),
  );
  return kinds.map((k) => {
    const now = weekCounts(all, k, from, to);
    const prev = weekCounts(all, k, prevFrom, prevTo);
    return t(ctx, 'digest.kind_line', {
      kind: t(ctx, `digest.kind.${k}`),
      created: now.created,
      createdPrev: prev.created,
      replied: now.replied,
      repliedPrev: prev.replied,
      closed: now.closed,
      closedPrev: prev.closed,
      open: now.open,
      openPrev: prev.open,
      overdue: now.overdue,
      overduePrev: prev.overdue,
    });
  });
}

/** The table of units (open, overdue, on-time rate): the first TOP_UNITS, then how many more. */
function unitLines(ctx: Ctx, units: UnitNow[], orgName: Map<string, string>): string[] {
  const unitLines = units.slice(0, TOP_UNITS).map((u) =>
    t(ctx, 'digest.unit_line', {
      unit: orgName.get(u.orgId) ?? u.orgId,
      open: u.open,
      overdue: u.overdue,
      rate: rateText(ctx, u.onTimeRate),
    }),
  );
  if (units.length > TOP_UNITS) unitLines.push(t(ctx, 'digest.more_units', { n: units.length - TOP_UNITS }));
  return unitLines;
}

/** One listed item: code, title, unit, due date, and the days overdue or left. */
function itemLine(ctx: Ctx, m: MatterFacts, orgName: Map<string, string>, asOf: string): string {
  return t(ctx, 'digest.item_line', {
    code: m.code,
    title: m.title,
    unit: orgName.get(m.orgId) ?? '',
    due: m.dueOn,
    state:
      m.dueOn < asOf
        ? t(ctx, 'digest.overdue_days', { days: daysBetween(m.dueOn, asOf) })
        : t(ctx, 'digest.days_left', { days: daysBetween(asOf, m.dueOn) }),
  });
}

/** The most overdue items and the deadlines of the next seven days, with their titles. */
async function listedItems(
  ctx: Ctx,
  visible: MatterFacts[],
  asOf: string,
): Promise<{ overdue: MatterFacts[]; soon: MatterFacts[] }> {
  const weekAhead = addDays(asOf, 7);
  const overdue = earliest(visible, 5, (m) => isOverdue(m, asOf));
  const soon = earliest(visible, 10, (m) => owesAction(m.status) && m.dueOn >= asOf && m.dueOn <= weekAhead);
  // the titles of the few items listed (the facts were read without them)
  const listed = [...overdue, ...soon].filter((m) => !m.title);
  if (listed.length) {
    const titles = await titlesByCode(
      ctx.tx,
      listed.map((m) => m.code),
    );
    for (const m of listed) m.title = titles.get(m.code) ?? '';
  }
  return { overdue, soon };
}

/** The meetings coming up, a line each: code, title, date and weekday, status. */
function meetingLines(ctx: Ctx, meetings: Awaited<ReturnType<typeof meetingsAhead>>): string[] {
  return meetings.map((m) =>
    t(ctx, 'digest.meeting_line', {
      code: m.code ?? '',
      title: m.title,
      date: m.heldOn,
      weekday: weekdayName(m.heldOn),
      status: t(ctx, `meeting.status.${m.status}`),
    }),
  );
}

/** The chart (PNG) of the units listed: open and overdue per unit. */
async function unitChart(
  ctx: Ctx,
  charted: UnitNow[],
  { orgName, shortOf }: { orgName: Map<string, string>; shortOf: Map<string, string[]> },
  monday: string,
  asOf: string,
): Promise<{ svg: string; png: Buffer }> {
  // ECharts and resvg load with the first digest, not at every start (memory, start time)
  const { barChartSvg, drawable, svgToPng } = await import('./chart.js');
  const svg = barChartSvg({
    title: t(ctx, 'digest.chart_title'),
    subtitle: t(ctx, 'digest.chart_subtitle', { week: isoWeek(monday), today: asOf }),
    categories: charted.map((u) => drawable([orgName.get(u.orgId) ?? u.orgId, ...(shortOf.get(u.orgId) ?? [])])),
    series: [
      { name: t(ctx, 'digest.series_open'), values: charted.map((u) => u.open), color: '#3370ff' },
      { name: t(ctx, 'digest.series_overdue'), values: charted.map((u) => u.overdue), color: '#f54a45' },
    ],
  });
  return { svg, png: await svgToPng(svg) };
}

/** The digest's pieces as messages: the text, then the chart as an image of its own (Feishu sends an image alone). */
export async function digestMessages(ctx: Ctx, d: Digest): Promise<{ image: Attachment }> {
  const image = await keepGenerated(ctx.tx, ctx.services.config.filesDir, {
    name: `周报-${d.week}.png`,
    bytes: d.png,
    at: ctx.now,
    kind: 'image',
  });
  return { image };
}

// ---- the weekly job ----

/** When the digest of the week starting `monday` goes: that Monday (or the next working day) at DIGEST_TIME, with jitter. */
function sendAt(ctx: Ctx, monday: string): { key: string; at: Date } {
  const key = `digest:${isoWeek(monday)}`;
  const day = workingDayOnOrAfter(monday, ctx.services.calendar);
  return {
    key,
    at: atOfficeStart(day, ctx.services.config.digestTime),
  };
}

/** Plans the next digest not yet due (idempotent: one key per week). */
export async function planNextDigest(ctx: Ctx, from = ctx.today): Promise<void> {
  let monday = mondayOf(from) < from ? addDays(mondayOf(from), 7) : mondayOf(from);
  // after a clock jump (or a long stop), the weeks skipped are not sent one by one
  while (sendAt(ctx, monday).at <= ctx.now) monday = addDays(monday, 7);
  const { key, at } = sendAt(ctx, monday);
  await planJobs(ctx.tx, [{ kind: 'digest', key, dueAt: at, payload: { monday } }], ctx.now);
  ctx.scheduled = true;
}

/** The weekly job: the week before `monday`, to the leaders group and the leaders who want it directly. */
export async function fireDigest(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const monday = String(payload.monday);
  // the last complete week: the one before this job's Monday, or, sent late after a jump, the latest one
  const d = await buildDigest(ctx, addDays(mondayOf(ctx.today), -7), ctx.today);
  const { image } = await digestMessages(ctx, d);
  const leaders = (await ctx.services.roster.allMembers(ctx.tx)).filter((m) => m.roles.includes('leader'));
  const direct = leaders.filter((m) => m.digest === 'direct' || m.digest === 'both').map((m) => m.id);
  const toGroup = leaders.length === 0 || leaders.some((m) => m.digest !== 'direct');
  let groups = 0;
  if (toGroup) {
    groups = await notify(ctx, 'leaders', undefined, 'common.raw', { text: d.text });
    await notify(ctx, 'leaders', undefined, 'digest.image_caption', { week: d.week }, { image });
  }
  const people = await tell(ctx, direct, 'common.raw', { text: d.text });
  await tell(ctx, direct, 'digest.image_caption', { week: d.week }, { image });
  audit(ctx, 'digest.sent', d.week, { groups, people });
  await planNextDigest(ctx, addDays(monday, 1));
}
