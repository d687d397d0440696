// `liandong export --out FILE.xlsx [--year 2026|all]` and `liandong import --file FILE.xlsx
// [--dry-run]`: the ledger workbook from and into the database, as /导出 and /导入 do.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../bot/core/context.js';
import { ledgerWorkbook } from '../bot/ledger/export.js';
import { checkedRows, importRows } from '../bot/ledger/import-command.js';
import { readConfig } from '../config/env.js';
import { MAX_YEAR, MIN_YEAR, yearSupported } from '../domain/civil-date.js';
import { appendAudits } from '../store/audit.js';
import { openDb } from '../store/db.js';
import { transaction } from '../store/lane.js';
import { matterFacts } from '../store/statistics.js';
import { databaseNow } from './clock.js';
import { cliCtx } from './context.js';
import { type Io, UsageError } from './io.js';

/** `now`: the moment to work at; by default the database's clock (the sandbox's simulated time, or now). */
export async function exportCommand(io: Io, opts: { out?: string; year?: string }, now?: Date): Promise<number> {
  if (!opts.out) throw new UsageError('请用 --out 写明工作簿文件，如 --out 台账.xlsx');
  const year =
    !opts.year || /^(all|全部)$/i.test(opts.year) ? undefined : /^\d{4}$/.test(opts.year) ? Number(opts.year) : NaN;
  if (Number.isNaN(year)) throw new UsageError(`--year 应为四位年份或 all，收到 "${opts.year}"`);
  // the years /导出 and /统计 accept
  if (year !== undefined && !yearSupported(year))
    throw new UsageError(`--year 超出范围：只支持 ${MIN_YEAR}–${MAX_YEAR} 年，收到 "${opts.year}"`);
  const config = readConfig();
  const db = await openDb(config.databaseUrl);
  try {
    const ctx = cliCtx(config, db, now ?? (await databaseNow(config, db, io)));
    // no person runs it: a restricted clue's content stays out of the file
    const { bytes, counts } = await ledgerWorkbook(ctx, await matterFacts(db, config.databaseFile), {
      year,
      mayRead: () => false,
    });
    writeFileSync(path.resolve(opts.out), bytes);
    io.out(
      `${path.resolve(opts.out)}：检察建议 ${counts.recommendation} 件、线索 ${counts.clue} 件、任务 ${counts.task} 件`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

export async function importCommand(io: Io, opts: { file?: string; dryRun?: boolean }, now?: Date): Promise<number> {
  if (!opts.file) throw new UsageError('请用 --file 写明要导入的台账，如 --file 台账.xlsx');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.resolve(opts.file));
  } catch {
    throw new UsageError(`无法读取 ${opts.file}`);
  }
  const config = readConfig();
  const db = await openDb(config.databaseUrl);
  try {
    const at = now ?? (await databaseNow(config, db, io));
    // all or nothing, in one transaction
    return await transaction(
      db,
      async (tx) => {
        const ctx = cliCtx(config, tx as never, at);
        let rows: Awaited<ReturnType<typeof checkedRows>>;
        try {
          rows = await checkedRows(ctx, bytes);
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          io.err(ctx.services.prompts.render(e.key, e.fields));
          return 1;
        }
        if (opts.dryRun) {
          io.out(`核对无误，共 ${rows.length} 条；未导入（--dry-run）。`);
          return 0;
        }
        const codes = await importRows(ctx, rows, 'inline');
        await appendAudits(tx as never, ctx.audits);
        io.out(`已导入 ${codes.length} 件：${codes.join('、')}`);
        return 0;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } finally {
    await db.$disconnect();
  }
}
