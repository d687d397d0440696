// `liandong assess --year 2026 --out DIR`: the year's assessment (考核) of each 政府工作部门 under the
// rubric (LIANDONG_ASSESSMENT), read from the database as /考核 computes it: 年度考核-2026.xlsx (the score
// table and the 计分依据 naming the matters behind each item) and 年度考核结果-2026.docx.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assessmentDocument, assessmentWorkbook, fileNames } from '../bot/assessment/files.js';
import { assess, pointsText } from '../bot/assessment/service.js';
import { UserError } from '../bot/core/context.js';
import { readConfig } from '../config/env.js';
import { shanghaiDate } from '../domain/civil-date.js';
import { openDb } from '../store/db.js';
import { databaseNow } from './clock.js';
import { cliCtx } from './context.js';
import { type Io, UsageError } from './io.js';

export async function assessCommand(io: Io, opts: { year?: string; out?: string }, now?: Date): Promise<number> {
  if (!opts.year || !/^\d{4}$/.test(opts.year) || Number(opts.year) < 2000 || Number(opts.year) > 2099)
    throw new UsageError(`--year 应为 2000–2099 的四位年份，如 --year 2026，收到 "${opts.year ?? ''}"`);
  const year = Number(opts.year);
  const config = readConfig();
  const db = await openDb(config.databaseUrl);
  try {
    const at = now ?? (await databaseNow(config, db, io));
    const ctx = cliCtx(config, db, at, shanghaiDate(at));
    if (year > Number(ctx.today.slice(0, 4))) throw new UsageError(`${year}年还没有到（今天是 ${ctx.today}）`);
    let a: Awaited<ReturnType<typeof assess>>;
    try {
      a = await assess(ctx, year);
    } catch (e) {
      // a broken rubric: the same words as /考核, nothing written
      if (e instanceof UserError) {
        io.err(ctx.services.prompts.render(e.key, e.fields));
        return 1;
      }
      throw e;
    }
    const dir = path.resolve(opts.out ?? '.');
    mkdirSync(dir, { recursive: true });
    const names = fileNames(ctx, a);
    const workbook = path.join(dir, names.workbook);
    const document = path.join(dir, names.document);
    writeFileSync(workbook, await assessmentWorkbook(ctx, a));
    writeFileSync(document, await assessmentDocument(ctx, a));
    for (const u of a.units) io.out(`${u.rank ?? '—'}\t${u.unit}\t${pointsText(ctx, u.total)}`);
    io.out(workbook);
    io.out(document);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
