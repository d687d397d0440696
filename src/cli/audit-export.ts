// `liandong audit export`: the audit rows of a period (one person's, one matter's) as a workbook for
// the assessor or the office's 保密 officer. The first sheet is the chain's verification result; the
// second lists each row: its place in the chain, the time, who, what (in words and as the code), the
// matter's code and the row's short codes. Restricted content never reaches an audit row, and the
// export writes codes and actions only (detail values cut short).
import type ExcelJS from 'exceljs';
import { actionName, reportLines } from '../bot/audit/report.js';
import type { Prompts } from '../bot/core/prompts.js';
import { workbookFile } from '../bot/ledger/workbook-writer.js';
import { formatShanghai } from '../domain/civil-date.js';
import { type AuditFilter, auditRows, type ChainReport } from '../store/audit-read.js';
import type { Tx } from '../store/tx.js';

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/** A row's detail as short key=value pairs: codes, verdicts, counts — never a sentence. */
export function detailText(detail: string): string {
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return '';
  }
  return Object.entries(d)
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k}=${String(v).slice(0, 24)}`)
    .join('；');
}

export interface ExportScope {
  /** the filter in words, for the first sheet */
  words: string;
  filter: AuditFilter;
}

function resultSheet(wb: Writer, p: Prompts, report: ChainReport, scope: ExportScope, rows: number, at: Date) {
  const ws = wb.addWorksheet('校验结果');
  ws.columns = [{ width: 18 }, { width: 100 }];
  const line = (a: string, b: string | number) => ws.addRow([a, b]).commit();
  line('审计链校验', reportLines(p, report).join('\n'));
  line('结论', report.problem ? '不通过：审计记录被改动、删除或插入过' : '通过');
  line('核对时间', formatShanghai(at));
  line('核对范围', `全链第 ${report.from} 条起共 ${report.checked} 条（表中共 ${report.total} 条）`);
  line('链头', report.head ? `第 ${report.head.seq} 条 SM3 ${report.head.hash}` : '—');
  line('导出范围', scope.words);
  line('导出条数', rows);
  line('算法', 'SM3 链接（GB/T 32905-2016），HMAC-SM3（密钥保存在数据库以外）');
  ws.commit();
}

export async function writeAuditWorkbook(
  file: string,
  db: Tx,
  p: Prompts,
  report: ChainReport,
  scope: ExportScope,
  at: Date,
): Promise<number> {
  const rows = await auditRows(db, scope.filter);
  await workbookFile(file, async (wb) => {
    resultSheet(wb, p, report, scope, rows.length, at);
    const ws = wb.addWorksheet('审计记录', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '链序号', width: 8 },
      { header: '时间', width: 18 },
      { header: '操作人', width: 28 },
      { header: '动作', width: 24 },
      { header: '动作代码', width: 22 },
      { header: '事项编号', width: 16 },
      { header: '说明（代码）', width: 40 },
    ];
    for (const r of rows)
      ws.addRow([
        r.chainSeq ?? '未入链',
        formatShanghai(r.at),
        r.actor,
        actionName(p, r.action),
        r.action,
        r.subject ?? '',
        detailText(r.detail),
      ]).commit();
    ws.commit();
  });
  return rows.length;
}
