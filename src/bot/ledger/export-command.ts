// /导出 [年份|全部]: the ledger workbook, sent by direct message; /导入: an office's existing
// ledger of open recommendations, read from an attached workbook (see import.ts).

import { MAX_YEAR, MIN_YEAR, yearSupported } from '../../domain/civil-date.js';
import { readsRestricted } from '../../domain/clue.js';
import { keepGenerated } from '../../store/files.js';
import { matterFacts } from '../../store/statistics.js';
import { commandText } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';

/**
 * The year to export (undefined: all years), from /导出 [年份|全部]: a year /统计 accepts too (the years
 * the bot reasons about, MIN_YEAR–MAX_YEAR); anything more on the line is refused with the usage.
 */
function exportYear(ctx: Ctx, cmd: ParsedCommand): number | undefined {
  const w = cmd.positional[0];
  // what was typed after /导出, as typed: a second year or an option is not silently dropped
  const rest = commandText(ctx).replace(/^\S+\s*/, '');
  if (cmd.positional.length > 1 || Object.keys(cmd.options).length || cmd.unknownKeys.length)
    throw new UserError('workbook.error.usage', { value: rest });
  if (!w) return Number(ctx.today.slice(0, 4));
  if (/^(全部|all)$/i.test(w)) return undefined;
  if (!/^\d{4}$/.test(w)) throw new UserError('workbook.error.usage', { value: w });
  if (!yearSupported(Number(w))) throw new UserError('workbook.error.year', { value: w, min: MIN_YEAR, max: MAX_YEAR });
  return Number(w);
}

export const exportCommand: CommandSpec = {
  id: 'export',
  names: ['导出', 'export'],
  allow: ['liaison', 'supervisor', 'leader', 'admin'],
  async run(ctx, cmd) {
    const year = exportYear(ctx, cmd);
    // exceljs loads with the first workbook, not at every start
    const { ledgerWorkbook } = await import('./export.js');
    const { bytes, counts } = await ledgerWorkbook(ctx, await matterFacts(ctx.tx, ctx.services.config.databaseFile), {
      year,
      mayRead: (c) => readsRestricted(ctx.member, c),
    });
    const scope = year ? String(year) : t(ctx, 'workbook.all');
    const file = await keepGenerated(ctx.tx, ctx.services.config.filesDir, {
      name: t(ctx, 'workbook.file_name', { scope, today: ctx.today }),
      bytes,
      at: ctx.now,
    });
    const inc = ctx.incoming!;
    // by direct message: a ledger is not for every member of a group; the file as a message of
    // its own, after the words (Feishu sends a file alone, without text)
    const to = { userId: inc.senderId };
    ctx.out.push({ platform: inc.platform, to, text: t(ctx, 'workbook.sent_direct', { scope, ...counts }) });
    ctx.out.push({ platform: inc.platform, to, text: t(ctx, 'workbook.file_caption', { name: file.name }), file });
    if (!inc.isDirect) reply(ctx, 'workbook.sent_note', { scope });
    audit(ctx, 'workbook.export', scope, counts);
  },
};
