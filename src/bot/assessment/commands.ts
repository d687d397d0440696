// /考核 2026: the year's assessment of each 政府工作部门 under the office's rubric — a summary in the chat,
// the workbook (scores and the matters behind each item) and the Word table, for the leaders, the
// procuratorate and the 司法局 (who report it into the 法治政府建设 assessment).
import { keepGenerated } from '../../store/files.js';
import { rejectUnknownKeys } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { CommandSpec } from '../core/spec.js';
import { assessmentDocument, assessmentWorkbook, fileNames } from './files.js';
import { assess, pointsText } from './service.js';

/** 领导、管理员, or anyone of the procuratorate or the 司法局. */
function mayAssess(ctx: Ctx): boolean {
  const me = ctx.member;
  if (!me) return false;
  if (me.roles.includes('leader') || me.roles.includes('admin')) return true;
  return me.orgKind === 'procuratorate' || me.orgKind === 'judicial';
}

function assertMayAssess(ctx: Ctx): void {
  if (!ctx.member) throw new UserError('error.guest');
  if (!mayAssess(ctx)) throw new UserError('assessment.error.not_allowed');
}

/** 2026 as typed (a four-digit year 2000–2099), or this year when nothing is written. */
function yearArg(ctx: Ctx, words: string[]): number {
  if (words.length > 1) throw new UserError('assessment.error.usage', { usage: t(ctx, 'assessment.usage') });
  if (!words.length) return Number(ctx.today.slice(0, 4));
  const y = /^\d{4}$/.test(words[0]!) ? Number(words[0]) : Number.NaN;
  if (!(y >= 2000 && y <= 2099))
    throw new UserError('assessment.error.year', { value: words[0]!, usage: t(ctx, 'assessment.usage') });
  if (y > Number(ctx.today.slice(0, 4))) throw new UserError('assessment.error.future', { year: y });
  return y;
}

export const assessmentCommand: CommandSpec = {
  id: 'assessment',
  names: ['考核', 'assess', 'assessment'],
  allow: 'member',
  listedFor: async (ctx) => mayAssess(ctx),
  async run(ctx, cmd) {
    assertMayAssess(ctx);
    rejectUnknownKeys(ctx, cmd, 'assessment.usage');
    if (Object.keys(cmd.options).length)
      throw new UserError('assessment.error.usage', { usage: t(ctx, 'assessment.usage') });
    const year = yearArg(ctx, cmd.positional);
    const a = await assess(ctx, year);
    reply(ctx, 'assessment.summary', {
      year,
      asOf: a.asOf,
      full: a.rubric.full,
      lines:
        a.units
          .map((u) =>
            t(ctx, 'assessment.summary_line', { rank: u.rank ?? '—', unit: u.unit, total: pointsText(ctx, u.total) }),
          )
          .join('\n') || t(ctx, 'assessment.no_units'),
    });
    const names = fileNames(ctx, a);
    const dir = ctx.services.config.filesDir;
    const inc = ctx.incoming!;
    for (const [name, bytes] of [
      [names.workbook, await assessmentWorkbook(ctx, a)],
      [names.document, await assessmentDocument(ctx, a)],
    ] as const) {
      const file = await keepGenerated(ctx.tx, dir, { name, bytes, at: ctx.now });
      ctx.out.push({
        platform: inc.platform,
        to: { chatId: inc.chatId },
        text: t(ctx, 'assessment.file_sent', { name }),
        file,
      });
    }
    audit(ctx, 'assessment.run', String(year), { units: a.units.length });
  },
};
