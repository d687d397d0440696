// The inbound pipeline, as small steps: de-duplicate, drop stale, identify, route
// (active form → slash command → reply to one of the bot's messages → ignore),
// permit, handle. Each step may stop the message; the App runs them in one transaction.
import { shanghaiDate, toHalfWidth } from '../domain/civil-date.js';
import { choiceFor } from '../store/choices.js';
import { findForm } from '../store/forms.js';
import { firstSeen } from '../store/inbound.js';
import { findMatterById } from '../store/matters.js';
import { matterOfSentMessage } from '../store/outbox.js';
import { findBinding, findMemberByIdentity } from '../store/roster.js';
import { mayUse, rolesText } from './commands/admin.js';
import { isCommand, parseCommand } from './commands/parse.js';
import { startReplyForm } from './commands/recommendation.js';
import type { CommandDeps, CommandSpec } from './commands/spec.js';
import { audit, type Ctx, reply, UserError } from './context.js';
import { formControl, type FormOutcome } from './forms/engine.js';

/** Messages older than this when they arrive are dropped (queued messages after a reconnect). */
export const STALE_AFTER_MS = 10 * 60_000;

export type Step = (ctx: Ctx, next: () => Promise<void>) => Promise<void>;

export interface Router {
  commands: Map<string, CommandSpec>;
  deps: CommandDeps;
  /** what to do with a completed form */
  submit: (ctx: Ctx, outcome: Extract<FormOutcome, { kind: 'submitted' }>) => Promise<void>;
  /** a card-form submit */
  cardSubmit: (ctx: Ctx, form: { name: string; context: Record<string, string>; values: Record<string, unknown> }) => Promise<void>;
}

export function compose(steps: Step[]): (ctx: Ctx) => Promise<void> {
  return (ctx) => {
    const run = (i: number): Promise<void> => (i < steps.length ? steps[i]!(ctx, () => run(i + 1)) : Promise.resolve());
    return run(0);
  };
}

export const dedupe: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  if (!(await firstSeen(ctx.tx, inc.platform, inc.eventId, ctx.now))) return;
  await next();
};

export const dropStale: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  const age = ctx.now.getTime() - inc.sentAt.getTime();
  if (age > STALE_AFTER_MS) {
    ctx.services.log.info({ platform: inc.platform, event: inc.eventId, ageSeconds: Math.round(age / 1000) }, 'dropped a message older than 10 minutes (queued during a disconnect)');
    return;
  }
  await next();
};

export const identify: Step = async (ctx, next) => {
  const inc = ctx.incoming!;
  ctx.member = await findMemberByIdentity(ctx.tx, inc.platform, inc.senderId);
  ctx.binding = inc.isDirect ? undefined : await findBinding(ctx.tx, inc.platform, inc.chatId);
  ctx.today = shanghaiDate(ctx.now);
  await next();
};

/** Runs a command after checking who may use it; a refusal says who may. */
async function runCommand(ctx: Ctx, router: Router, text: string): Promise<void> {
  const cmd = parseCommand(text)!;
  const spec = router.commands.get(cmd.name);
  if (!spec) throw new UserError('error.unknown_command', { name: cmd.name });
  if (!mayUse(ctx, spec)) {
    if (!ctx.member) throw new UserError('error.guest');
    throw new UserError('error.forbidden', { command: `/${cmd.name}`, roles: rolesText(ctx, spec) });
  }
  audit(ctx, `command.${spec.id}`, cmd.positional[0]?.toUpperCase());
  await spec.run(ctx, cmd, router.deps);
}

export function route(router: Router): Step {
  return async (ctx) => {
    const inc = ctx.incoming!;
    const { forms } = router.deps;

    if (inc.action?.form) {
      if (!ctx.member) throw new UserError('error.guest');
      await router.cardSubmit(ctx, inc.action.form);
      return;
    }
    const text = inc.action?.command ?? inc.text;
    const cmd = isCommand(text) ? parseCommand(text) : undefined;
    const control = cmd ? formControl(cmd.name) : undefined;

    let session = await findForm(ctx.tx, inc.platform, inc.chatId, inc.senderId);
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
    // a bare number answers the numbered choices of a card shown as text (WeChat)
    const number = /^\s*(\d{1,2})\s*$/.exec(toHalfWidth(text));
    if (number) {
      const command = await choiceFor(ctx.tx, inc.platform, inc.chatId, Number(number[1]));
      if (command) {
        await runCommand(ctx, router, command);
        return;
      }
    }
    // a reply (quote) to one of the bot's messages about a matter starts its rectification form
    if (inc.quotedMessageId) {
      const matterId = await matterOfSentMessage(ctx.tx, inc.platform, inc.quotedMessageId);
      const m = matterId ? await findMatterById(ctx.tx, matterId) : undefined;
      if (m && ctx.member && (ctx.member.roles.includes('officer') || ctx.member.roles.includes('admin'))) {
        await startReplyForm(ctx, m, router.deps);
        return;
      }
    }
    // a direct message that is not a command gets a hint; group chatter is ignored
    if (inc.isDirect) reply(ctx, 'error.not_a_command');
  };
}
