// A reply (quote) to one of the bot's messages about a matter opens its rectification form.
import { findMatterById } from '../../store/matters.js';
import { sentMessage } from '../../store/outbox.js';
import { permits } from '../core/permissions.js';
import type { Router, Step } from '../core/spec.js';
import { replyCommand, startReplyForm } from './commands.js';

/**
 * Only the responsible unit's people who may use /反馈 (an agency's contact, a task unit's
 * liaison); others quoting it (the procuratorate discussing a notice) are left alone.
 */
export const quotedReply =
  (router: Router): Step =>
  async (ctx, next) => {
    const inc = ctx.incoming!;
    if (!inc.quotedMessageId) return next();
    const matterId = (await sentMessage(ctx.tx, inc.platform, inc.quotedMessageId))?.matterId;
    const m = matterId ? await findMatterById(ctx.tx, matterId) : undefined;
    const mine = m && (ctx.member?.orgId === m.responsibleOrgId || ctx.member?.roles.includes('admin'));
    if (!m || !mine || !permits(ctx, replyCommand)) return next();
    // what they wrote in the quote answers the first question ("收到，我局正在整改…")
    await startReplyForm(ctx, m, router.deps, inc.text.trim() || undefined);
  };
