// Notices to one group gathered into one message (issue 20, item 4): 10,000 imported recommendations
// for one agency once made 20,014 messages in its group in one reminder wave, 83 minutes of posting.
// Notices of one kind waiting together for a group go as one combined message (a list, the whole list
// as a workbook); past the group's daily number of notices, every notice waiting goes in one. A notice
// is never dropped and never held back: each combined message goes when its first notice would have.
import { createHash } from 'node:crypto';
import type { Outgoing } from '../chat/messages.js';
import { shanghaiDate, shanghaiInstant } from '../domain/civil-date.js';
import { noticesSentSince, type OutboxRow, pendingNotices } from '../store/outbox.js';
import type { Tx } from '../store/tx.js';

export interface CombineRules {
  /** this many notices of one kind waiting for a group go as one message (NOTICE_COMBINE_AT, default 4) */
  atLeast: number;
  /** a group's notices in one day (Beijing time) before every further one is combined (GROUP_NOTICES_PER_DAY) */
  perDay: number;
}

/** What builds the combined message (its words are the bot's, in prompts). */
export interface Combiner {
  rules: CombineRules;
  /** one message for these notices, oldest first; `overDaily` when the group is past its daily number */
  message: (notices: Outgoing[], overDaily: boolean) => Promise<Outgoing>;
}

/**
 * Which of a group's waiting notices to gather: every kind ('all', when sending them as they are
 * would pass the daily number), the kinds with enough of them waiting, or none.
 */
export function gatherFor(notices: OutboxRow[], sentToday: number, rules: CombineRules): 'all' | string[] | undefined {
  const byKind = new Map<string, number>();
  for (const r of notices) {
    const kind = r.message.notice?.kind;
    if (kind) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const kinds = [...byKind].filter(([, n]) => n >= rules.atLeast).map(([k]) => k);
  const single = [...byKind].filter(([, n]) => n < rules.atLeast).reduce((sum, [, n]) => sum + n, 0);
  if (sentToday + kinds.length + single > rules.perDay && byKind.size > 0) return 'all';
  return kinds.length ? kinds : undefined;
}

/** The notices gathered, in groups that each go as one message: one group past the daily number, else one per kind. */
export function groupsOf(gathered: OutboxRow[], gather: 'all' | string[]): OutboxRow[][] {
  if (gather === 'all') return [gathered];
  return gather.map((kind) => gathered.filter((r) => r.message.notice?.kind === kind));
}

/**
 * A pass's rows with each group's gathered notices as one row standing where the first of them
 * was (`merged`: the rows it stands for, all marked sent with it); the others leave the pass.
 */
export async function combineNotices(
  db: Tx,
  now: Date,
  rows: OutboxRow[],
  combiner: Combiner,
): Promise<Array<OutboxRow & { merged?: string[] }>> {
  const byChat = new Map<string, OutboxRow[]>();
  for (const r of rows) if (r.message.notice) byChat.set(r.chatKey, [...(byChat.get(r.chatKey) ?? []), r]);
  const standIn = new Map<string, OutboxRow & { merged: string[] }>();
  const gone = new Set<string>();
  const today = shanghaiInstant(shanghaiDate(now));
  const inPass = new Set(rows.map((r) => r.id));
  for (const [chatKey, notices] of byChat) {
    const gather = gatherFor(notices, await noticesSentSince(db, chatKey, today), combiner.rules);
    if (!gather) continue;
    for (const group of groupsOf(await pendingNotices(db, chatKey, gather === 'all' ? undefined : gather), gather)) {
      const at = group.find((r) => inPass.has(r.id));
      if (!at || group.length < 2) continue;
      const message = await combiner.message(
        group.map((r) => r.message),
        gather === 'all',
      );
      const merged = group.map((r) => r.id);
      const key = `combined:${createHash('sha256').update(merged.join(',')).digest('hex').slice(0, 32)}`;
      standIn.set(at.id, { ...at, key, message, merged });
      for (const id of merged) if (id !== at.id) gone.add(id);
    }
  }
  return rows.filter((r) => !gone.has(r.id)).map((r) => standIn.get(r.id) ?? r);
}
