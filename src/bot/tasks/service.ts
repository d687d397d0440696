// 重点任务清单: the tasks a meeting's 议定事项 become (Matter kind=task), each unit's figures,
// the quarterly progress request to the units and the circular (季通报) naming units behind schedule.

import { quarterlyCircular } from '../../documents/figures.js';
import { type Composed, fileOf } from '../../documents/words.js';
import { addDays } from '../../domain/civil-date.js';
import { workingDayOnOrAfter } from '../../domain/office-hours.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { type MatterFacts, taskFiguresByUnit, type UnitTasks, yearFigures } from '../../domain/statistics.js';
import { keepGenerated } from '../../store/files.js';
import { type JobInput, planJobs } from '../../store/jobs.js';
import { openTasks } from '../../store/matters.js';
import { matterFacts } from '../../store/statistics.js';
import { type Ctx, t } from '../core/context.js';
import { rateText } from '../core/figures-text.js';
import { leadName } from '../core/lead.js';
import { notify, notifyUnit } from '../core/notify.js';

/**
 * Plans the next progress request (first working day of a quarter's last month) and the
 * next circular (first working day after the quarter ends). Idempotent: keys per quarter.
 */
export async function planQuarterly(ctx: Ctx, from = ctx.today): Promise<void> {
  const year = Number(from.slice(0, 4));
  const jobs: JobInput[] = [];
  for (const y of [year, year + 1]) {
    for (const q of [1, 2, 3, 4]) {
      const lastMonth = q * 3;
      const request = workingDayOnOrAfter(`${y}-${String(lastMonth).padStart(2, '0')}-01`, ctx.services.calendar);
      const after = q === 4 ? `${y + 1}-01-01` : `${y}-${String(lastMonth + 1).padStart(2, '0')}-01`;
      const circular = workingDayOnOrAfter(after, ctx.services.calendar);
      const quarter = `${y}Q${q}`;
      for (const [kind, day] of [
        ['task_progress', request],
        ['task_circular', circular],
      ] as const) {
        if (day < from || jobs.some((j) => j.kind === kind)) continue;
        const key = `${kind}:${quarter}`;
        jobs.push({
          kind,
          key,
          dueAt: atOfficeStart(day, ctx.services.config.officeStart),
          payload: { quarter },
        });
      }
    }
  }
  await planJobs(ctx.tx, jobs, ctx.now);
  ctx.scheduled = true;
}

export type UnitTaskFigures = UnitTasks & { unit: string };

/** Tasks by unit (the same figures as /统计 and the digest, from src/domain/statistics.ts), behind schedule first. */
export async function taskFigures(ctx: Ctx, orgId?: string, facts?: MatterFacts[]): Promise<UnitTaskFigures[]> {
  const names = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  return taskFiguresByUnit(facts ?? (await matterFacts(ctx.tx, ctx.services.config.databaseFile)), ctx.today)
    .filter((f) => !orgId || f.orgId === orgId)
    .map((f) => ({ ...f, unit: names.get(f.orgId) ?? f.orgId }))
    .sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit, 'zh'));
}

export async function fireQuarterlyJob(ctx: Ctx, kind: string, payload: Record<string, unknown>): Promise<void> {
  const quarter = String(payload.quarter);
  if (kind === 'task_progress') {
    // 季通报 request: each unit with open tasks is asked for its progress
    const open = await openTasks(ctx.tx);
    const byUnit = new Map<string, typeof open>();
    for (const m of open) byUnit.set(m.responsibleOrgId, [...(byUnit.get(m.responsibleOrgId) ?? []), m]);
    for (const [orgId, tasks] of byUnit)
      await notifyUnit(ctx, orgId, 'task.progress_request', {
        quarter,
        count: tasks.length,
        lines: tasks
          .map((m) => t(ctx, 'task.progress_line', { code: m.code, title: m.title, due: m.dueOn }))
          .join('\n'),
      });
  } else {
    const facts = await matterFacts(ctx.tx, ctx.services.config.databaseFile);
    const figures = await taskFigures(ctx, undefined, facts);
    const behind = figures.filter((f) => f.overdue > 0);
    // the year's recommendation figures of each unit, as /统计 gives them (the same functions)
    const names = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
    // the quarter's year (a Q4 circular goes out in January: it reports the year just ended)
    const ofYear = /^\d{4}/.test(quarter) ? Number(quarter.slice(0, 4)) : Number(ctx.today.slice(0, 4));
    const year = yearFigures(facts, ofYear, ctx.today).filter((u) => u.received > 0);
    await notify(ctx, 'joint', undefined, 'task.circular', {
      quarter,
      today: ctx.today,
      recommendations: year.length
        ? year
            .map((u) =>
              t(ctx, 'task.circular_recommendation_line', {
                unit: names.get(u.orgId) ?? u.orgId,
                received: u.received,
                onTimeRate: rateText(ctx, u.onTimeRate),
                overdue: u.overdue,
                rectified: u.rectified,
              }),
            )
            .join('\n')
        : t(ctx, 'common.none'),
      lines: figures.length
        ? figures.map((f) => t(ctx, 'task.circular_line', { ...f })).join('\n')
        : t(ctx, 'task.none'),
      behind: behind.length
        ? t(ctx, 'task.circular_behind', {
            units: behind.map((f) => t(ctx, 'task.behind_unit', { unit: f.unit, overdue: f.overdue })).join('、'),
          })
        : t(ctx, 'task.circular_all_on_time'),
    });
    await sendCircular(ctx, await circularDocument(ctx, quarter, facts));
  }
  // the next quarter's
  await planQuarterly(ctx, addDays(ctx.today, 1));
}

/**
 * The 季度通报 of a quarter (2026Q3) as a document: each unit's tasks as of today, the units behind
 * schedule, and the recommendations of the quarter's year — the figures the circular's message gives.
 */
export async function circularDocument(ctx: Ctx, quarter: string, facts?: MatterFacts[]): Promise<Composed> {
  const [year, q] = quarter.split('Q').map(Number) as [number, number];
  const all = facts ?? (await matterFacts(ctx.tx, ctx.services.config.databaseFile));
  const names = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const asOf = ctx.today < `${year}-12-31` ? ctx.today : `${year}-12-31`;
  const recommendations = yearFigures(all, year, asOf)
    .filter((u) => u.received > 0)
    .map((u) => ({ ...u, unit: names.get(u.orgId) ?? u.orgId }))
    .sort((a, b) => b.received - a.received || a.unit.localeCompare(b.unit, 'zh'));
  return quarterlyCircular((key, fields = {}) => t(ctx, key, fields), {
    year,
    quarter: q,
    today: ctx.today,
    lead: await leadName(ctx),
    tasks: await taskFigures(ctx, undefined, all),
    recommendations,
  });
}

/** The circular's document, as a file to the joint group(s) where its message goes. */
async function sendCircular(ctx: Ctx, c: Composed): Promise<void> {
  const f = await fileOf(c);
  const file = await keepGenerated(ctx.tx, ctx.services.config.filesDir, { name: f.name, bytes: f.bytes, at: ctx.now });
  await notify(ctx, 'joint', undefined, 'document.sent', { doc: f.label, name: f.name }, { file });
}
