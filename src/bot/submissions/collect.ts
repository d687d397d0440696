// What the collector gets at the deadline (and on /报送 汇总): one workbook with a row per unit asked —
// on time, late (by how many days) or not sent, the day, who sent it, the figures item by item (or the
// files' names, or the attendees) — laid out as the ledger's workbooks (sheet.ts); a ZIP of the files
// sent (folders by unit); and a summary in words.
import { readFileSync } from 'node:fs';
import type { Attachment } from '../../chat/messages.js';
import { tablesWorkbook } from '../../documents/tables-workbook.js';
import { daysBetween } from '../../domain/civil-date.js';
import { sentOnTime } from '../../domain/submission.js';
import { keepGenerated, storedFile } from '../../store/files.js';
import type { SubmissionWithReturns } from '../../store/submissions.js';
import { parseJson } from '../../store/tx.js';
import { type Ctx, t } from '../core/context.js';
import type { Sent } from './receive.js';
import { type ZipEntry, zipBytes } from './zip.js';

export interface UnitState {
  orgId: string;
  unit: string;
  state: 'on_time' | 'late' | 'missing';
  firstOn?: string;
  lateDays: number;
  by: string;
  sent: Sent;
}

/** Each unit asked, in the roster's order, with where its sending stands. */
export async function unitStates(ctx: Ctx, s: SubmissionWithReturns): Promise<UnitState[]> {
  const orgs = await ctx.services.roster.orgs(ctx.tx);
  const order = new Map(orgs.map((o, i) => [o.id, i]));
  const out: UnitState[] = [];
  for (const r of [...s.returns].sort((a, b) => (order.get(a.orgId) ?? 0) - (order.get(b.orgId) ?? 0))) {
    const by = r.memberId ? ((await ctx.services.roster.memberById(ctx.tx, r.memberId))?.name ?? '') : '';
    const firstOn = r.firstOn ?? undefined;
    out.push({
      orgId: r.orgId,
      unit: orgs.find((o) => o.id === r.orgId)?.name ?? r.orgId,
      state: !firstOn ? 'missing' : sentOnTime(firstOn, s.dueOn) ? 'on_time' : 'late',
      firstOn,
      lateDays: firstOn && firstOn > s.dueOn ? daysBetween(s.dueOn, firstOn) : 0,
      by,
      sent: parseJson<Sent>(r.content, {}),
    });
  }
  return out;
}

/** The summary line: how many sent on time, late, and who has not sent. */
export function summaryFields(ctx: Ctx, states: UnitState[]) {
  const of = (x: UnitState['state']) => states.filter((u) => u.state === x);
  return {
    total: states.length,
    onTime: of('on_time').length,
    late: of('late').length,
    missing: of('missing').length,
    lateUnits:
      of('late')
        .map((u) => t(ctx, 'submission.late_unit', { unit: u.unit, days: u.lateDays }))
        .join('、') || t(ctx, 'common.none'),
    missingUnits:
      of('missing')
        .map((u) => u.unit)
        .join('、') || t(ctx, 'common.none'),
  };
}

function stateText(ctx: Ctx, u: UnitState): string {
  return t(ctx, `submission.state.${u.state}`, { days: u.lateDays });
}

/** The workbook's one sheet: a row per unit; a late or missing row filled as the ledger fills overdue ones. */
async function workbook(ctx: Ctx, s: SubmissionWithReturns, states: UnitState[]): Promise<Buffer> {
  const items = parseJson<string[]>(s.items, []);
  const col = (k: string) => t(ctx, `submission.col.${k}`);
  const detail = s.content === 'figures' ? items : [col(`content_${s.content}`)];
  const county = countyOf(await ctx.services.roster.orgs(ctx.tx));
  return tablesWorkbook([
    {
      name: t(ctx, 'submission.sheet'),
      title: t(ctx, 'submission.workbook_title', { county, code: s.code, title: s.title, due: s.dueOn }),
      header: [col('seq'), col('unit'), col('state'), col('date'), col('by'), ...detail, col('note')],
      widths: [6, 24, 12, 12, 10, ...detail.map(() => (s.content === 'figures' ? 12 : 36)), 30],
      rows: states.map((u, i) => [
        i + 1,
        u.unit,
        stateText(ctx, u),
        u.firstOn ? { date: u.firstOn } : undefined,
        u.by,
        ...(s.content === 'figures'
          ? items.map((item) => u.sent.values?.[item])
          : [s.content === 'training' ? (u.sent.attendees ?? '') : (u.sent.files ?? []).map((f) => f.name).join('\n')]),
        u.sent.note ?? '',
      ]),
      marked: states.map((u) => u.state !== 'on_time'),
      footer: t(ctx, 'submission.footer'),
    },
  ]);
}

/** 示例县人民检察院 → 示例县 (the title's county), as the ledger's titles say it. */
function countyOf(orgs: ReadonlyArray<{ kind: string; name: string }>): string {
  const p = orgs.find((o) => o.kind === 'procuratorate');
  if (p) return p.name.replace(/(人民检察院|检察院)$/u, '');
  const g = orgs.find((o) => o.kind === 'government');
  return g ? g.name.replace(/(人民政府|政府)$/u, '') : '';
}

/** The files sent, in folders by unit; a name sent twice by one unit gets (2). Undefined when none. */
async function archive(ctx: Ctx, states: UnitState[]): Promise<Buffer | undefined> {
  const entries: ZipEntry[] = [];
  for (const u of states)
    for (const f of u.sent.files ?? []) {
      const stored = await storedFile(ctx.tx, ctx.services.config.filesDir, f.ref);
      if (!stored) continue;
      let name = `${u.unit}/${f.name}`;
      for (let n = 2; entries.some((e) => e.name === name); n++) name = `${u.unit}/(${n})${f.name}`;
      entries.push({ name, bytes: readFileSync(stored.absolutePath) });
    }
  return entries.length ? zipBytes(entries, ctx.now) : undefined;
}

/** The workbook and (when files were sent) the ZIP, kept in the file store, ready to attach. */
export async function collectionFiles(ctx: Ctx, s: SubmissionWithReturns, states: UnitState[]): Promise<Attachment[]> {
  const dir = ctx.services.config.filesDir;
  const files = [
    await keepGenerated(ctx.tx, dir, {
      name: t(ctx, 'submission.file.workbook', { code: s.code }),
      bytes: await workbook(ctx, s, states),
      at: ctx.now,
    }),
  ];
  const zip = await archive(ctx, states);
  if (zip)
    files.push(
      await keepGenerated(ctx.tx, dir, {
        name: t(ctx, 'submission.file.zip', { code: s.code }),
        bytes: zip,
        at: ctx.now,
      }),
    );
  return files;
}
