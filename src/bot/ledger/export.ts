// 台账 as the Excel workbook every office keeps: one sheet per kind (检察建议, 线索, 任务) and a
// summary of the year's figures. Frozen header, column widths, filters, dates as dates,
// overdue rows filled. A restricted clue's content only for a reader who may see it.
import ExcelJS from 'exceljs';
import { categoryLabel } from '../../domain/clue.js';
import { isOverdue, type MatterFacts, yearFigures } from '../../domain/statistics.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import { ledgerDetails } from '../../store/matters.js';
import { type Ctx, t } from '../core/context.js';

/** A civil date as an Excel date (midnight UTC: Excel has no time zone, the day is what counts). */
const asDate = (d: string | undefined | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

export interface ExportScope {
  /** a year of 送达 (served/referred), or every matter */
  year?: number;
  /** the reader: a restricted clue's content is in the file only when they may read it */
  mayRead: (c: { referrerId: string | null; handlerId: string | null; orgId: string }) => boolean;
}

/** The sheets' column keys, in order; the header words are in prompts (workbook.col.*). */
export const COLUMNS = {
  recommendation: [
    'code',
    'docNumber',
    'kind',
    'org',
    'title',
    'served',
    'period',
    'due',
    'status',
    'overdue',
    'replied',
    'closed',
  ],
  clue: ['code', 'category', 'from', 'org', 'source', 'summary', 'stage', 'due', 'handler', 'result', 'closed'],
  task: ['code', 'org', 'title', 'served', 'period', 'due', 'status', 'overdue', 'meeting', 'closed'],
} as const;
const WIDTH: Record<string, number> = {
  code: 14,
  docNumber: 22,
  kind: 12,
  org: 26,
  from: 24,
  title: 44,
  summary: 44,
  served: 12,
  period: 10,
  due: 12,
  status: 14,
  stage: 14,
  overdue: 8,
  replied: 12,
  closed: 12,
  category: 20,
  source: 12,
  handler: 10,
  result: 18,
  meeting: 14,
};
const DATE_COLUMNS = new Set(['served', 'due', 'replied', 'closed']);
const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };

function sheet(ctx: Ctx, wb: ExcelJS.Workbook, name: string, keys: readonly string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = keys.map((k) => ({
    header: t(ctx, `workbook.col.${k}`),
    key: k,
    width: WIDTH[k] ?? 14,
    style: DATE_COLUMNS.has(k) ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: keys.length } };
  return ws;
}

/** What a matter's row is made from besides its facts: unit names, the details the facts lack, the reader. */
interface RowSources {
  orgs: Map<string, string>;
  extra: Awaited<ReturnType<typeof ledgerDetails>>;
  scope: ExportScope;
}

type Row = Record<string, unknown>;

/** The ledger workbook of the matters in scope, and how many of each kind it lists. */
export async function ledgerWorkbook(
  ctx: Ctx,
  facts: MatterFacts[],
  scope: ExportScope,
): Promise<{ bytes: Buffer; counts: Record<string, number> }> {
  const inScope = facts
    .filter((m) => !scope.year || Number(m.servedOn.slice(0, 4)) === scope.year)
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const orgs = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const extra = await ledgerDetails(
    ctx.tx,
    inScope.map((m) => m.code),
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = 'liandong';
  const counts = kindSheets(ctx, wb, inScope, { orgs, extra, scope });
  // 统计: the year's figures per unit (the year asked for, or this one)
  const year = scope.year ?? Number(ctx.today.slice(0, 4));
  summarySheet(ctx, wb, facts, year, orgs);
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), counts };
}

/** The sheets of 检察建议, 线索 and 任务: a row per matter of the kind, overdue rows filled. Returns the counts. */
function kindSheets(
  ctx: Ctx,
  wb: ExcelJS.Workbook,
  matters: MatterFacts[],
  sources: RowSources,
): Record<string, number> {
  const counts: Record<string, number> = { recommendation: 0, clue: 0, task: 0 };
  const add = (ws: ExcelJS.Worksheet, values: Record<string, unknown>, overdue: boolean) => {
    const row = ws.addRow(values);
    if (overdue) row.eachCell({ includeEmpty: true }, (c) => (c.fill = OVERDUE_FILL));
  };
  const rec = sheet(ctx, wb, t(ctx, 'workbook.sheet.recommendation'), COLUMNS.recommendation);
  const clue = sheet(ctx, wb, t(ctx, 'workbook.sheet.clue'), COLUMNS.clue);
  const task = sheet(ctx, wb, t(ctx, 'workbook.sheet.task'), COLUMNS.task);
  for (const m of matters) {
    const late = isOverdue(m, ctx.today);
    const yesNo = t(ctx, late ? 'workbook.yes' : 'workbook.no');
    if (m.kind === 'recommendation' || m.kind === 'pil_recommendation') {
      counts.recommendation!++;
      add(rec, recommendationRow(ctx, m, yesNo, sources), late);
    } else if (m.kind === 'clue') {
      counts.clue!++;
      add(clue, clueRow(ctx, m, sources), late);
    } else if (m.kind === 'task') {
      counts.task!++;
      add(task, taskRow(ctx, m, yesNo, sources), late);
    }
  }
  return counts;
}

/** A 检察建议's row. */
function recommendationRow(ctx: Ctx, m: MatterFacts, yesNo: string, { orgs, extra }: RowSources): Row {
  const x = extra.get(m.code);
  return {
    code: m.code,
    docNumber: x?.docNumber ?? '',
    kind: MATTER_KIND_LABEL[m.kind as MatterKind],
    org: orgs.get(m.orgId),
    title: m.title,
    served: asDate(m.servedOn),
    period: x?.periodRule,
    due: asDate(m.dueOn),
    status: t(ctx, `status.${m.status}`),
    overdue: yesNo,
    replied: asDate(m.replies.at(-1)),
    closed: asDate(m.closedOn),
  };
}

/** A 线索's row: a restricted clue's content, handler and result only for a reader who may see it. */
function clueRow(ctx: Ctx, m: MatterFacts, { orgs, extra, scope }: RowSources): Row {
  const x = extra.get(m.code);
  const c = x?.clue;
  const open =
    !m.restricted || (c && scope.mayRead({ referrerId: c.referrerId, handlerId: c.handlerId, orgId: m.orgId }));
  const hidden = t(ctx, 'workbook.restricted');
  return {
    code: m.code,
    category: categoryLabel(c?.category ?? ''),
    from: orgs.get(m.fromOrgId),
    org: orgs.get(m.orgId),
    source: open ? c?.source : hidden,
    summary: open ? x?.summary : hidden,
    stage: t(ctx, `status.${m.status}`),
    due: asDate(m.dueOn),
    handler: open ? (c?.handlerName ?? '') : hidden,
    result: open ? (c?.result ?? '') : c?.result ? hidden : '',
    closed: asDate(m.closedOn),
  };
}

/** A 任务's row, with the meeting that gave it. */
function taskRow(ctx: Ctx, m: MatterFacts, yesNo: string, { orgs, extra }: RowSources): Row {
  const x = extra.get(m.code);
  return {
    code: m.code,
    org: orgs.get(m.orgId),
    title: m.title,
    served: asDate(m.servedOn),
    period: x?.periodRule,
    due: asDate(m.dueOn),
    status: t(ctx, `status.${m.status}`),
    overdue: yesNo,
    meeting: x?.meeting?.code ?? '',
    closed: asDate(m.closedOn),
  };
}

/** 统计: the year's figures per unit, in the order of their names. */
function summarySheet(
  ctx: Ctx,
  wb: ExcelJS.Workbook,
  facts: MatterFacts[],
  year: number,
  orgs: Map<string, string>,
): void {
  const sum = wb.addWorksheet(t(ctx, 'workbook.sheet.summary', { year }), { views: [{ state: 'frozen', ySplit: 1 }] });
  const keys = [
    'unit',
    'received',
    'repliedOnTime',
    'repliedLate',
    'onTimeRate',
    'rectified',
    'rectifiedRate',
    'overdue',
    'escalated',
    'supervised',
    'notices',
    'extensions',
    'cluesReferred',
    'cluesAcceptedInTime',
    'cluesClosedInTime',
    'tasks',
    'tasksDoneOnTime',
  ];
  sum.columns = keys.map((k) => ({ header: t(ctx, `workbook.sum.${k}`), key: k, width: k === 'unit' ? 26 : 12 }));
  sum.getRow(1).font = { bold: true };
  for (const u of yearFigures(facts, year, ctx.today).sort((a, b) =>
    (orgs.get(a.orgId) ?? '').localeCompare(orgs.get(b.orgId) ?? '', 'zh'),
  )) {
    sum.addRow({
      ...u,
      unit: orgs.get(u.orgId),
      onTimeRate: u.onTimeRate === null ? '' : u.onTimeRate / 100,
      rectifiedRate: u.rectifiedRate === null ? '' : u.rectifiedRate / 100,
    });
  }
  for (const k of ['onTimeRate', 'rectifiedRate']) sum.getColumn(k).numFmt = '0.0%';
}
