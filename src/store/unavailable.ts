// Whether an error means the database could not be used at all (down, unreachable, locked past the
// wait, out of connections) — as opposed to a statement it refused. Such a turn is not taken: the
// sender is told to try again (503 数据库暂时不可用), nothing is half done, and a retry is processed.

/** Prisma's codes for a server that cannot be reached or used (P1001 unreachable, P2024 pool timeout …). */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', '53300', '57P01', '57P03']);

const UNAVAILABLE_WORDS =
  /SQLITE_BUSY|database is locked|SQLITE_CANTOPEN|unable to open database|ECONNREFUSED|ECONNRESET|Can't reach database server|too many clients|remaining connection slots|Connection terminated|connection timeout|the database system is (starting up|shutting down)|terminating connection|Timed out fetching a new connection/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (UNAVAILABLE_WORDS.test(String((e as Error).message ?? e))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
