// The audit chain's key for this process: set at start from the configuration (src/bot/audit's
// start-up, the command line), else read the same way from the environment the first time a row is
// appended. It is never written to the database nor to a log.
import { type AuditKey, loadAuditKey, readAuditSettings } from '../config/audit-settings.js';
import { keyIdOf } from '../domain/audit-chain.js';

let current: (AuditKey & { id: string }) | undefined;

export function useAuditKey(k: AuditKey): void {
  current = { ...k, id: keyIdOf(k.key) };
}

/** The key rows are linked with now. */
export function auditKey(): AuditKey & { id: string } {
  if (!current) {
    const problems: string[] = [];
    const settings = readAuditSettings({ get: (n) => process.env[n]?.trim() || undefined, problems });
    if (problems.length) throw new Error(problems.join('；'));
    useAuditKey(loadAuditKey(settings));
  }
  return current!;
}
