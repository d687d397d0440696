// 本单位自行办理: a clue whose receiving unit is the registrant's own (a procuratorate's own 公益诉讼
// clue) is registered and accepted at once (register.ts); what is left is its 承办人, asked after the
// registration with the acceptance form a receiving unit fills at 受理 (clue_accept), in the person's
// direct chat, or named with /线索 受理 XS-… 承办人=姓名. Nothing of it goes to another unit.
import { updateClue } from '../../store/clues.js';
import { updateMatter } from '../../store/matters.js';
import { audit, type Ctx, t } from '../core/context.js';
import { assertHolder } from './access.js';
import { outlineFields } from './cards.js';
import { type ClueMatter, chainStep, limitOf, reload } from './service.js';
import { sayHandler } from './steps.js';

/** A clue its own unit handles (registered for itself, accepted at once) whose 承办人 is not named yet. */
export function awaitsHandler(c: ClueMatter): boolean {
  return c.status === 'handling' && c.issuingOrgId === c.responsibleOrgId && !c.clue.handlerName;
}

/** Names the 承办人 of a self-handled clue (专人专管): a person of the unit, found on the roster for direct messages. */
export async function nameHandler(ctx: Ctx, c: ClueMatter, handlerName: string): Promise<void> {
  assertHolder(ctx, c, t(ctx, 'clue.step.handler'));
  const handler = (await ctx.services.roster.membersOf(ctx.tx, c.responsibleOrgId)).find((m) => m.name === handlerName);
  await updateClue(ctx.tx, c.id, { handlerName, handlerId: handler?.id ?? null });
  await updateMatter(ctx.tx, c.id, { updatedAt: ctx.now });
  await chainStep(ctx, c.id, 'handler', c.responsibleOrgId, c.responsibleOrgId, handlerName);
  audit(ctx, 'clue.handler', c.code, { handlerOnRoster: Boolean(handler) });
  const now = await reload(ctx, c.id);
  const fields = {
    ...outlineFields(ctx, now),
    handler: handlerName,
    sleep: limitOf(ctx, c.clue.category).sleepWorkdays,
  };
  const said = t(ctx, handler ? 'clue.handler_named' : 'clue.handler_named_unlisted', fields);
  await sayHandler(ctx, now, handler, said, fields);
  ctx.completed = { action: t(ctx, 'clue.used.handler') };
}
