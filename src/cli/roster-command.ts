// `liandong roster export --out 名册.xlsx` and `liandong roster import --file 名册.xlsx [--dry-run]`:
// the roster as a workbook (单位, 人员, 群聊), as an alternative to the YAML file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config/env.js';
import { RosterError } from '../config/roster.js';
import { rosterFromWorkbook, rosterToWorkbook } from '../config/roster-workbook.js';
import { openDb } from '../store/db.js';
import { transaction } from '../store/lane.js';
import { applyRoster, rosterSnapshot } from '../store/roster.js';
import { type Io, UsageError } from './io.js';

export async function rosterCommand(
  io: Io,
  sub: string | undefined,
  opts: { out?: string; file?: string; dryRun?: boolean },
): Promise<number> {
  const config = readConfig();
  if (sub === 'export') {
    if (!opts.out) throw new UsageError('请用 --out 写明名册工作簿文件，如 --out 名册.xlsx');
    const db = await openDb(config.databaseUrl);
    try {
      const roster = await rosterSnapshot(db);
      writeFileSync(path.resolve(opts.out), await rosterToWorkbook(roster));
      io.out(
        `${path.resolve(opts.out)}：单位 ${roster.orgs.length} 个、人员 ${roster.members.length} 名、群聊 ${roster.chats.length} 个`,
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  if (sub === 'import') {
    if (!opts.file) throw new UsageError('请用 --file 写明名册工作簿，如 --file 名册.xlsx');
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.resolve(opts.file));
    } catch {
      throw new UsageError(`无法读取 ${opts.file}`);
    }
    let roster: Awaited<ReturnType<typeof rosterFromWorkbook>>;
    try {
      roster = await rosterFromWorkbook(bytes, opts.file);
    } catch (e) {
      if (!(e instanceof RosterError)) throw e;
      for (const p of e.problems) io.err(p);
      return 1;
    }
    if (opts.dryRun) {
      io.out(
        `核对无误：单位 ${roster.orgs.length} 个、人员 ${roster.members.length} 名、群聊 ${roster.chats.length} 个；未导入（--dry-run）。`,
      );
      return 0;
    }
    const db = await openDb(config.databaseUrl);
    try {
      await transaction(db, (tx) => applyRoster(tx, roster), { timeout: 120_000, maxWait: 30_000 });
      io.out(
        `已导入名册：单位 ${roster.orgs.length} 个、人员 ${roster.members.length} 名、群聊 ${roster.chats.length} 个`,
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  throw new UsageError(
    '未知的 roster 子命令：可用 liandong roster export --out 名册.xlsx、liandong roster import --file 名册.xlsx',
  );
}
