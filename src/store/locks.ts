// Transaction-scoped advisory locks (PostgreSQL): work that must not run at the same time
// in two processes waits here, and the lock ends with the transaction. On SQLite one
// process writes and transactions run one at a time already: nothing to do.

import { raw } from './lane.js';
import { isPostgres } from './sql.js';
import type { Tx } from './tx.js';

/** Takes the named locks, in the order given, until the transaction ends. */
export async function holdLocks(tx: Tx, names: string[]): Promise<void> {
  if (!isPostgres(tx)) return;
  for (const name of names)
    await raw(tx).all(`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS l`, name);
}
