// 台账 as the Excel workbook every office keeps (/导出, `liandong export`): one sheet per kind (检察建议,
// 线索, 任务), each with its own columns (export-rows.ts), and the year's figures per unit from the same
// definitions as /统计 and the digest. Laid out and written by the one ledger writer (workbook-writer.ts).
// A restricted clue's content only for a reader who may see it.
import { isOverdue, type MatterFacts } from '../../domain/figure-definitions.js';
import { yearFigures } from '../../domain/statistics.js';
import { ledgerRecords } from '../../store/ledger.js';
import { ledgerDetails } from '../../store/matters.js';
import { type Ctx, t } from '../core/context.js';
import { clueRow, type ExportScope, type RowSources, recommendationRow, taskRow } from './export-rows.js';
import { countyOf, ledgerSheet, SHEETS, workbookBytes } from './workbook-writer.js';

export type { ExportScope } from './export-rows.js';

type Writer = Parameters<Parameters<typeof workbookBytes>[0]>[0];

/** The kinds with a sheet of their own, each with its row. */
const KIND_SHEETS = [
  { sheet: 'recommendation', kinds: ['recommendation', 'pil_recommendation'], row: recommendationRow },
  { sheet: 'clue', kinds: ['clue'], row: clueRow },
  { sheet: 'task', kinds: ['task'], row: taskRow },
] as const;

/** The ledger workbook of the matters in scope, and how many of each kind it lists. */
export async function ledgerWorkbook(
  ctx: Ctx,
  facts: MatterFacts[],
  scope: ExportScope,
): Promise<{ bytes: Buffer; counts: Record<string, number> }> {
  const inScope = facts
    .filter((m) => !scope.year || Number(m.servedOn.slice(0, 4)) === scope.year)
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const roster = await ctx.services.roster.orgs(ctx.tx);
  const orgs = new Map(roster.map((o) => [o.id, o.name]));
  const details = await ledgerDetails(
    ctx.tx,
    inScope.map((m) => m.code),
  );
  const records = await ledgerRecords(
    ctx.tx,
    [...details.values()].map((d) => d.id),
  );
  const sources: RowSources = { orgs, details, records, scope };
  const county = countyOf(roster);
  const titleScope = scope.year ? t(ctx, 'workbook.year', { year: scope.year }) : t(ctx, 'workbook.all');
  // 统计: the year's figures per unit (the year asked for, or this one)
  const year = scope.year ?? Number(ctx.today.slice(0, 4));
  const counts: Record<string, number> = {};
  const bytes = await workbookBytes(async (wb) => {
    for (const { sheet, kinds, row } of KIND_SHEETS) {
      const ws = ledgerSheet(ctx, wb, {
        name: t(ctx, `workbook.sheet.${sheet}`),
        title: t(ctx, `workbook.title.${sheet}`, { county, scope: titleScope }),
        columns: SHEETS[sheet],
      });
      for (const m of inScope)
        if ((kinds as readonly string[]).includes(m.kind)) ws.add(row(ctx, m, sources), isOverdue(m, ctx.today));
      counts[sheet] = ws.count;
      await ws.commit();
    }
    await summarySheet(ctx, wb, { facts, year, orgs, county });
  });
  return { bytes, counts };
}

/** 统计: the year's figures per unit, in the order of their names. */
async function summarySheet(
  ctx: Ctx,
  wb: Writer,
  { facts, year, orgs, county }: { facts: MatterFacts[]; year: number; orgs: Map<string, string>; county: string },
): Promise<void> {
  const ws = ledgerSheet(ctx, wb, {
    name: t(ctx, 'workbook.sheet.summary', { year }),
    title: t(ctx, 'workbook.title.summary', { county, year }),
    columns: SHEETS.summary,
    figures: true,
  });
  const name = (id: string) => orgs.get(id) ?? '';
  for (const u of yearFigures(facts, year, ctx.today).sort((a, b) => name(a.orgId).localeCompare(name(b.orgId), 'zh')))
    ws.add({
      ...u,
      unit: name(u.orgId),
      onTimeRate: u.onTimeRate === null ? '' : u.onTimeRate / 100,
      rectifiedRate: u.rectifiedRate === null ? '' : u.rectifiedRate / 100,
    });
  await ws.commit();
}
