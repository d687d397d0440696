// /导出 [年份|全部]: the ledger workbook, sent by direct message; /导入: an office's existing
// ledger of open recommendations, read from an attached workbook (see import.ts).

import { readsRestricted } from '../../domain/clue.js';
import { keepGenerated } from '../../store/files.js';
import { matterFacts } from '../../store/statistics.js';
import { audit, reply, t, UserError } from '../core/context.js';
import type { CommandSpec } from '../core/spec.js';

export const exportCommand: CommandSpec = {
  id: 'export',
  names: ['导出', 'export'],
  allow: ['liaison', 'supervisor', 'leader', 'admin'],
  async run(ctx, cmd) {
    const w = cmd.positional[0];
    const year = !w
      ? Number(ctx.today.slice(0, 4))
      : /^(全部|all)$/i.test(w)
        ? undefined
        : /^\d{4}$/.test(w)
          ? Number(w)
          : NaN;
    if (Number.isNaN(year)) throw new UserError('workbook.error.usage', { value: w! });
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
