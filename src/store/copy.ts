// Moving a county's ledger from its SQLite file to an empty PostgreSQL database
// (`liandong db copy --to postgresql://…`). Table by table, parents before children (the
// order is read from the target's foreign keys), every row, in ONE PostgreSQL
// transaction: a copy that fails part-way leaves the target as empty as it was. The
// source is read in one read transaction (a consistent snapshot, even if a bot is still
// writing it). Row counts are compared table by table before the commit.
import { createRequire } from 'node:module';
import pg from 'pg';
import type { Db } from './db.js';

export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
  total: number;
}

export class CopyError extends Error {}

interface SqliteDb {
  prepare(sql: string): { all(...args: unknown[]): unknown[]; get(...args: unknown[]): unknown };
  exec(sql: string): void;
  close(): void;
}

/** Tables in an order where every table comes after the tables its foreign keys point to. */
export function parentsFirst(tables: string[], edges: Array<{ child: string; parent: string }>): string[] {
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new CopyError(`表 ${t} 的外键成环，无法确定复制顺序`);
    state.set(t, 'visiting');
    for (const e of edges) if (e.child === t && e.parent !== t && tables.includes(e.parent)) visit(e.parent);
    state.set(t, 'done');
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}

/** A SQLite value as PostgreSQL's column takes it (instants are text in SQLite, booleans 0/1). */
function convert(value: unknown, pgType: string): unknown {
  if (value === null || value === undefined) return null;
  if (pgType.startsWith('timestamp')) {
    const d = typeof value === 'number' ? new Date(value) : new Date(String(value));
    if (Number.isNaN(d.getTime())) throw new CopyError(`无法识别的时间值 "${String(value).slice(0, 40)}"`);
    return d;
  }
  if (pgType === 'boolean') return value === 1 || value === '1' || value === true || value === 'true';
  if (typeof value === 'bigint') return value.toString();
  return value;
}

type Query = <T extends pg.QueryResultRow>(sql: string, args?: unknown[]) => Promise<T[]>;
type Column = { t: string; c: string; type: string; serial: boolean };

/** Opens both ends: the SQLite file read-only, the PostgreSQL server by its URL. */
async function openEnds(sqliteFile: string, targetUrl: string): Promise<{ src: SqliteDb; target: pg.Client }> {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (
    f: string,
    o: { readonly: boolean; fileMustExist: boolean },
  ) => SqliteDb;
  let src: SqliteDb;
  try {
    src = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new CopyError(`无法打开源数据库 ${sqliteFile}：${String((err as Error)?.message ?? err).slice(0, 200)}`);
  }
  const target = new pg.Client({ connectionString: targetUrl });
  try {
    await target.connect();
  } catch (err) {
    src.close();
    throw new CopyError(
      `无法连接目标 PostgreSQL：${String((err as Error)?.message ?? err).slice(0, 200)}。请检查 --to 地址、服务器是否运行、用户与密码。`,
    );
  }
  return { src, target };
}

/** The target's tables, their foreign keys and columns (the migrated structure the copy fills). */
async function targetStructure(q: Query) {
  const tables = (
    await q<{ t: string }>(
      `SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    )
  ).map((r) => r.t);
  const edges = await q<{ child: string; parent: string }>(
    `SELECT tc.table_name::text AS child, ccu.table_name::text AS parent FROM information_schema.table_constraints tc
     JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
     WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
  );
  const columns = await q<Column>(
    `SELECT table_name::text AS t, column_name::text AS c, data_type::text AS type, coalesce(column_default, '') LIKE 'nextval(%' AS serial
     FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY ordinal_position`,
  );
  return { tables, edges, columns };
}

/** The source must be the same structure (every table and column), and the target empty. */
async function assertCopyable(src: SqliteDb, q: Query, tables: string[], columns: Column[]): Promise<void> {
  const srcTables = new Set(
    (src.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map(
      (r) => r.name,
    ),
  );
  for (const t of tables) {
    if (!srcTables.has(t)) throw new CopyError(`源数据库缺少表 ${t}：请先对源数据库执行 liandong db migrate，再复制`);
    const have = new Set(
      (src.prepare(`PRAGMA table_info("${t}")`).all() as Array<{ name: string }>).map((r) => r.name),
    );
    const missing = columns.filter((c) => c.t === t && !have.has(c.c)).map((c) => c.c);
    if (missing.length)
      throw new CopyError(
        `源数据库的表 ${t} 缺少列 ${missing.join('、')}：请先对源数据库执行 liandong db migrate，再复制`,
      );
  }
  // a copy never mixes two ledgers
  for (const t of tables) {
    const [row] = await q<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`);
    if (Number(row!.n) > 0)
      throw new CopyError(`目标数据库不是空的（表 ${t} 已有 ${row!.n} 行）：请指向一个新建的空数据库`);
  }
}

/** Copies one table in parts of at most 30,000 values, then checks the count; returns its rows. */
async function copyTable(src: SqliteDb, q: Query, t: string, cols: Column[]): Promise<number> {
  const names = cols.map((c) => `"${c.c}"`).join(',');
  const rows = src.prepare(`SELECT ${names} FROM "${t}"`).all() as Array<Record<string, unknown>>;
  const per = Math.max(1, Math.floor(30_000 / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const values: unknown[] = [];
    const tuples = part.map(
      (r) => `(${cols.map((c) => (values.push(convert(r[c.c], c.type)), `$${values.length}`)).join(',')})`,
    );
    await q(`INSERT INTO "${t}" (${names}) VALUES ${tuples.join(',')}`, values);
  }
  // an autoincrement column goes on after the copied numbers
  for (const c of cols.filter((x) => x.serial))
    await q(
      `SELECT setval(pg_get_serial_sequence('"${t}"', '${c.c}'), GREATEST((SELECT max("${c.c}") FROM "${t}"), 1), (SELECT count(*) > 0 FROM "${t}"))`,
    );
  const [copied] = await q<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`);
  if (Number(copied!.n) !== rows.length)
    throw new CopyError(`表 ${t}：源有 ${rows.length} 行，目标写入 ${copied!.n} 行，已撤销复制`);
  return rows.length;
}

export async function copySqliteToPostgres(
  sqliteFile: string,
  targetUrl: string,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<CopyReport> {
  const { src, target } = await openEnds(sqliteFile, targetUrl);
  try {
    const q: Query = async <T extends pg.QueryResultRow>(sql: string, args: unknown[] = []) =>
      (await target.query<T>(sql, args)).rows;
    const { tables, edges, columns } = await targetStructure(q);
    await assertCopyable(src, q, tables, columns);
    const report: CopyReport = { tables: [], total: 0 };
    src.exec('BEGIN'); // one snapshot of the source for the whole copy
    await q('BEGIN');
    try {
      for (const t of parentsFirst(tables, edges)) {
        const rows = await copyTable(
          src,
          q,
          t,
          columns.filter((c) => c.t === t),
        );
        report.tables.push({ table: t, rows });
        report.total += rows;
        onTable(t, rows);
      }
      await q('COMMIT');
    } catch (err) {
      await q('ROLLBACK').catch(() => undefined);
      throw err instanceof CopyError
        ? err
        : new CopyError(`复制失败，目标数据库未写入任何数据：${String((err as Error)?.message ?? err).slice(0, 300)}`);
    } finally {
      src.exec('COMMIT');
    }
    return report;
  } finally {
    src.close();
    await target.end().catch(() => undefined);
  }
}

/** Each table's row count on a database, read back after a copy to check it. */
export async function countRows(db: Db, table: string): Promise<number> {
  const [r] = await db.$queryRawUnsafe<Array<{ n: bigint | number }>>(`SELECT count(*) AS n FROM "${table}"`);
  return Number(r!.n);
}
