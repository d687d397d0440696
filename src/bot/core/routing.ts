// Routing, as named steps tried in order: a card form submitted, the form the person is
// filling, a slash command, 是 for the correction just offered, 帮助 without the slash, a
// number answering a text menu — then the families' own routes, and a hint in a direct chat.
import { toHalfWidth } from '../../domain/civil-date.js';
import { choiceFor } from '../../store/choices.js';
import { findFormOf } from '../../store/forms.js';
import { takeSuggestion } from '../../store/suggestions.js';
import { audit, type Ctx, reply, UserError } from './context.js';
import { formControl, YES_WORDS } from './forms/engine.js';
import { editDistance, isCommand, parseCommand } from './parse.js';
import { permits, whoMay } from './permissions.js';
import { assertCardOpen } from './pipeline.js';
import type { Router, Step } from './spec.js';

/** Words that ask for help without the slash, in a group or a direct chat. */
const HELP_WORDS = ['帮助', '帮忙', '菜单', 'help', '?', '？'];

/** What the person said: the command behind a button, or the text typed. */
const said = (ctx: Ctx) => ctx.incoming!.action?.command ?? ctx.incoming!.text;

/** The text typed, half-width, trimmed and lower-cased, for comparing with known words. */
const plainText = (ctx: Ctx) => toHalfWidth(said(ctx)).trim().toLowerCase();

/** The command name closest to a typo, when one is close (台帐 → 台账, stauts → status). */
function nearestCommand(ctx: Ctx, router: Router, name: string): string | undefined {
  let best: { name: string; d: number; id: string } | undefined;
  /** another command as near as the best: the typo could mean either (/评差: /评查 or /评估), so none is offered */
  let tied = false;
  let nearestAny = Infinity;
  for (const [n, spec] of router.commands) {
    // a sign (/? for help) is never what a mistyped word meant
    if (!/[\p{L}]/u.test(n)) continue;
    // a word cut short (/线 for /线索) is nearer than any other at the same distance
    const d = editDistance(name, n) - (n.startsWith(name) ? 0.5 : 0);
    // a command the person may not use still makes the typo ambiguous (an officer's /评差 is not surely /评查)
    if (!permits(ctx, spec)) {
      nearestAny = Math.min(nearestAny, d);
      continue;
    }
    if (best && d === best.d && spec.id !== best.id) tied = true;
    if (d < (best?.d ?? Infinity)) {
      best = { name: spec.names.find((x) => x.toLowerCase() === n) ?? n, d, id: spec.id };
      tied = false;
    }
  }
  const limit = [...name].length <= 2 ? 1 : 2;
  return best && !tied && nearestAny > best.d && best.d <= limit ? best.name : undefined;
}

/** Runs a command after checking who may use it; a refusal says who may. */
export async function runCommand(ctx: Ctx, router: Router, text: string): Promise<void> {
  const cmd = parseCommand(text, router.syntax)!;
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

/** A form filled in on a card arrives whole. */
export const cardFormSubmit =
  (router: Router): Step =>
  async (ctx, next) => {
    const form = ctx.incoming!.action?.form;
    if (!form) return next();
    if (!ctx.member) throw new UserError('error.guest');
    await router.submit(ctx, await router.deps.forms.submitCard(ctx, form));
  };

/** The form the person is filling takes the answer (and 取消, 上一步 … typed as commands). */
export const activeForm =
  (router: Router): Step =>
  async (ctx, next) => {
    const { forms } = router.deps;
    const text = said(ctx);
    const cmd = isCommand(text) ? parseCommand(text, router.syntax) : undefined;
    const control = cmd ? formControl(cmd.name) : undefined;
    let session = await findFormOf(ctx.tx, ctx.incoming!);
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
    await next();
  };

export const slashCommand =
  (router: Router): Step =>
  async (ctx, next) => {
    if (!isCommand(said(ctx))) return next();
    await runCommand(ctx, router, said(ctx));
  };

/** "是" accepts the correction the bot just offered (是否指 示例县市场监督管理局？). */
export const acceptSuggestion =
  (router: Router): Step =>
  async (ctx, next) => {
    const inc = ctx.incoming!;
    if (!YES_WORDS.includes(plainText(ctx))) return next();
    const suggestion = await takeSuggestion(ctx.tx, inc.platform, inc.chatId, inc.senderId, ctx.now);
    if (!suggestion) return next();
    await runCommand(ctx, router, suggestion);
  };

/** 帮助 without the slash (and "@机器人 帮助", whose mention the adapter removed). */
export const helpWords =
  (router: Router): Step =>
  async (ctx, next) => {
    if (!HELP_WORDS.includes(plainText(ctx))) return next();
    await runCommand(ctx, router, '/帮助');
  };

/** A bare number answers the numbered choices of a card shown as text (WeChat). */
export const numberedChoice =
  (router: Router): Step =>
  async (ctx, next) => {
    const inc = ctx.incoming!;
    const number = /^\s*(\d{1,2})\s*$/.exec(toHalfWidth(said(ctx)));
    const choice = number ? await choiceFor(ctx.tx, inc.platform, inc.chatId, Number(number[1])) : undefined;
    if (!choice) return next();
    // a numbered choice is a click on that card: a used card's menu has expired, and says so
    if (choice.messageId) await assertCardOpen(ctx, choice.messageId);
    if (!choice.command) return next();
    if (choice.messageId) {
      inc.cardMessageId = choice.messageId;
      inc.action = { command: choice.command };
    }
    await runCommand(ctx, router, choice.command);
  };

/** A direct message nothing took gets a hint; group chatter is ignored. */
export const directHint: Step = async (ctx) => {
  if (ctx.incoming!.isDirect) reply(ctx, 'error.not_a_command');
};

/** The routing steps in order, with the families' own routes before the last hint. */
export function routing(router: Router, familyRoutes: Array<(router: Router) => Step>): Step[] {
  const core = [cardFormSubmit, activeForm, slashCommand, acceptSuggestion, helpWords, numberedChoice];
  return [...core.map((s) => s(router)), ...familyRoutes.map((s) => s(router)), directHint];
}
