// What the units answered for a meeting: their 议题 (the compiled agenda) and 参会回执, and
// which units are still silent.
import { agendaItems, type MeetingRow, receipts as receiptsOf } from '../../store/meetings.js';
import { type Ctx, t } from '../core/context.js';

/** The units that take part: those with a work group of their own (行政机关, 司法局, 纪委监委 …). */
export async function participatingUnits(ctx: Ctx): Promise<Array<{ id: string; name: string }>> {
  const seen = new Map<string, string>();
  for (const b of await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency' }))
    if (b.orgId && !seen.has(b.orgId)) seen.set(b.orgId, b.orgName ?? '');
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** A meeting's 议题 so far, the units that take part, their names, and those not yet answered. */
export async function agendaState(ctx: Ctx, m: MeetingRow) {
  const [items, units] = await Promise.all([agendaItems(ctx.tx, m.id), participatingUnits(ctx)]);
  const orgs = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const answered = new Set(items.map((i) => i.orgId));
  return { items, units, orgs, silent: units.filter((u) => !answered.has(u.id)) };
}

/** A meeting's 参会回执 so far, the units' names, and the units that sent none. */
export async function receiptState(ctx: Ctx, m: MeetingRow) {
  const [receipts, units] = await Promise.all([receiptsOf(ctx.tx, m.id), participatingUnits(ctx)]);
  const orgs = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const answered = new Set(receipts.map((r) => r.orgId));
  return { receipts, orgs, missing: units.filter((u) => !answered.has(u.id)) };
}

/** The compiled agenda in words: the items by unit, the units with none, the silent ones. */
export function agendaText(ctx: Ctx, s: Awaited<ReturnType<typeof agendaState>>): string {
  // by unit, in the roster's order (as units speak at the meeting), then as submitted
  const rank = new Map(s.units.map((u, i) => [u.id, i]));
  const items = s.items
    .filter((i) => !i.none)
    .sort(
      (a, b) => (rank.get(a.orgId) ?? 99) - (rank.get(b.orgId) ?? 99) || a.createdAt.getTime() - b.createdAt.getTime(),
    );
  const lines = items.map((i, n) =>
    t(ctx, 'meeting.agenda_line', { n: n + 1, unit: s.orgs.get(i.orgId) ?? '', title: i.title }),
  );
  const none = [...new Set(s.items.filter((i) => i.none).map((i) => s.orgs.get(i.orgId) ?? ''))];
  return [
    lines.length ? lines.join('\n') : t(ctx, 'meeting.agenda_empty'),
    none.length ? t(ctx, 'meeting.agenda_none_units', { units: none.join('、') }) : '',
    s.silent.length ? t(ctx, 'meeting.agenda_silent_units', { units: s.silent.map((u) => u.name).join('、') }) : '',
  ]
    .filter(Boolean)
    .join('\n');
}
