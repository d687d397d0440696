// Where a matter's messages go: the agency's group(s), the supervisor group (督办群),
// the leaders group, the joint group — found through the chat bindings.

import type { Outgoing } from '../../chat/messages.js';
import type { ChatPurpose } from '../../domain/vocabulary.js';
import { type Ctx, t } from './context.js';
import type { Fields } from './prompts.js';

/** Sends one message to every chat bound for `purpose` (and `orgId`, for agency groups). Returns how many. */
export async function notify(
  ctx: Ctx,
  purpose: ChatPurpose,
  orgId: string | undefined,
  key: string,
  fields: Fields,
  extra: Omit<Outgoing, 'platform' | 'to' | 'text'> = {},
): Promise<number> {
  const bindings = await ctx.services.roster.bindings(ctx.tx, { purpose, ...(orgId ? { orgId } : {}) });
  const text = t(ctx, key, fields);
  for (const b of bindings) ctx.out.push({ platform: b.platform, to: { chatId: b.chatId }, text, ...extra });
  return bindings.length;
}

/** A unit's own groups: its work groups, or (the procuratorate) the joint group bound to it. */
export async function unitGroups(ctx: Ctx, orgId: string) {
  const own = await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency', orgId });
  return own.length ? own : ctx.services.roster.bindings(ctx.tx, { purpose: 'joint', orgId });
}

/** Sends one message to a unit's own groups (see unitGroups). Returns how many. */
export async function notifyUnit(
  ctx: Ctx,
  orgId: string,
  key: string,
  fields: Fields,
  extra: Omit<Outgoing, 'platform' | 'to' | 'text'> = {},
): Promise<number> {
  const groups = await unitGroups(ctx, orgId);
  const text = t(ctx, key, fields);
  for (const b of groups) ctx.out.push({ platform: b.platform, to: { chatId: b.chatId }, text, ...extra });
  return groups.length;
}

/** A direct message to members, on every platform the deployment uses. Returns how many were sent. */
export async function tell(
  ctx: Ctx,
  memberIds: string[],
  key: string,
  fields: Fields,
  extra: Omit<Outgoing, 'platform' | 'to' | 'text'> = {},
): Promise<number> {
  const targets = await ctx.services.roster.directTargets(ctx.tx, memberIds);
  const text = t(ctx, key, fields);
  for (const x of targets) ctx.out.push({ platform: x.platform, to: { userId: x.userId }, text, ...extra });
  return targets.length;
}
