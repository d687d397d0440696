// `liandong db copy --to postgresql://…`: a county's SQLite ledger into an empty
// PostgreSQL database (src/store/copy.ts), the target migrated first, counts compared after.
import { existsSync } from 'node:fs';
import { readConfig } from '../config/env.js';
import { CopyError, copySqliteToPostgres, countRows } from '../store/copy.js';
import { isPostgresUrl, redactUrl } from '../store/database-url.js';
import { migrateDeploy, migrationState, openDb } from '../store/db.js';
import { sqliteFileFromUrl } from '../store/sqlite-file.js';
import { type Io, UsageError } from './io.js';

export async function dbCopyCommand(io: Io, opts: { to?: string; from?: string }): Promise<number> {
  if (!opts.to)
    throw new UsageError(
      '缺少 --to：请写目标 PostgreSQL 地址，如 --to postgresql://liandong:密码@127.0.0.1:5432/liandong',
    );
  if (!isPostgresUrl(opts.to))
    throw new UsageError(`--to 应为 postgresql:// 开头的地址，收到 "${opts.to.split(':')[0]}:…"`);
  const from = opts.from ?? readConfig().databaseUrl;
  if (isPostgresUrl(from))
    throw new UsageError('源数据库已是 PostgreSQL：db copy 只从 SQLite 文件复制（可用 --from file:路径 指定）');
  const file = sqliteFileFromUrl(from);
  if (!existsSync(file)) throw new UsageError(`源数据库文件不存在：${file}（可用 --from file:路径 指定）`);

  // the source must be at the newest structure (the target is migrated to it)
  const source = await openDb(`file:${file}`);
  try {
    const state = await migrationState(source);
    if (state.pending.length || state.failed.length)
      throw new UsageError(
        `源数据库还有 ${state.pending.length + state.failed.length} 个迁移未完成：请先执行 liandong db migrate（DATABASE_URL=file:${file}），再复制`,
      );
  } finally {
    await source.$disconnect();
  }
  const where = redactUrl(opts.to);
  io.out(`目标数据库：${where}，正在迁移到最新结构…`);
  await migrateDeploy(opts.to);
  io.out(`从 ${file} 复制：`);
  try {
    const report = await copySqliteToPostgres(file, opts.to, (table, rows) => io.out(`  ${table}：${rows} 行`));
    // read back after the commit: each table as many rows as the source
    const target = await openDb(opts.to);
    try {
      for (const { table, rows } of report.tables) {
        const n = await countRows(target, table);
        if (n !== rows) throw new CopyError(`核对不符：表 ${table} 源有 ${rows} 行，目标有 ${n} 行`);
      }
    } finally {
      await target.$disconnect();
    }
    io.out(`完成：${report.tables.length} 张表、${report.total} 行，逐表核对行数一致。`);
    io.out(`改用 PostgreSQL：把 .env 中的 DATABASE_URL 改为 ${where} 后重新启动。`);
    return 0;
  } catch (err) {
    if (err instanceof CopyError) {
      io.err(`复制未完成：${err.message}`);
      return 1;
    }
    throw err;
  }
}
