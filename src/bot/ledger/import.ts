// 导入: an office's existing ledger of open recommendations (the template is in the README:
// 编号, 文号, 被建议单位, 标题, 送达日期, 回复期限, 状态; the usual other names of each column are
// read too; a title row above the header, as the bot's own export has, is passed over). Every row is
// checked first; one bad row and nothing is written. Imported matters keep their codes, get their
// deadlines computed and their reminders planned. The file is read as a stream within bounds
// (workbook-reader.ts).

import { IMPORT_LIMITS, readSheet } from '../../documents/workbook-reader.js';
import { readCivilDate } from '../../domain/civil-date.js';
import { normalizeCode } from '../../domain/codes.js';
import { matchOrg } from '../../domain/org-match.js';
import { formatPeriod, readPeriod } from '../../domain/period.js';
import { textProblem } from '../../domain/text.js';
import { type Ctx, t } from '../core/context.js';

const HEADERS: Record<string, string[]> = {
  code: ['编号', '建议编号', '案号'],
  // 文号 (某检行建〔2026〕3号) is the office's own number, kept beside the code; not the code
  docNumber: ['文号', '建议文号', '发文字号'],
  org: ['被建议单位', '责任单位', '单位', '被建议机关', '整改单位'],
  title: ['标题', '建议标题', '名称', '检察建议', '事项'],
  served: ['送达日期', '送达日', '送达时间', '发出日期'],
  // not 整改期限: that is a 正在整改 reply's expected date, not the period to reply in
  period: ['回复期限', '期限', '办理期限', '答复期限'],
  // 整改状态 last: in the bot's own export it is the latest reply's (正在整改 …), beside 状态
  status: ['状态', '办理状态', '整改状态'],
};
const REQUIRED = ['org', 'title', 'served'];
const OPEN_WORDS = ['', '待反馈', '未反馈', '未回复', '待回复', '办理中', '未办结'];
const CODE = /^(JY|SQ)-(\d{4})-(\d{3,})$/;

export interface ImportRow {
  line: number;
  code?: string;
  kind: 'recommendation' | 'pil_recommendation';
  orgId: string;
  orgName: string;
  title: string;
  served: string;
  period?: string;
  docNumber?: string;
}

/** The units a row's 单位 is matched against. */
type Orgs = Awaited<ReturnType<Ctx['services']['roster']['orgs']>>;

/** What each row is checked against: the codes taken (in the database, by earlier rows), the units, those with a group. */
interface RowChecks {
  existing: Set<string>;
  /** codes of the rows read so far, with their line */
  seen: Map<string, number>;
  orgs: Orgs;
  /** the agencies that have a bound group */
  groups: Set<string | null>;
}

/**
 * Reads and checks a workbook: the rows to import, or every problem (第 N 行「列」：…).
 * `existing` are the codes already in the database.
 */
export async function readLedger(
  ctx: Ctx,
  bytes: Buffer,
  existing: Set<string>,
): Promise<{ rows: ImportRow[]; errors: string[] }> {
  const sheet = await readSheet(bytes, t(ctx, 'workbook.sheet.recommendation'), namesARequiredColumn);
  if ('refused' in sheet) {
    const limits = { ...IMPORT_LIMITS, rows: IMPORT_LIMITS.rows.toLocaleString('en-US') };
    return { rows: [], errors: [t(ctx, `workbook.error.${sheet.refused}`, limits)] };
  }
  const col = columnsOf(sheet.header);
  const missing = REQUIRED.filter((k) => !(k in col));
  if (missing.length)
    return {
      rows: [],
      errors: [
        t(ctx, 'workbook.error.columns', {
          line: sheet.headerLine,
          columns: missing.map((k) => HEADERS[k]![0]).join('、'),
        }),
      ],
    };
  const orgs = await ctx.services.roster.orgs(ctx.tx);
  const groups = new Set((await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency' })).map((b) => b.orgId));
  const checks: RowChecks = { existing, seen: new Map(), orgs, groups };
  const rows: ImportRow[] = [];
  const errors: string[] = [];
  for (const r of sheet.rows) {
    // a formula, an error value or an overlong text is named cell by cell, before anything else
    const cellProblems = Object.entries(col).filter(([, n]) => r.problems.has(n));
    if (cellProblems.length) {
      for (const [k, n] of cellProblems)
        errors.push(
          t(ctx, 'workbook.error.cell', {
            line: r.line,
            column: HEADERS[k]![0]!,
            problem: t(ctx, `workbook.error.${r.problems.get(n)}`, { max: IMPORT_LIMITS.cellChars }),
          }),
        );
      continue;
    }
    const raw = Object.fromEntries(Object.keys(HEADERS).map((k) => [k, k in col ? (r.cells.get(col[k]!) ?? '') : '']));
    if (Object.values(raw).every((v) => !v)) continue; // nothing in the ledger's columns
    const checked = checkRow(ctx, r.line, raw, checks);
    if ('problems' in checked) errors.push(...checked.problems);
    else rows.push(checked.row);
  }
  if (!rows.length && !errors.length) errors.push(t(ctx, 'workbook.error.empty'));
  return { rows, errors };
}

/** The header row is the first that names one of the required columns (被建议单位, 标题, 送达日期 or another name of one). */
function namesARequiredColumn(cells: Map<number, string>): boolean {
  return [...cells.values()].some((text) => REQUIRED.some((k) => HEADERS[k]!.includes(text.replace(/\s+/g, ''))));
}

/**
 * Which column holds each of the ledger's keys, by the header's words: the first of a key's names that
 * a column has wins (状态 before 整改状态, whatever their order in the sheet).
 */
function columnsOf(header: Map<number, string>): Record<string, number> {
  const byWord = new Map<string, number>();
  for (const [n, text] of header) {
    const word = text.replace(/\s+/g, '');
    if (!byWord.has(word)) byWord.set(word, n);
  }
  const col: Record<string, number> = {};
  for (const [key, names] of Object.entries(HEADERS)) {
    const name = names.find((w) => byWord.has(w));
    if (name) col[key] = byWord.get(name)!;
  }
  return col;
}

/** One row's cells checked: the row to import, or its problems (第 N 行「列」：…). */
function checkRow(
  ctx: Ctx,
  line: number,
  raw: Record<string, string>,
  { existing, seen, orgs, groups }: RowChecks,
): { row: ImportRow } | { problems: string[] } {
  const problems: string[] = [];
  const say = (k: string, key: string, fields: Record<string, string | number> = {}) =>
    problems.push(t(ctx, 'workbook.error.cell', { line, column: HEADERS[k]![0]!, problem: t(ctx, key, fields) }));
  const code = normalizeCode(raw.code!);
  if (code) {
    if (!CODE.test(code)) say('code', 'workbook.error.bad_code', { value: raw.code! });
    else if (existing.has(code)) say('code', 'workbook.error.code_exists', { value: code });
    else if (seen.has(code)) say('code', 'workbook.error.code_repeated', { value: code, other: seen.get(code)! });
    else seen.set(code, line);
  }
  const found = raw.org ? matchOrg(raw.org, orgs) : undefined;
  if (!raw.org) say('org', 'workbook.error.required');
  else if (found?.kind !== 'found') say('org', 'workbook.error.org_unknown', { value: raw.org });
  else if (found.org.kind !== 'agency') say('org', 'workbook.error.org_not_agency', { value: found.org.name });
  else if (!groups.has(found.org.id)) say('org', 'workbook.error.org_no_group', { value: found.org.name });
  if (!raw.title) say('title', 'workbook.error.required');
  else if (textProblem(raw.title, { singleLine: true }) || [...raw.title].length > 200)
    say('title', 'workbook.error.title');
  let served: string | undefined;
  if (!raw.served) say('served', 'workbook.error.required');
  else {
    const d = readCivilDate(raw.served);
    if ('error' in d) say('served', 'workbook.error.date', { value: raw.served });
    else if (d.date > ctx.today) say('served', 'workbook.error.date_future', { value: d.date, today: ctx.today });
    else served = d.date;
  }
  if (raw.docNumber && (textProblem(raw.docNumber, { singleLine: true }) || [...raw.docNumber].length > 50))
    say('docNumber', 'workbook.error.doc_number');
  let period: string | undefined;
  if (raw.period) {
    const p = readPeriod(raw.period);
    if ('error' in p) say('period', 'workbook.error.period', { value: raw.period });
    else period = formatPeriod(p.period);
  }
  if (!OPEN_WORDS.includes(raw.status!.replace(/\s+/g, '')))
    say('status', 'workbook.error.status', { value: raw.status! });
  if (problems.length) return { problems };
  return {
    row: {
      line,
      code: code || undefined,
      kind: code.startsWith('SQ') ? 'pil_recommendation' : 'recommendation',
      orgId: found!.kind === 'found' ? found!.org.id : '',
      orgName: found!.kind === 'found' ? found!.org.name : '',
      title: raw.title!,
      served: served!,
      period,
      ...(raw.docNumber ? { docNumber: raw.docNumber } : {}),
    },
  };
}
