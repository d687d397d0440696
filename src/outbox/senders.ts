// The senders of a running process, one election per platform (./leader.ts): on PostgreSQL,
// several processes may share the database; on SQLite the one process always sends.
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { Db } from '../store/db.js';
import { isPostgres } from '../store/sql.js';
import { AdvisoryLeadership } from './leader.js';

/** PostgreSQL: several processes may share the database; one of them (elected per platform) sends. */
export function sendersOf(db: Db, config: Config, log: Logger) {
  const senders = new Map<string, AdvisoryLeadership>();
  // one election per platform, asked for by the outbox and by an exclusive platform's connection alike
  const leadership = isPostgres(db)
    ? (platform: string) => {
        let l = senders.get(platform);
        if (!l) senders.set(platform, (l = new AdvisoryLeadership(config.databaseUrl, log, platform)));
        return l;
      }
    : undefined;
  return {
    leadership,
    start: () => {
      for (const l of senders.values()) l.start();
    },
    stop: () => Promise.all([...senders.values()].map((l) => l.stop())),
  };
}
