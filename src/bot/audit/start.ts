// At each start: the audit chain's key from the configuration (a warning when it is the generated
// sandbox key), the chain started if this database has none (rows from before it are linked once),
// and — only when an office configured LIANDONG_AUDIT_KEEP_MONTHS — the rows older than that removed
// from the chain's start (网络安全法 第二十一条: not under six months; the default keeps them all).
import { type AuditSettings, loadAuditKey, readAuditSettings } from '../../config/audit-settings.js';
import { addMonthsClamped, shanghaiDate, shanghaiInstant } from '../../domain/civil-date.js';
import { chainHead, purgeBefore } from '../../store/audit-chain.js';
import { useAuditKey } from '../../store/audit-key.js';
import { type Ctx, t } from '../core/context.js';

function settingsOf(ctx: Ctx): AuditSettings {
  return (
    ctx.services.config.audit ?? readAuditSettings({ get: (n) => process.env[n]?.trim() || undefined, problems: [] })
  );
}

export async function startAudit(ctx: Ctx): Promise<void> {
  const settings = settingsOf(ctx);
  const key = loadAuditKey(settings);
  useAuditKey(key);
  // the file's place only, never the key
  if (key.defaulted) ctx.services.log.warn(t(ctx, 'audit.key_default', { file: key.source }));
  const { note } = await chainHead(ctx.tx, ctx.now);
  if (note) ctx.audits.push(note);
  if (settings.keepMonths) {
    const before = shanghaiInstant(addMonthsClamped(shanghaiDate(ctx.now), -settings.keepMonths));
    const removed = await purgeBefore(ctx.tx, before, ctx.now);
    if (removed)
      ctx.audits.push({
        actor: 'system',
        action: 'audit.purge',
        detail: { removed, before: before.toISOString(), keepMonths: settings.keepMonths },
        at: ctx.now,
      });
  }
}
