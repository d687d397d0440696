// One engine for every conversation form (DESIGN.md "Forms are data"): per (chat, user),
// persisted and resumable, with /取消, /上一步, /跳过, a 30-minute idle timeout, three
// tries per field, and a review step before anything is saved.
//
// What a person sees is honest: the counter counts the questions that will really be
// asked ("（第 2 项，共 3–4 项）" while a choice still decides), defaults are named in
// the review ("2个月（默认）"), a stray reply at the review keeps every answer, and in a
// group every prompt is addressed to the person filling the form.
//
// The engine starts, resumes and ends forms; its pieces are beside it: the answers'
// book-keeping (answers.ts), what is said (messages.ts), the session kept (session.ts), the
// steps of a reply (steps.ts), the review (review.ts) and the card form (card-form.ts).

import type { CardForm } from '../../../chat/messages.js';
import {
  deleteForm,
  directFormChat,
  type FormSessionState,
  findForm,
  findFormById,
  saveForm,
} from '../../../store/forms.js';
import { type Ctx, UserError } from '../context.js';
import { answerContext, type Meta, nextField, position } from './answers.js';
import { cardAnswers, cardFormOf } from './card-form.js';
import type { FormControl } from './controls.js';
import type { FormDef } from './definition.js';
import type { FormHandler } from './handler.js';
import { ask, restartText, say } from './messages.js';
import { answerReview, assertMayFill, review } from './review.js';
import { FormTurn, openSession } from './session.js';
import { advance, goBack, recheck, takeAnswer } from './steps.js';
import { readAnswer } from './validate.js';

// the forms' words and limits, where their callers have always found them
export { plainAnswers } from './answers.js';
export { type FormControl, formControl, YES_WORDS } from './controls.js';
export { FORM_IDLE_MINUTES } from './session.js';
export { MAX_FAILURES } from './steps.js';

export type FormOutcome =
  | { kind: 'continue' }
  | { kind: 'ended' }
  | { kind: 'submitted'; form: FormDef; answers: Record<string, unknown>; context: Record<string, string> };

export interface StartOptions {
  prefill?: Record<string, unknown>;
  displays?: Record<string, string>;
  /** optional fields' defaults in words, shown in the prompt and the review */
  defaults?: Record<string, string>;
  /** text the person already wrote (a quoted reply): tried as the answer to the first question */
  firstAnswer?: string;
  /**
   * run in the person's direct chat with the bot, wherever it was asked for: a form whose
   * answers must not be seen in a group (a clue's content). The group is told where it went.
   */
  direct?: boolean;
}

export class FormEngine {
  private readonly forms = new Map<string, FormDef>();
  private readonly handlers = new Map<string, FormHandler>();

  constructor(defs: FormDef[], handlers: FormHandler[] = []) {
    for (const d of defs) this.forms.set(d.name, d);
    for (const h of handlers) {
      if (!this.forms.has(h.form)) throw new Error(`form handler for unknown form ${h.form}`);
      this.handlers.set(h.form, h);
    }
  }

  get(name: string): FormDef {
    const f = this.forms.get(name);
    if (!f) throw new Error(`unknown form ${name}`);
    return f;
  }

  handler(name: string): FormHandler | undefined {
    return this.handlers.get(name);
  }

  all(): FormDef[] {
    return [...this.forms.values()];
  }

  restartText(form: FormDef, context: Record<string, string>): string {
    return restartText(form, context);
  }

  /**
   * Where a question stands among those really asked: its number, and how many there
   * will be — a range while a choice not yet answered decides whether some are asked.
   */
  position(form: FormDef, index: number, answers: Record<string, unknown>): { n: number; total: string } {
    return position(form, index, answers);
  }

  /**
   * Starts a form for the sender of the current message. `prefill` answers (already
   * given on the command line) are not asked again. Asking again for the same form
   * on the same matter while filling it says so and repeats the current question.
   */
  async start(
    ctx: Ctx,
    formName: string,
    context: Record<string, string>,
    opts: StartOptions = {},
  ): Promise<{ sessionId: string; resumed: boolean }> {
    const form = this.get(formName);
    const inc = ctx.incoming!;
    const chatId = opts.direct || inc.isDirect ? directFormChat(inc.senderId) : inc.chatId;
    const ref = { platform: inc.platform, chatId, userId: inc.senderId };
    const who = ctx.member ? { name: ctx.member.name } : inc.senderName ? { name: inc.senderName } : undefined;
    if (opts.direct && !inc.isDirect)
      say(ctx, { ...ref, chatId: inc.chatId }, who, 'form.moved_direct', { title: form.title });
    const existing = await findForm(ctx.tx, inc.platform, chatId, inc.senderId);
    if (existing && existing.expiresAt > ctx.now) {
      if (existing.formName === formName && existing.context.matterId === context.matterId) {
        say(ctx, ref, who, 'form.already_filling', { title: form.title });
        await this.repeat(ctx, existing);
        return { sessionId: existing.id, resumed: true };
      }
      say(ctx, ref, who, 'form.replaced', { title: this.get(existing.formName).title });
    }
    const prefill = opts.prefill ?? {};
    const answers: Record<string, unknown> = {
      ...prefill,
      __display: { ...(opts.displays ?? {}) },
      __prefilled: Object.keys(prefill),
      __defaults: { ...(opts.defaults ?? {}) },
      __who: who,
    };
    let step = nextField(form, answers, 0);
    const session = await openSession(ctx, { ...ref, formName, step, answers, trail: [], context, failures: 0 });
    say(ctx, ref, who, 'form.start', { title: form.title });

    // a quoted reply's text answers the first question, and the person is told so
    if (opts.firstAnswer && step >= 0) {
      const field = form.fields[step]!;
      const r = readAnswer(field, opts.firstAnswer, await answerContext(ctx));
      if (r.ok) {
        answers[field.key] = r.value;
        (answers.__display as Record<string, string>)[field.key] = r.display;
        say(ctx, ref, who, 'form.first_answer_used', { label: field.label, value: r.display });
        const trail = [step];
        step = nextField(form, answers, step + 1);
        await saveForm(ctx.tx, { ...session, step, answers, trail });
      }
    }
    if (step === -1) await review(ctx, ref, form, this.handlers.get(form.name), answers, context);
    else ask(ctx, ref, form, step, answers);
    return { sessionId: session.id, resumed: false };
  }

  /** Says again where a form stands: the current question, or the review. */
  private async repeat(ctx: Ctx, session: FormSessionState): Promise<void> {
    const form = this.get(session.formName);
    if (session.step === -1)
      await review(ctx, session, form, this.handlers.get(form.name), session.answers, session.context);
    else ask(ctx, session, form, session.step, session.answers);
  }

  /** Handles one message from the person filling `session`. */
  async handle(ctx: Ctx, session: FormSessionState, control: FormControl | undefined): Promise<FormOutcome> {
    const form = this.get(session.formName);
    const turn = new FormTurn(ctx, session, form, this.handlers.get(form.name));
    if (control === 'cancel') return turn.end('form.cancelled', { title: form.title });
    if (control === 'back') return goBack(turn);
    // the review step: only 确认 submits; anything else keeps the answers and says the choices
    if (session.step === -1) return answerReview(turn, control);
    const refused = await takeAnswer(turn, control);
    if (refused) return refused;
    // the answers together may not fit (a 公益诉讼 clue with no other unit to go to): the field
    // at fault is asked again, with why, before anything else
    const misfit = await recheck(turn);
    if (misfit) return misfit;
    return advance(turn);
  }

  /** Ends a form left idle; the timeout job calls this. */
  async expire(ctx: Ctx, session: FormSessionState): Promise<void> {
    const form = this.get(session.formName);
    await deleteForm(ctx.tx, session.id);
    say(ctx, session, session.answers.__who as Meta['__who'], 'form.timeout', {
      title: form.title,
      restart: this.restartText(form, session.context),
    });
  }

  /**
   * The same form as a card form, for platforms that show one (Feishu, the sandbox
   * page). The card carries only the session's id: what it works on comes from the
   * session, so a forged or stale card cannot submit anything.
   */
  cardForm(formName: string, sessionId: string): CardForm {
    return cardFormOf(this.get(formName), sessionId);
  }

  /**
   * A card-form submit: the session it names must be the sender's own, open, of the
   * same form; its values are validated as a whole. Returns the outcome to submit.
   */
  async submitCard(
    ctx: Ctx,
    card: { name: string; context: Record<string, string>; values: Record<string, unknown> },
  ): Promise<Extract<FormOutcome, { kind: 'submitted' }>> {
    const inc = ctx.incoming!;
    if (!this.forms.has(card.name) || !card.context || typeof card.context.session !== 'string')
      throw new UserError('error.card_forged');
    const form = this.get(card.name);
    // found by the id the card carries, not by the chat: Feishu does not say whether a card
    // was clicked in a direct chat, where a form moved from a group is kept (dm:<user>)
    const session = await findFormById(ctx.tx, card.context.session);
    if (session && (session.userId !== inc.senderId || session.platform !== inc.platform))
      throw new UserError('error.card_not_yours', { restart: this.restartText(form, session.context) });
    // one that was submitted, cancelled or timed out
    if (!session || session.formName !== card.name || session.expiresAt <= ctx.now)
      throw new UserError('error.card_stale', { title: form.title });
    const handler = this.handlers.get(form.name);
    if (handler) assertMayFill(ctx, handler);
    const answers = await cardAnswers(ctx, form, session, card.values, handler);
    await deleteForm(ctx.tx, session.id);
    return { kind: 'submitted', form, answers, context: session.context };
  }
}
