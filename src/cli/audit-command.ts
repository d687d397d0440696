// `liandong audit verify [--quick]` and `liandong audit export --from … --to … [--actor …] [--matter …]
// --out 审计.xlsx`: the audit chain walked (the first row changed, removed or inserted is named; exit 1),
// and the audit rows of a period as a workbook with the verification on its first sheet.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { reportLines } from '../bot/audit/report.js';
import { loadPrompts } from '../bot/core/prompts.js';
import { loadAuditKey } from '../config/audit-settings.js';
import { readConfig } from '../config/env.js';
import { addDays, readCivilDate, shanghaiInstant } from '../domain/civil-date.js';
import { normalizeCode } from '../domain/codes.js';
import { appendAudits } from '../store/audit.js';
import { useAuditKey } from '../store/audit-key.js';
import { verifyChain } from '../store/audit-read.js';
import { openDb } from '../store/db.js';
import { transaction } from '../store/lane.js';
import { writeAuditWorkbook } from './audit-export.js';
import { type Io, UsageError } from './io.js';

export interface AuditOptions {
  quick?: boolean;
  from?: string;
  to?: string;
  actor?: string;
  matter?: string;
  out?: string;
}

function civil(name: string, text: string | undefined) {
  if (text === undefined) return undefined;
  const r = readCivilDate(text);
  if ('error' in r) throw new UsageError(`${name} 应写成 YYYY-MM-DD（2000–2099 年），收到 "${text}"`);
  return r.date;
}

async function openWithKey() {
  const config = readConfig();
  useAuditKey(loadAuditKey(config.audit!));
  return openDb(config.databaseUrl);
}

export async function auditCommand(io: Io, sub: string | undefined, o: AuditOptions): Promise<number> {
  if (sub !== 'verify' && sub !== 'export')
    throw new UsageError('未知的 audit 子命令：可用 liandong audit verify、liandong audit export --out 审计.xlsx');
  const from = civil('--from', o.from);
  const to = civil('--to', o.to);
  if (sub === 'export' && !o.out) throw new UsageError('请用 --out 写明导出文件，如 --out 审计.xlsx');
  if (from && to && from > to) throw new UsageError(`--from ${from} 晚于 --to ${to}`);
  const prompts = loadPrompts();
  const db = await openWithKey();
  try {
    const report = await verifyChain(db, o.quick ? { lastRows: 200 } : {});
    if (sub === 'verify') {
      for (const line of reportLines(prompts, report, o.quick)) (report.problem ? io.err : io.out)(line);
      return report.problem ? 1 : 0;
    }
    const matter = o.matter ? normalizeCode(o.matter) : undefined;
    const words = [
      from || to ? `${from ?? '最早'} 至 ${to ?? '最近'}` : '全部时间',
      o.actor ? `操作人含“${o.actor}”` : '',
      matter ? `事项 ${matter}` : '',
    ].filter(Boolean);
    const file = path.resolve(o.out!);
    const now = new Date();
    const filter = {
      from: from ? shanghaiInstant(from) : undefined,
      to: to ? shanghaiInstant(addDays(to, 1)) : undefined,
      actor: o.actor,
      subject: matter,
    };
    const n = await writeAuditWorkbook(file, db, prompts, report, { words: words.join('，'), filter }, now);
    // the export itself is an audited action (who took the audit out of the system, and what part of it)
    await transaction(db, (tx) =>
      appendAudits(tx, [
        {
          actor: `命令行（${userInfo().username}）`,
          action: 'audit.export',
          subject: matter,
          detail: { rows: n },
          at: now,
        },
      ]),
    );
    io.out(`已导出 ${n} 条审计记录：${file}`);
    // the file is written either way: the verdict is its first sheet
    for (const line of reportLines(prompts, report)) (report.problem ? io.err : io.out)(line);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

/** doctor's quick check: the key (where it is kept) and the latest 200 rows of the chain. */
export async function auditChecks(
  config: ReturnType<typeof readConfig>,
  db: Parameters<typeof verifyChain>[0],
): Promise<Array<{ level: 'ok' | 'warn' | 'fail'; label: string; detail: string }>> {
  const s = config.audit!;
  if (!s.keyHex && !s.keyFile && !existsSync(s.defaultFile))
    return [
      {
        level: 'warn',
        label: '审计链',
        detail: '未设置审计密钥（LIANDONG_AUDIT_KEY_FILE）：首次启动时在 data/ 下生成试用密钥',
      },
    ];
  let key: ReturnType<typeof loadAuditKey>;
  try {
    key = loadAuditKey(s);
  } catch (e) {
    return [{ level: 'fail', label: '审计密钥', detail: (e as Error).message }];
  }
  useAuditKey(key);
  const keyCheck = key.defaulted
    ? {
        level: 'warn' as const,
        label: '审计密钥',
        detail: `试用密钥 ${key.source}（与数据库同在本机）：正式使用请设置 LIANDONG_AUDIT_KEY_FILE，并另行备份`,
      }
    : {
        level: 'ok' as const,
        label: '审计密钥',
        detail: `已配置（${key.source === 'LIANDONG_AUDIT_KEY' ? '环境变量' : key.source}）`,
      };
  const report = await verifyChain(db, { lastRows: 200 });
  const lines = reportLines(loadPrompts(), report, true).join(' ');
  return [keyCheck, { level: report.problem ? 'fail' : 'ok', label: '审计链', detail: lines }];
}
