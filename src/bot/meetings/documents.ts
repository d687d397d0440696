// The meeting's documents as files: the 会议通知 (with the calendar file, at notice time) and the
// 会议纪要 (when the minutes are saved), to the joint group and every participating unit's group —
// the units the notice invites and the minutes are distributed to. The facts come from the store;
// src/documents/meeting.ts composes the documents.

import { meetingMinutes, meetingNotice } from '../../documents/meeting.js';
import { type Composed, fileOf } from '../../documents/words.js';
import { hhmm, shanghaiDate, weekdayName } from '../../domain/civil-date.js';
import { keepGenerated } from '../../store/files.js';
import { type MeetingRow, meetingTasks } from '../../store/meetings.js';
import { parseJson } from '../../store/tx.js';
import { type Ctx, t } from '../core/context.js';
import { unitGroups } from '../core/notify.js';
import { participatingUnits, receiptState } from './agenda.js';
import { leadName } from './lead.js';

const words =
  (ctx: Ctx) =>
  (key: string, fields: Record<string, string | number> = {}) =>
    t(ctx, key, fields);

/** The 会议通知 of a meeting on its present day (`moved`: the notice of its new day). */
export async function noticeDocument(
  ctx: Ctx,
  m: MeetingRow,
  o: { closes: string; ics: string; moved: boolean },
): Promise<Composed> {
  return meetingNotice(words(ctx), {
    code: m.code ?? '',
    title: m.title,
    date: m.heldOn,
    weekday: weekdayName(m.heldOn),
    time: hhmm(m.startMinute),
    location: m.location,
    provisional: m.provisional,
    closes: o.closes,
    units: (await participatingUnits(ctx)).map((u) => u.name),
    lead: await leadName(ctx),
    on: ctx.today,
    ics: o.ics,
    moved: o.moved,
  });
}

/** The 会议纪要 of a meeting whose minutes are saved: the 议定事项 with the tasks they became, and who attended. */
export async function minutesDocument(ctx: Ctx, m: MeetingRow): Promise<Composed> {
  const [tasks, receipts, units] = await Promise.all([
    meetingTasks(ctx.tx, m.id),
    receiptState(ctx, m),
    participatingUnits(ctx),
  ]);
  const due = new Map(tasks.map((x) => [x.code, x.dueOn]));
  // the attendees by unit in the roster's order, as the units are listed everywhere
  const rank = new Map(units.map((u, i) => [u.id, i]));
  const attendees = [...receipts.receipts].sort((a, b) => (rank.get(a.orgId) ?? 99) - (rank.get(b.orgId) ?? 99));
  const resolutions = parseJson<Array<{ text: string; unit?: string; task?: string }>>(m.resolutions, []);
  return meetingMinutes(words(ctx), {
    code: m.code ?? '',
    title: m.title,
    date: m.heldOn,
    weekday: weekdayName(m.heldOn),
    location: m.location,
    lead: await leadName(ctx),
    minutes: m.minutes,
    resolutions: resolutions.map((r) => ({ ...r, due: r.task ? due.get(r.task) : undefined })),
    attendees: attendees.map((r) => ({ unit: receipts.orgs.get(r.orgId) ?? '', names: r.attendees })),
    on: m.minutesAt ? shanghaiDate(m.minutesAt) : ctx.today,
  });
}

/** A document as a file to the joint group and each participating unit's group (and the chat it was made in), once each. */
export async function sendToMembers(ctx: Ctx, c: Composed): Promise<void> {
  const f = await fileOf(c);
  const file = await keepGenerated(ctx.tx, ctx.services.config.filesDir, { name: f.name, bytes: f.bytes, at: ctx.now });
  const text = t(ctx, 'document.sent', { doc: f.label, name: f.name });
  const chats = new Map<string, { platform: string; chatId: string }>();
  const add = (x: { platform: string; chatId: string }) => chats.set(`${x.platform}:${x.chatId}`, x);
  for (const b of await ctx.services.roster.bindings(ctx.tx, { purpose: 'joint' })) add(b);
  for (const u of await participatingUnits(ctx)) for (const b of await unitGroups(ctx, u.id)) add(b);
  if (ctx.incoming) add({ platform: ctx.incoming.platform, chatId: ctx.incoming.chatId });
  for (const x of chats.values()) ctx.out.push({ platform: x.platform, to: { chatId: x.chatId }, text, file });
}
