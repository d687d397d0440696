// One engine for every conversation form (DESIGN.md "Forms are data"): per (chat, user),
// persisted and resumable, with /取消, /上一步, /跳过, a 30-minute idle timeout, three
// tries per field, and a review step before anything is saved.
//
// What a person sees is honest: the counter counts the questions that will really be
// asked ("（第 2 项，共 3–4 项）" while a choice still decides), defaults are named in
// the review ("2个月（默认）"), a stray reply at the review keeps every answer, and in a
// group every prompt is addressed to the person filling the form.

import type { CardForm, Outgoing } from '../../../chat/messages.js';
import {
  deleteForm,
  directFormChat,
  type FormSessionState,
  findForm,
  findFormById,
  saveForm,
} from '../../../store/forms.js';
import { planJob, reschedulePending } from '../../../store/jobs.js';
import { type Ctx, t, UserError } from '../context.js';
import { permits, whoMay } from '../permissions.js';
import type { Fields } from '../prompts.js';
import type { FieldDef, FormDef } from './definition.js';
import type { FormHandler } from './handler.js';
import { type AnswerContext, applies, readAnswer } from './validate.js';

export const FORM_IDLE_MINUTES = 30;
export const MAX_FAILURES = 3;
const CONFIRM_WORDS = ['确认', '确定', '提交', '确认提交', 'ok', 'yes', 'y'];
/** Words that accept an offered correction ("是否指 示例县市场监督管理局？回复 是"). */
export const YES_WORDS = ['是', '是的', '对', '好', 'yes', 'y'];

export type FormOutcome =
  | { kind: 'continue' }
  | { kind: 'ended' }
  | { kind: 'submitted'; form: FormDef; answers: Record<string, unknown>; context: Record<string, string> };

export type FormControl = 'cancel' | 'back' | 'skip';

const CONTROL_WORDS: Record<string, FormControl> = {
  取消: 'cancel',
  cancel: 'cancel',
  上一步: 'back',
  返回: 'back',
  back: 'back',
  跳过: 'skip',
  skip: 'skip',
};

export function formControl(commandName: string): FormControl | undefined {
  return CONTROL_WORDS[commandName];
}

/** Book-keeping kept with the answers (JSON), never shown as an answer. */
interface Meta {
  __display: Record<string, string>;
  /** keys given on the command line: not asked, not counted */
  __prefilled: string[];
  /** what an optional field becomes when skipped, in words: { period: '2个月' } */
  __defaults: Record<string, string>;
  /** the person filling it, for addressing prompts in a group */
  __who?: { name: string };
  /** a close value offered for the current field: "是" accepts it */
  __suggest?: { key: string; value: unknown; display: string };
}

const META_KEYS = ['__display', '__prefilled', '__defaults', '__who', '__suggest'];

/** The answers without the engine's book-keeping. */
export function plainAnswers(answers: Record<string, unknown>): Record<string, unknown> {
  const out = { ...answers };
  for (const k of META_KEYS) delete out[k];
  return out;
}

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
    return form.restart.replace(/\{(\w+)\}/g, (_, k: string) => context[k] ?? '');
  }

  private expiry(ctx: Ctx): Date {
    return new Date(ctx.now.getTime() + FORM_IDLE_MINUTES * 60_000);
  }

  private async answerContext(ctx: Ctx): Promise<AnswerContext> {
    return {
      today: ctx.today,
      orgs: await ctx.services.roster.orgs(ctx.tx),
      attachments: ctx.incoming?.attachments ?? [],
    };
  }

  /** The index of the next field to ask after `from`, or -1 when all are answered. */
  private nextField(form: FormDef, answers: Record<string, unknown>, from: number): number {
    for (let i = from; i < form.fields.length; i++) {
      const f = form.fields[i]!;
      if (applies(f, answers) && !(f.key in answers)) return i;
    }
    return -1;
  }

  /**
   * Where a question stands among those really asked: its number, and how many there
   * will be — a range while a choice not yet answered decides whether some are asked.
   */
  position(form: FormDef, index: number, answers: Record<string, unknown>): { n: number; total: string } {
    const prefilled = (answers.__prefilled as string[] | undefined) ?? [];
    const asked = (f: FieldDef) => !prefilled.includes(f.key);
    const n = form.fields.slice(0, index + 1).filter((f) => asked(f) && applies(f, answers)).length;
    let min = 0;
    const open = new Map<string, Map<string, number>>();
    for (const f of form.fields) {
      if (!asked(f)) continue;
      if (!f.when) min++;
      else if (f.when.field in answers) {
        if (applies(f, answers)) min++;
      } else {
        const byValue = open.get(f.when.field) ?? new Map<string, number>();
        byValue.set(f.when.equals, (byValue.get(f.when.equals) ?? 0) + 1);
        open.set(f.when.field, byValue);
      }
    }
    const max = min + [...open.values()].reduce((sum, byValue) => sum + Math.max(...byValue.values()), 0);
    return { n, total: max > min ? `${min}–${max}` : String(min) };
  }

  /** A message of the form to the person filling it: addressed to them in a group, sent to them in a direct chat. */
  private say(
    ctx: Ctx,
    session: { platform: string; chatId: string; userId: string },
    who: Meta['__who'],
    key: string,
    fields: Fields = {},
  ): void {
    const direct = session.chatId === directFormChat(session.userId);
    const message: Outgoing = {
      platform: session.platform,
      to: direct ? { userId: session.userId } : { chatId: session.chatId },
      text: t(ctx, key, fields),
    };
    if (!direct && who) message.mention = { userId: session.userId, name: who.name };
    ctx.out.push(message);
  }

  private ask(ctx: Ctx, s: SessionRef, form: FormDef, index: number, answers: Record<string, unknown>): void {
    const field = form.fields[index]!;
    const { n, total } = this.position(form, index, answers);
    const lines = [t(ctx, 'form.ask', { n, total, prompt: field.prompt })];
    if (field.type === 'choice')
      for (const [i, c] of field.choices!.entries())
        lines.push(t(ctx, 'form.choice_line', { n: i + 1, label: c.label }));
    const fallback = (answers.__defaults as Record<string, string> | undefined)?.[field.key];
    if (!field.required)
      lines.push(fallback ? t(ctx, 'form.default_hint', { value: fallback }) : t(ctx, 'form.optional_hint'));
    this.say(ctx, s, answers.__who as Meta['__who'], 'common.raw', { text: lines.join('\n') });
  }

  private async review(
    ctx: Ctx,
    s: SessionRef,
    form: FormDef,
    answers: Record<string, unknown>,
    context: Record<string, string>,
  ): Promise<void> {
    const displays = (answers.__display as Record<string, string>) ?? {};
    const defaults = (answers.__defaults as Record<string, string>) ?? {};
    const lines = form.fields
      .filter((f) => applies(f, answers) && f.key in answers)
      .map((f) =>
        t(ctx, 'form.summary_line', {
          label: f.label,
          value:
            displays[f.key] ??
            (defaults[f.key] ? t(ctx, 'form.default_value', { value: defaults[f.key] }) : t(ctx, 'form.skipped_value')),
        }),
      );
    const notes = (await this.handlers.get(form.name)?.review?.(ctx, plainAnswers(answers), context)) ?? [];
    this.say(ctx, s, answers.__who as Meta['__who'], 'form.summary', {
      title: form.title,
      lines: [...lines, ...notes].join('\n'),
    });
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
      this.say(ctx, { ...ref, chatId: inc.chatId }, who, 'form.moved_direct', { title: form.title });
    const existing = await findForm(ctx.tx, inc.platform, chatId, inc.senderId);
    if (existing && existing.expiresAt > ctx.now) {
      if (existing.formName === formName && existing.context.matterId === context.matterId) {
        this.say(ctx, ref, who, 'form.already_filling', { title: form.title });
        await this.repeat(ctx, existing);
        return { sessionId: existing.id, resumed: true };
      }
      this.say(ctx, ref, who, 'form.replaced', { title: this.get(existing.formName).title });
    }
    const prefill = opts.prefill ?? {};
    const answers: Record<string, unknown> = {
      ...prefill,
      __display: { ...(opts.displays ?? {}) },
      __prefilled: Object.keys(prefill),
      __defaults: { ...(opts.defaults ?? {}) },
      __who: who,
    };
    let step = this.nextField(form, answers, 0);
    const session = await saveForm(ctx.tx, {
      ...ref,
      formName,
      step,
      answers,
      trail: [],
      context,
      failures: 0,
      expiresAt: this.expiry(ctx),
    });
    await planJob(
      ctx.tx,
      {
        kind: 'form_timeout',
        key: `form_timeout:${session.id}`,
        dueAt: session.expiresAt,
        payload: { sessionId: session.id },
      },
      ctx.now,
    );
    ctx.scheduled = true;
    this.say(ctx, ref, who, 'form.start', { title: form.title });

    // a quoted reply's text answers the first question, and the person is told so
    if (opts.firstAnswer && step >= 0) {
      const field = form.fields[step]!;
      const r = readAnswer(field, opts.firstAnswer, await this.answerContext(ctx));
      if (r.ok) {
        answers[field.key] = r.value;
        (answers.__display as Record<string, string>)[field.key] = r.display;
        this.say(ctx, ref, who, 'form.first_answer_used', { label: field.label, value: r.display });
        const trail = [step];
        step = this.nextField(form, answers, step + 1);
        await saveForm(ctx.tx, { ...session, step, answers, trail });
      }
    }
    if (step === -1) await this.review(ctx, ref, form, answers, context);
    else this.ask(ctx, ref, form, step, answers);
    return { sessionId: session.id, resumed: false };
  }

  /** Says again where a form stands: the current question, or the review. */
  private async repeat(ctx: Ctx, session: FormSessionState): Promise<void> {
    const form = this.get(session.formName);
    if (session.step === -1) await this.review(ctx, session, form, session.answers, session.context);
    else this.ask(ctx, session, form, session.step, session.answers);
  }

  /** Handles one message from the person filling `session`. */
  async handle(ctx: Ctx, session: FormSessionState, control: FormControl | undefined): Promise<FormOutcome> {
    const form = this.get(session.formName);
    const inc = ctx.incoming!;
    const answers = { ...session.answers };
    const displays = { ...((answers.__display as Record<string, string>) ?? {}) };
    const who = answers.__who as Meta['__who'];
    const trail = [...session.trail];
    const restart = this.restartText(form, session.context);
    const say = (key: string, fields: Fields = {}) => this.say(ctx, session, who, key, fields);
    const save = async (patch: Partial<FormSessionState>) => {
      await saveForm(ctx.tx, {
        ...session,
        answers: { ...answers, __display: displays },
        trail,
        ...patch,
        expiresAt: this.expiry(ctx),
      });
      await reschedulePending(ctx.tx, `form_timeout:${session.id}`, this.expiry(ctx));
      ctx.scheduled = true;
    };
    const end = async (key: string, fields: Fields) => {
      await deleteForm(ctx.tx, session.id);
      say(key, fields);
      return { kind: 'ended' } as const;
    };

    if (control === 'cancel') return end('form.cancelled', { title: form.title });

    if (control === 'back') {
      delete answers.__suggest;
      const prev = trail.pop();
      if (prev === undefined) {
        say('form.no_back');
        await save({});
        return { kind: 'continue' };
      }
      // fields are answered in order, so only that field's answer is forgotten
      const key = form.fields[prev]!.key;
      delete answers[key];
      delete displays[key];
      await save({ step: prev, failures: 0 });
      this.ask(ctx, session, form, prev, answers);
      return { kind: 'continue' };
    }

    // the review step: only 确认 submits; anything else keeps the answers and says the choices
    if (session.step === -1) {
      if (!control && CONFIRM_WORDS.includes(inc.text.trim().toLowerCase())) {
        const handler = this.handlers.get(form.name);
        if (handler) assertMayFill(ctx, handler);
        await deleteForm(ctx.tx, session.id);
        return { kind: 'submitted', form, answers: plainAnswers(answers), context: session.context };
      }
      await save({});
      say('form.confirm_expected', { title: form.title });
      return { kind: 'continue' };
    }

    const field: FieldDef = form.fields[session.step]!;
    const suggest = answers.__suggest as Meta['__suggest'];
    delete answers.__suggest;
    if (control === 'skip') {
      if (field.required) {
        say('form.cannot_skip', { label: field.label });
        await save({});
        return { kind: 'continue' };
      }
      answers[field.key] = null;
    } else if (suggest && suggest.key === field.key && YES_WORDS.includes(inc.text.trim().toLowerCase())) {
      answers[field.key] = suggest.value;
      displays[field.key] = suggest.display;
    } else {
      const result = readAnswer(field, inc.text, await this.answerContext(ctx));
      if (!result.ok) {
        const failures = session.failures + 1;
        if (failures >= MAX_FAILURES)
          return end('form.too_many_failures', { label: field.label, title: form.title, restart });
        if (result.suggest) answers.__suggest = { key: field.key, ...result.suggest };
        await save({ failures });
        say('form.invalid', { error: t(ctx, result.error, result.fields), left: MAX_FAILURES - failures });
        return { kind: 'continue' };
      }
      answers[field.key] = result.value;
      displays[field.key] = result.display;
    }
    // the answers together may not fit (a 公益诉讼 clue with no other unit to go to): the field
    // at fault is asked again, with why, before anything else
    const problem = await this.handlers.get(form.name)?.check?.(ctx, plainAnswers(answers));
    if (problem) {
      const index = form.fields.findIndex((f) => f.key === problem.field);
      delete answers[problem.field];
      delete displays[problem.field];
      await save({ step: index, failures: 0, trail: trail.filter((i) => i < index) });
      say('form.check_failed', { error: t(ctx, problem.key, problem.fields) });
      this.ask(ctx, session, form, index, answers);
      return { kind: 'continue' };
    }
    trail.push(session.step);
    const next = this.nextField(form, answers, session.step + 1);
    await save({ step: next, failures: 0 });
    if (next === -1) await this.review(ctx, session, form, { ...answers, __display: displays }, session.context);
    else this.ask(ctx, session, form, next, answers);
    return { kind: 'continue' };
  }

  /** Ends a form left idle; the timeout job calls this. */
  async expire(ctx: Ctx, session: FormSessionState): Promise<void> {
    const form = this.get(session.formName);
    await deleteForm(ctx.tx, session.id);
    this.say(ctx, session, session.answers.__who as Meta['__who'], 'form.timeout', {
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
    const form = this.get(formName);
    return {
      name: form.name,
      context: { session: sessionId },
      submitLabel: form.submitLabel,
      fields: form.fields.map((f) => ({
        key: f.key,
        label: f.label,
        type: f.type,
        required: f.required,
        choices: f.choices,
        when: f.when,
        placeholder: f.placeholder,
      })),
    };
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
    const actx = await this.answerContext(ctx);
    const answers: Record<string, unknown> = { ...plainAnswers(session.answers) };
    const prefilled = (session.answers.__prefilled as string[] | undefined) ?? [];
    const errors: string[] = [];
    for (const f of form.fields) {
      if (!applies(f, answers)) continue;
      const raw = card.values?.[f.key];
      const empty = raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
      if (empty) {
        if (prefilled.includes(f.key)) continue;
        if (f.required) errors.push(t(ctx, 'form.card_missing', { label: f.label }));
        else answers[f.key] = null;
        continue;
      }
      const r = readAnswer(f, raw, { ...actx, attachments: Array.isArray(raw) ? (raw as never) : [] });
      if (r.ok) answers[f.key] = r.value;
      else errors.push(t(ctx, 'form.card_invalid', { label: f.label, error: t(ctx, r.error, r.fields) }));
    }
    if (!errors.length) {
      const problem = await handler?.check?.(ctx, answers);
      if (problem)
        errors.push(
          t(ctx, 'form.card_invalid', {
            label: form.fields.find((f) => f.key === problem.field)?.label ?? problem.field,
            error: t(ctx, problem.key, problem.fields),
          }),
        );
    }
    if (errors.length) throw new UserError('form.card_errors', { errors: errors.join('\n') });
    await deleteForm(ctx.tx, session.id);
    return { kind: 'submitted', form, answers, context: session.context };
  }
}

type SessionRef = { platform: string; chatId: string; userId: string };

/** The person submitting must still hold a role of the command that started the form. */
function assertMayFill(ctx: Ctx, handler: FormHandler): void {
  if (!ctx.member) throw new UserError('error.guest');
  if (!permits(ctx, handler)) throw new UserError('error.form_forbidden', { roles: whoMay(ctx, handler) });
}
