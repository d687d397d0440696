// /周报 (a preview of the leaders' weekly digest) and /统计 (the yearly figures per unit).
import { addDays, mondayOf } from '../../domain/civil-date.js';
import { yearFigures } from '../../domain/statistics.js';
import { matterFacts } from '../../store/statistics.js';
import { orgArg } from '../core/args.js';
import { reply, t, UserError } from '../core/context.js';
import { rateText } from '../core/figures-text.js';
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
    const figures = yearFigures(await matterFacts(ctx.tx, ctx.services.config.databaseFile), year, asOf).filter(
      (u) => !org || u.orgId === org.id,
    );
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
  },
};
