// Where a matter's messages go: the agency's group(s), the supervisor group (督办群),
// the leaders group, the joint group — found through the chat bindings.
import type { ChatPurpose } from '../../domain/vocabulary.js';
import { type Ctx, t } from '../context.js';
import type { Fields } from '../prompts.js';
import type { Card } from '../../chat/messages.js';

/** Sends one message to every chat bound for `purpose` (and `orgId`, for agency groups). Returns how many. */
export async function notify(
  ctx: Ctx,
  purpose: ChatPurpose,
  orgId: string | undefined,
  key: string,
  fields: Fields,
  extra: { card?: Card; matterId?: string } = {},
): Promise<number> {
  const bindings = await ctx.services.roster.bindings(ctx.tx, { purpose, ...(orgId ? { orgId } : {}) });
  const text = t(ctx, key, fields);
  for (const b of bindings) ctx.out.push({ platform: b.platform, to: { chatId: b.chatId }, text, ...extra });
  return bindings.length;
}
