// 季度通报 (the key tasks by unit, the units behind schedule, the year's recommendations) and the
// 年度统计表 (the yearly figures of each unit, across the page), composed from the figures the
// domain's statistics compute (src/domain/statistics.ts): no figure is counted here.
import type { UnitTasks, UnitYear } from '../domain/statistics.js';
import type { Block } from './model.js';
import { type Composed, dateText, rateOf, type Words } from './words.js';

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const heading = (text: string): Block => ({ kind: 'heading', level: 1, text });

export interface CircularFacts {
  year: number;
  quarter: number;
  /** the figures are as of this day */
  today: string;
  lead: string;
  /** each unit's tasks, behind schedule first */
  tasks: Array<UnitTasks & { unit: string }>;
  /** the year's recommendations of each unit that received any */
  recommendations: Array<UnitYear & { unit: string }>;
}

function overall(t: Words, f: CircularFacts): Block[] {
  const sum = (k: 'open' | 'overdue' | 'done' | 'onTime') => f.tasks.reduce((a, x) => a + x[k], 0);
  const total = sum('open') + sum('done');
  if (!total) return [paragraph(t('document.circular.no_tasks', { today: dateText(t, f.today) }))];
  const col = (k: string) => t(`document.circular.col.${k}`);
  return [
    paragraph(
      t('document.circular.overall', {
        today: dateText(t, f.today),
        total,
        done: sum('done'),
        onTime: sum('onTime'),
        open: sum('open'),
        overdue: sum('overdue'),
      }),
    ),
    {
      kind: 'table',
      header: [col('unit'), col('open'), col('overdue'), col('done'), col('on_time')],
      widths: [6, 2, 2, 2, 2],
      rows: f.tasks.map((u) => [u.unit, String(u.open), String(u.overdue), String(u.done), String(u.onTime)]),
    },
  ];
}

function recommendations(t: Words, f: CircularFacts): Block[] {
  if (!f.recommendations.length) return [paragraph(t('document.circular.no_recommendations', { year: f.year }))];
  const col = (k: string) => t(`document.circular.col.${k}`);
  return [
    paragraph(t('document.circular.recommendations', { year: f.year })),
    {
      kind: 'table',
      header: [col('unit'), col('received'), col('on_time_rate'), col('rectified'), col('now_overdue')],
      widths: [6, 2.4, 2.4, 2, 2],
      rows: f.recommendations.map((u) => [
        u.unit,
        String(u.received),
        rateOf(t, u.onTimeRate),
        String(u.rectified),
        String(u.overdue),
      ]),
    },
  ];
}

export function quarterlyCircular(t: Words, f: CircularFacts): Composed {
  const at = { year: f.year, quarter: f.quarter };
  const behind = f.tasks.filter((u) => u.overdue > 0);
  return {
    label: t('document.circular.label'),
    name: t('document.circular.file', at),
    doc: {
      title: t('document.circular.title', at),
      addressee: t('document.circular.to'),
      body: [
        paragraph(t('document.circular.opening', at)),
        heading(t('document.circular.h_overall')),
        ...overall(t, f),
        heading(t('document.circular.h_behind')),
        paragraph(
          behind.length
            ? t('document.circular.behind', {
                units: behind
                  .map((u) => t('document.circular.behind_unit', { unit: u.unit, overdue: u.overdue }))
                  .join('、'),
              })
            : t('document.circular.all_on_time'),
        ),
        heading(t('document.circular.h_recommendations')),
        ...recommendations(t, f),
        heading(t('document.circular.h_requests')),
        paragraph(t('document.circular.requests')),
      ],
      signature: f.lead,
      date: dateText(t, f.today),
    },
  };
}

export interface StatisticsFacts {
  year: number;
  /** the figures are as of this day (the year's last day, for a past year) */
  asOf: string;
  /** one unit's name, when the table is about one unit */
  unit?: string;
  rows: Array<UnitYear & { unit: string }>;
  /** all units together, when there are several */
  total?: UnitYear;
  lead: string;
  today: string;
}

const COLUMNS = [
  'received',
  'replied_on_time',
  'replied_late',
  'on_time_rate',
  'rectified',
  'rectified_rate',
  'overdue',
  'escalated',
  'supervised',
  'notices',
  'extensions',
  'clues',
  'clues_accepted',
  'clues_closed',
  'tasks',
  'tasks_on_time',
] as const;

function cells(t: Words, u: UnitYear): string[] {
  const n = (x: number) => String(x);
  return [
    n(u.received),
    n(u.repliedOnTime),
    n(u.repliedLate),
    rateOf(t, u.onTimeRate),
    n(u.rectified),
    rateOf(t, u.rectifiedRate),
    n(u.overdue),
    n(u.escalated),
    n(u.supervised),
    n(u.notices),
    n(u.extensions),
    n(u.cluesReferred),
    n(u.cluesAcceptedInTime),
    n(u.cluesClosedInTime),
    n(u.tasks),
    n(u.tasksDoneOnTime),
  ];
}

export function yearStatistics(t: Words, f: StatisticsFacts): Composed {
  const col = (k: string) => t(`document.statistics.col.${k}`);
  const rows = f.rows.map((u) => [u.unit, ...cells(t, u)]);
  if (f.total) rows.push([t('document.statistics.total'), ...cells(t, f.total)]);
  return {
    label: t('document.statistics.label'),
    name: f.unit
      ? t('document.statistics.file_unit', { year: f.year, unit: f.unit })
      : t('document.statistics.file', { year: f.year }),
    doc: {
      title: t('document.statistics.title', { year: f.year }),
      landscape: true,
      body: [
        paragraph(
          t('document.statistics.scope', {
            scope: f.unit ?? t('document.statistics.all_units'),
            asOf: dateText(t, f.asOf),
          }),
        ),
        {
          kind: 'table',
          header: [col('unit'), ...COLUMNS.map(col)],
          widths: [4.5, ...COLUMNS.map(() => 1.4)],
          rows,
        },
        paragraph(t('document.statistics.note')),
      ],
      signature: f.lead,
      date: dateText(t, f.today),
    },
  };
}
