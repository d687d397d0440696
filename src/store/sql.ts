// Small helpers for the few hot-path statements written in SQL (portable between
// SQLite and PostgreSQL: quoted identifiers, ON CONFLICT, no engine-specific functions).
import { randomBytes } from 'node:crypto';

/** Is this client (or a transaction of it) on PostgreSQL? The few hand-written statements that differ ask. */
export function isPostgres(db: unknown): boolean {
  return (db as { _activeProvider?: string })._activeProvider === 'postgresql';
}

/**
 * The placeholder of an instant where its type cannot be read from a column (a CASE
 * branch): PostgreSQL would take the text for text; SQLite stores instants as text.
 */
export function timePlaceholder(db: unknown): string {
  return isPostgres(db) ? 'CAST(? AS TIMESTAMP(3))' : '?';
}

/** An instant as Prisma stores DateTime in SQLite text columns: 2026-11-23T01:30:00.000+00:00. */
export function sqlTime(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/** A value for a hand-written statement: instants as sqlTime, undefined as NULL (the lane turns booleans into SQLite's 0/1). */
export function sqlValue(v: unknown): unknown {
  return v instanceof Date ? sqlTime(v) : v === undefined ? null : v;
}

let counter = 0;
// random bytes drawn 4 KiB at a time: one call to the system's generator per ~800 ids, not per id
let pool = Buffer.alloc(0);
let used = 0;
function random5(): string {
  if (used + 5 > pool.length) {
    pool = randomBytes(4095);
    used = 0;
  }
  used += 5;
  return pool.toString('hex', used - 5, used);
}

/**
 * A row id that sorts in creation order within this process (time, then a counter), so
 * rows written in one turn with the same timestamp keep their order (a chat's messages).
 */
export function orderedId(): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  return `${Date.now().toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${random5()}`;
}

const placeholderText = new Map<number, string>();
/** `(?,?,?),(?,?,?)` for `rows` rows of `columns` values (the same text each time: the lane keeps the statement prepared). */
export function placeholders(rows: number, columns: number): string {
  const key = rows * 1000 + columns;
  let text = placeholderText.get(key);
  if (text === undefined) {
    const one = `(${Array.from({ length: columns }, () => '?').join(',')})`;
    text = Array.from({ length: rows }, () => one).join(',');
    if (placeholderText.size < 2000) placeholderText.set(key, text);
  }
  return text;
}

/** Splits rows so that one statement stays well under SQLite's 32,766 parameters. */
export function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(8000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
