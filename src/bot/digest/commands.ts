// /周报 (a preview of the leaders' weekly digest) and /统计 (the yearly figures per unit).

import { yearStatistics } from '../../documents/figures.js';
import { type Composed, fileOf } from '../../documents/words.js';
import { addDays, mondayOf } from '../../domain/civil-date.js';
import { reviewFigures } from '../../domain/review-rules.js';
import { type MatterFacts, yearFigures } from '../../domain/statistics.js';
import { keepGenerated } from '../../store/files.js';
import { reviewedFilesOfYear } from '../../store/review.js';
import { matterFacts } from '../../store/statistics.js';
import { orgArg } from '../core/args.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import { rateText } from '../core/figures-text.js';
import { leadName } from '../core/lead.js';
import type { CommandSpec } from '../core/spec.js';
import { buildDigest, digestMessages } from './service.js';

export const digestCommand: CommandSpec = {
  id: 'digest',
  names: ['周报', 'digest', 'weekly'],
  allow: ['leader', 'liaison', 'admin'],
  async run(ctx) {
    // the week that ended last Sunday, as the leaders will get it next Monday
    const d = await buildDigest(ctx, addDays(mondayOf(ctx.today), -7), ctx.today);
    const { image } = await digestMessages(ctx, d);
    reply(ctx, 'common.raw', { text: d.text });
    ctx.out.push({
      platform: ctx.incoming!.platform,
      to: { chatId: ctx.incoming!.chatId },
      text: t(ctx, 'digest.image_caption', { week: d.week }),
      image,
    });
  },
};

export const statisticsCommand: CommandSpec = {
  id: 'statistics',
  names: ['统计', 'statistics'],
  allow: 'member',
  async run(ctx, cmd) {
    const words = [...cmd.positional];
    const yearWord = words[0] && /^\d{4}$/.test(words[0]) ? words.shift()! : undefined;
    const year = yearWord ? Number(yearWord) : Number(ctx.today.slice(0, 4));
    if (year < 2000 || year > 2099) throw new UserError('statistics.error.year', { value: yearWord ?? '' });
    const org = words.length ? await orgArg(ctx, words.join(' ')) : undefined;
    const asOf = year < Number(ctx.today.slice(0, 4)) ? `${year}-12-31` : ctx.today;
    const names = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
    const facts = await matterFacts(ctx.tx, ctx.services.config.databaseFile);
    const figures = yearFigures(facts, year, asOf).filter((u) => !org || u.orgId === org.id);
    if (!figures.length) {
      reply(ctx, 'statistics.empty', { year, scope: org?.name ?? t(ctx, 'ledger.scope_all') });
      return;
    }
    figures.sort(
      (a, b) => b.received - a.received || (names.get(a.orgId) ?? '').localeCompare(names.get(b.orgId) ?? '', 'zh'),
    );
    reply(ctx, 'statistics.text', {
      year,
      asOf,
      scope: org?.name ?? t(ctx, 'ledger.scope_all'),
      lines: figures
        .map((u) =>
          t(ctx, 'statistics.line', {
            ...u,
            unit: names.get(u.orgId) ?? u.orgId,
            onTimeRate: rateText(ctx, u.onTimeRate),
            rectifiedRate: rateText(ctx, u.rectifiedRate),
          }),
        )
        .join('\n'),
    });
    await reviewStatistics(ctx, year, names, org?.id);
    // and the table as a Word document, in the same chat
    await sendStatistics(ctx, (await statisticsDocument(ctx, year, org, facts))!);
  },
};

/** 案卷评查 of the year per unit (files reviewed, 不合格率, problems found and rectified: src/domain/review-rules.ts). */
async function reviewStatistics(ctx: Ctx, year: number, names: Map<string, string>, orgId?: string): Promise<void> {
  const units = reviewFigures(await reviewedFilesOfYear(ctx.tx, year)).filter((u) => !orgId || u.orgId === orgId);
  if (!units.length) return;
  const lines = units.map((u) =>
    t(ctx, 'review.statistics.line', {
      ...u,
      unit: names.get(u.orgId) ?? u.orgId,
      failRate: rateText(ctx, u.failRate),
    }),
  );
  reply(ctx, 'review.statistics.text', { year, lines: lines.join('\n') });
}

/**
 * The 年度统计表 of a year as a document: the figures of /统计 (one unit's, or every unit's with their
 * total, counted by the same functions over all the matters); undefined when there is nothing to count.
 * Figures only: no matter's content, so no restricted clue's.
 */
export async function statisticsDocument(
  ctx: Ctx,
  year: number,
  org?: { id: string; name: string },
  facts?: MatterFacts[],
): Promise<Composed | undefined> {
  const all = facts ?? (await matterFacts(ctx.tx, ctx.services.config.databaseFile));
  const asOf = year < Number(ctx.today.slice(0, 4)) ? `${year}-12-31` : ctx.today;
  const names = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const rows = yearFigures(all, year, asOf)
    .filter((u) => !org || u.orgId === org.id)
    .map((u) => ({ ...u, unit: names.get(u.orgId) ?? u.orgId }))
    .sort((a, b) => b.received - a.received || a.unit.localeCompare(b.unit, 'zh'));
  if (!rows.length) return undefined;
  const total =
    !org && rows.length > 1
      ? yearFigures(
          all.map((m) => ({ ...m, orgId: '' })),
          year,
          asOf,
        )[0]
      : undefined;
  return yearStatistics((key, fields = {}) => t(ctx, key, fields), {
    year,
    asOf,
    unit: org?.name,
    rows,
    total,
    lead: await leadName(ctx),
    today: ctx.today,
  });
}

/** The table's file, to the chat /统计 was asked in. */
async function sendStatistics(ctx: Ctx, c: Composed): Promise<void> {
  const f = await fileOf(c);
  const file = await keepGenerated(ctx.tx, ctx.services.config.filesDir, { name: f.name, bytes: f.bytes, at: ctx.now });
  const inc = ctx.incoming!;
  ctx.out.push({
    platform: inc.platform,
    to: { chatId: inc.chatId },
    text: t(ctx, 'document.sent', { doc: f.label, name: f.name }),
    file,
  });
}
