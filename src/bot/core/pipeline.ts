// The inbound pipeline, as small steps: de-duplicate, drop stale, identify, route
// (active form → slash command → reply to one of the bot's messages → ignore),
// permit, handle. Each step may stop the message; the App runs them in one transaction.
import { formatShanghai, shanghaiDate, toHalfWidth } from '../../domain/civil-date.js';
import { findCardUse } from '../../store/cards.js';
import { choiceFor } from '../../store/choices.js';
import { findFormOf } from '../../store/forms.js';
import { firstSeen } from '../../store/inbound.js';
import { findMatterById } from '../../store/matters.js';
import { sentMessage } from '../../store/outbox.js';
import { takeSuggestion } from '../../store/suggestions.js';
import { replyCommand, startReplyForm } from '../recommendations/commands.js';
import { audit, type Ctx, reply, UserError } from './context.js';
import { type FormOutcome, formControl, YES_WORDS } from './forms/engine.js';
import { editDistance, isCommand, parseCommand } from './parse.js';
import { permits, whoMay } from './permissions.js';
import type { CommandDeps, CommandSpec } from './spec.js';

/** Messages older than this when they arrive are dropped (queued messages after a reconnect). */
export const STALE_AFTER_MS = 10 * 60_000;

export type Step = (ctx: Ctx, next: () => Promise<void>) => Promise<void>;

export interface Router {
  commands: Map<string, CommandSpec>;
  deps: CommandDeps;
  /** what to do with a completed form */
  submit: (ctx: Ctx, outcome: Extract<FormOutcome, { kind: 'submitted' }>) => Promise<void>;
}

/** Words that ask for help without the slash, in a group or a direct chat. */
const HELP_WORDS = ['帮助', '帮忙', '菜单', 'help', '?', '？'];

export function compose(steps: Step[]): (ctx: Ctx) => Promise<void> {
  return (ctx) => {
    const run = (i: number): Promise<void> => (i < steps.length ? steps[i]!(ctx, () => run(i + 1)) : Promise.resolve());
    return run(0);
  };
}

/** De-duplicates by event id, and by message id (one message redelivered under a new event id). */
export const dedupe: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  if (!(await firstSeen(ctx.tx, inc.platform, inc.eventId, ctx.now))) return;
  if (
    inc.messageId &&
    inc.messageId !== inc.eventId &&
    !(await firstSeen(ctx.tx, inc.platform, `msg:${inc.messageId}`, ctx.now))
  )
    return;
  await next();
};

/** Drops messages that were already old when they reached us (not when we got round to them). */
export const dropStale: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  const age = (inc.receivedAt ?? ctx.now).getTime() - inc.sentAt.getTime();
  if (age > STALE_AFTER_MS) {
    ctx.services.log.info(
      { platform: inc.platform, event: inc.eventId, ageSeconds: Math.round(age / 1000) },
      'dropped a message older than 10 minutes (queued during a disconnect)',
    );
    return;
  }
  await next();
};

export const identify: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  const { roster } = ctx.services;
  ctx.member = await roster.member(ctx.tx, inc.platform, inc.senderId);
  ctx.binding = inc.isDirect ? undefined : await roster.binding(ctx.tx, inc.platform, inc.chatId);
  ctx.today = shanghaiDate(ctx.now);
  await next();
};

/** The command name closest to a typo, when one is close (台帐 → 台账, stauts → status). */
function nearestCommand(ctx: Ctx, router: Router, name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const [n, spec] of router.commands) {
    // a sign (/? for help) is never what a mistyped word meant
    if (!permits(ctx, spec) || !/[\p{L}]/u.test(n)) continue;
    // a word cut short (/线 for /线索) is nearer than any other at the same distance
    const d = editDistance(name, n) - (n.startsWith(name) ? 0.5 : 0);
    if (d < (best?.d ?? Infinity)) best = { name: spec.names.find((x) => x.toLowerCase() === n) ?? n, d };
  }
  const limit = [...name].length <= 2 ? 1 : 2;
  return best && best.d <= limit ? best.name : undefined;
}

/** Runs a command after checking who may use it; a refusal says who may. */
async function runCommand(ctx: Ctx, router: Router, text: string): Promise<void> {
  const cmd = parseCommand(text)!;
  const spec = router.commands.get(cmd.name);
  if (!spec) {
    const near = nearestCommand(ctx, router, cmd.name);
    if (near) throw new UserError('error.unknown_command_suggest', { name: cmd.rawName, suggestion: near });
    throw new UserError('error.unknown_command', { name: cmd.rawName });
  }
  if (!permits(ctx, spec)) {
    if (!ctx.member) throw new UserError('error.guest');
    throw new UserError('error.forbidden', { command: `/${cmd.rawName}`, roles: whoMay(ctx, spec) });
  }
  audit(ctx, `command.${spec.id}`, cmd.positional[0]?.toUpperCase());
  await spec.run(ctx, cmd, router.deps);
}

/** Refuses a click on a card that was used, saying by whom and when. */
async function assertCardOpen(ctx: Ctx, cardMessageId: string): Promise<void> {
  const used = await findCardUse(ctx.tx, ctx.incoming!.platform, cardMessageId);
  if (used)
    throw new UserError('error.card_used', { by: used.actorName, action: used.action, at: formatShanghai(used.at) });
}

/** A card that was used is closed: any later click on it is refused. */
export const cardOnce: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  if (inc.action && inc.cardMessageId) await assertCardOpen(ctx, inc.cardMessageId);
  await next();
};

export function route(router: Router): Step {
  return async (ctx) => {
    const inc = ctx.incoming!;
    const { forms } = router.deps;

    if (inc.action?.form) {
      if (!ctx.member) throw new UserError('error.guest');
      await router.submit(ctx, await forms.submitCard(ctx, inc.action.form));
      return;
    }
    const text = inc.action?.command ?? inc.text;
    const cmd = isCommand(text) ? parseCommand(text) : undefined;
    const control = cmd ? formControl(cmd.name) : undefined;

    let session = await findFormOf(ctx.tx, inc);
    if (session && session.expiresAt <= ctx.now) {
      await forms.expire(ctx, session);
      session = undefined;
    }
    if (session && (!cmd || control)) {
      const outcome = await forms.handle(ctx, session, control);
      if (outcome.kind === 'submitted') await router.submit(ctx, outcome);
      return;
    }
    if (control) {
      reply(ctx, 'form.not_in_form');
      return;
    }
    if (cmd) {
      await runCommand(ctx, router, text);
      return;
    }
    // "是" accepts the correction the bot just offered (是否指 示例县市场监督管理局？)
    const plain = toHalfWidth(text).trim().toLowerCase();
    const suggestion = YES_WORDS.includes(plain)
      ? await takeSuggestion(ctx.tx, inc.platform, inc.chatId, inc.senderId, ctx.now)
      : undefined;
    if (suggestion) {
      await runCommand(ctx, router, suggestion);
      return;
    }
    // 帮助 without the slash (and "@机器人 帮助", whose mention the adapter removed)
    if (HELP_WORDS.includes(plain)) {
      await runCommand(ctx, router, '/帮助');
      return;
    }
    // a bare number answers the numbered choices of a card shown as text (WeChat)
    const number = /^\s*(\d{1,2})\s*$/.exec(toHalfWidth(text));
    if (number) {
      const choice = await choiceFor(ctx.tx, inc.platform, inc.chatId, Number(number[1]));
      if (choice) {
        // a numbered choice is a click on that card: a used card's menu has expired, and says so
        if (choice.messageId) await assertCardOpen(ctx, choice.messageId);
        if (choice.command) {
          if (choice.messageId) {
            inc.cardMessageId = choice.messageId;
            inc.action = { command: choice.command };
          }
          await runCommand(ctx, router, choice.command);
          return;
        }
      }
    }
    // a reply (quote) to one of the bot's messages about a matter starts its rectification form
    if (inc.quotedMessageId) {
      const matterId = (await sentMessage(ctx.tx, inc.platform, inc.quotedMessageId))?.matterId;
      const m = matterId ? await findMatterById(ctx.tx, matterId) : undefined;
      // the responsible unit's people who may use /反馈 (an agency's contact, a task unit's liaison);
      // others quoting it (the procuratorate discussing a notice) are left alone, as before
      if (
        m &&
        permits(ctx, replyCommand) &&
        (ctx.member!.orgId === m.responsibleOrgId || ctx.member!.roles.includes('admin'))
      ) {
        // what they wrote in the quote answers the first question ("收到，我局正在整改…")
        await startReplyForm(ctx, m, router.deps, inc.text.trim() || undefined);
        return;
      }
    }
    // a direct message that is not a command gets a hint; group chatter is ignored
    if (inc.isDirect) reply(ctx, 'error.not_a_command');
  };
}
