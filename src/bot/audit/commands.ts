// /审计 编号: for an admin, in a direct chat — who did what to one matter, and who read a restricted
// clue's content (each reading is a clue.read row). The rows carry codes and actions, never content.
import { formatShanghai } from '../../domain/civil-date.js';
import { normalizeCode } from '../../domain/codes.js';
import { auditFor } from '../../store/audit.js';
import { verifyChain } from '../../store/audit-read.js';
import { audit, reply, t, UserError } from '../core/context.js';
import type { CommandSpec } from '../core/spec.js';
import { actionName } from './report.js';

/** The most rows one answer lists (the latest); the export has them all. */
const MAX_LINES = 40;

export const auditCommand: CommandSpec = {
  id: 'audit',
  names: ['审计', 'audit'],
  allow: ['admin'],
  async run(ctx, cmd) {
    const raw = cmd.positional[0];
    if (!raw) throw new UserError('error.missing_code', { usage: t(ctx, 'audit.usage') });
    const code = normalizeCode(raw);
    if (!ctx.services.syntax.isMatterCode(code))
      throw new UserError('error.bad_code', { value: raw, usage: t(ctx, 'audit.usage') });
    if (!ctx.incoming!.isDirect) return reply(ctx, 'audit.direct_only', { code });
    const rows = await auditFor(ctx.tx, code);
    audit(ctx, 'audit.view', code);
    if (!rows.length) return reply(ctx, 'audit.none', { code });
    const line = (r: (typeof rows)[number]) =>
      t(ctx, 'audit.line', {
        time: formatShanghai(r.at),
        actor: r.actor,
        action: actionName(ctx.services.prompts, r.action),
      });
    const shown = rows.slice(-MAX_LINES).map(line);
    if (rows.length > MAX_LINES) shown.unshift(t(ctx, 'audit.more', { n: rows.length - MAX_LINES, code }));
    const reads = rows.filter((r) => r.action === 'clue.read');
    const chain = await verifyChain(ctx.tx, { lastRows: 200 });
    reply(ctx, 'audit.text', {
      code,
      count: rows.length,
      chain: t(ctx, chain.problem ? 'audit.chain_bad' : 'audit.chain_ok'),
      lines: shown.join('\n'),
      reads: reads.length
        ? t(ctx, 'audit.reads', { count: reads.length, lines: reads.map(line).join('\n') })
        : t(ctx, 'audit.no_reads'),
    });
  },
};
