// Finding WeChat rooms again after a login: on web protocols room ids change each time, so a
// bound room is found by its id when it still exists, else by its topic and members. A room
// that cannot be found unambiguously is reported to the admins and its messages wait.
import type { Logger } from 'pino';
import type { RoomInterface as Room } from 'wechaty/impls';
import type { Prompts } from '../../bot/core/prompts.js';
import type { Outgoing } from '../../chat/messages.js';
import { CHAT_PURPOSE_LABEL, type ChatPurpose } from '../../domain/vocabulary.js';
import type { Clock } from '../../schedule/clock.js';
import type { Db } from '../../store/db.js';
import { transaction } from '../../store/lane.js';
import { enqueue, retargetPending } from '../../store/outbox.js';
import { adminIds, bindingDetails, updateBindingIdentity } from '../../store/roster.js';

const WECHAT = 'wechat';

/** Sorted member names: what stays the same when ids change. */
export function fingerprint(names: string[]): string {
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort().join('\n');
}

function overlap(a: string, b: string): number {
  const x = new Set(a.split('\n').filter(Boolean));
  const y = new Set(b.split('\n').filter(Boolean));
  if (x.size === 0 && y.size === 0) return 1;
  const common = [...x].filter((n) => y.has(n)).length;
  return common / new Set([...x, ...y]).size;
}

export interface RoomInfo {
  id: string;
  topic: string;
  fingerprint: string;
}

/** A room's id, topic and members (the bot itself left out). */
export async function roomInfo(room: Room, selfId: string | undefined): Promise<RoomInfo> {
  const members = await room.memberAll();
  return {
    id: room.id,
    topic: await room.topic(),
    fingerprint: fingerprint(members.filter((m) => m.id !== selfId).map((m) => m.name())),
  };
}

/**
 * Matches every bound room to the rooms the account is in now; `unresolved` is refilled with
 * the bindings' room ids that could not be found (their messages wait).
 */
export async function findRoomsAgain(
  { db, log, prompts, clock }: { db: Db; log: Logger; prompts: Prompts; clock: Clock },
  rooms: RoomInfo[],
  unresolved: Set<string>,
): Promise<{ kept: number; moved: number; unresolved: number }> {
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const result = { kept: 0, moved: 0, unresolved: 0 };
  unresolved.clear();
  const reports: Outgoing[] = [];
  for (const b of await bindingDetails(db, WECHAT)) {
    const same = byId.get(b.chatId);
    if (same) {
      await updateBindingIdentity(db, b.id, { topic: same.topic, memberFingerprint: same.fingerprint });
      result.kept++;
      continue;
    }
    const candidates = rooms.filter((r) => r.topic === b.topic);
    const scored = candidates
      .map((r) => ({ r, score: b.memberFingerprint ? overlap(r.fingerprint, b.memberFingerprint) : 1 }))
      .filter((c) => c.score >= 0.5);
    const best = scored.sort((x, y) => y.score - x.score);
    const unique = best.length === 1 || (best.length > 1 && best[0]!.score > best[1]!.score + 0.2);
    if (b.topic && unique) {
      const to = best[0]!.r;
      await transaction(db, async (tx) => {
        await updateBindingIdentity(tx, b.id, { chatId: to.id, topic: to.topic, memberFingerprint: to.fingerprint });
        await retargetPending(tx, WECHAT, b.chatId, to.id);
      });
      log.info({ binding: b.bindingCode }, 'wechat room found again by its topic and members');
      result.moved++;
      continue;
    }
    unresolved.add(b.chatId);
    result.unresolved++;
    const reason =
      candidates.length === 0
        ? prompts.render('wechat.reason_none')
        : prompts.render('wechat.reason_ambiguous', { count: candidates.length });
    log.warn(
      { binding: b.bindingCode, candidates: candidates.length },
      'wechat room could not be resolved; its messages wait',
    );
    const text = prompts.render('wechat.room_unresolved', {
      name: b.name,
      purpose: CHAT_PURPOSE_LABEL[b.purpose as ChatPurpose],
      topic: b.topic ?? '',
      reason,
      org: b.org?.name ?? '',
    });
    for (const admin of await adminIds(db, WECHAT)) reports.push({ platform: WECHAT, to: { userId: admin }, text });
  }
  const now = clock.now();
  await enqueue(
    db,
    reports.map((message, i) => ({ key: `wechat:unresolved:${now.getTime()}:${i}`, message, at: now })),
  );
  return result;
}
