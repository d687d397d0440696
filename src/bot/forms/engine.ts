// One engine for every conversation form (DESIGN.md "Forms are data"): per (chat, user),
// persisted and resumable, with /取消, /上一步, /跳过, a 30-minute idle timeout, three
// tries per field, and a confirmation step before anything is saved.
import { listOrgs } from '../../store/roster.js';
import { deleteForm, type FormSessionState, saveForm } from '../../store/forms.js';
import { planJob, reschedulePending } from '../../store/jobs.js';
import { type Ctx, reply, t } from '../context.js';
import type { CardForm } from '../types.js';
import type { FieldDef, FormDef } from './definition.js';
import { applies, readAnswer, type AnswerContext } from './validate.js';

export const FORM_IDLE_MINUTES = 30;
export const MAX_FAILURES = 3;
const CONFIRM_WORDS = ['确认', '确定', '提交', 'ok', 'yes', 'y'];

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

export class FormEngine {
  private readonly forms = new Map<string, FormDef>();

  constructor(defs: FormDef[]) {
    for (const d of defs) this.forms.set(d.name, d);
  }

  get(name: string): FormDef {
    const f = this.forms.get(name);
    if (!f) throw new Error(`unknown form ${name}`);
    return f;
  }

  all(): FormDef[] {
    return [...this.forms.values()];
  }

  private restartText(form: FormDef, context: Record<string, string>): string {
    return form.restart.replace(/\{(\w+)\}/g, (_, k: string) => context[k] ?? '');
  }

  private expiry(ctx: Ctx): Date {
    return new Date(ctx.now.getTime() + FORM_IDLE_MINUTES * 60_000);
  }

  private async answerContext(ctx: Ctx): Promise<AnswerContext> {
    return { today: ctx.today, orgs: await listOrgs(ctx.tx), attachments: ctx.incoming?.attachments ?? [] };
  }

  /** The index of the next field to ask after `from`, or -1 when all are answered. */
  private nextField(form: FormDef, answers: Record<string, unknown>, from: number): number {
    for (let i = from; i < form.fields.length; i++) {
      const f = form.fields[i]!;
      if (applies(f, answers) && !(f.key in answers)) return i;
    }
    return -1;
  }

  private ask(ctx: Ctx, form: FormDef, index: number, answers: Record<string, unknown>): void {
    const field = form.fields[index]!;
    const total = form.fields.filter((f) => applies(f, answers)).length;
    const position = form.fields.slice(0, index + 1).filter((f) => applies(f, answers)).length;
    const lines = [t(ctx, 'form.ask', { n: position, total, prompt: field.prompt })];
    if (field.type === 'choice') for (const [i, c] of field.choices!.entries()) lines.push(t(ctx, 'form.choice_line', { n: i + 1, label: c.label }));
    if (!field.required) lines.push(t(ctx, 'form.optional_hint'));
    ctx.out.push({ platform: ctx.incoming!.platform, to: { chatId: ctx.incoming!.chatId }, text: lines.join('\n') });
  }

  private summary(ctx: Ctx, form: FormDef, answers: Record<string, unknown>, displays: Record<string, string>): void {
    const lines = form.fields
      .filter((f) => applies(f, answers) && f.key in answers)
      .map((f) => t(ctx, 'form.summary_line', { label: f.label, value: displays[f.key] ?? t(ctx, 'form.skipped_value') }));
    reply(ctx, 'form.summary', { title: form.title, lines: lines.join('\n') });
  }

  /**
   * Starts a form for the sender of the current message. `prefill` answers (already
   * given on the command line) are not asked again.
   */
  async start(ctx: Ctx, formName: string, context: Record<string, string>, prefill: Record<string, unknown> = {}, displays: Record<string, string> = {}): Promise<FormOutcome> {
    const form = this.get(formName);
    const inc = ctx.incoming!;
    const answers: Record<string, unknown> = { ...prefill, __display: { ...displays } };
    const step = this.nextField(form, answers, 0);
    const session = await saveForm(ctx.tx, {
      platform: inc.platform,
      chatId: inc.chatId,
      userId: inc.senderId,
      formName,
      step,
      answers,
      trail: [],
      context,
      failures: 0,
      expiresAt: this.expiry(ctx),
    });
    await planJob(ctx.tx, { kind: 'form_timeout', key: `form_timeout:${session.id}`, dueAt: session.expiresAt, payload: { sessionId: session.id } });
    ctx.scheduled = true;
    reply(ctx, 'form.start', { title: form.title });
    if (step === -1) this.summary(ctx, form, answers, displays);
    else this.ask(ctx, form, step, answers);
    return { kind: 'continue' };
  }

  /** Handles one message from the person filling `session`. */
  async handle(ctx: Ctx, session: FormSessionState, control: FormControl | undefined): Promise<FormOutcome> {
    const form = this.get(session.formName);
    const inc = ctx.incoming!;
    const answers = { ...session.answers };
    const displays = { ...((answers.__display as Record<string, string>) ?? {}) };
    const trail = [...session.trail];
    const restart = this.restartText(form, session.context);
    const save = async (patch: Partial<FormSessionState>) => {
      await saveForm(ctx.tx, { ...session, answers: { ...answers, __display: displays }, trail, ...patch, expiresAt: this.expiry(ctx) });
      await reschedulePending(ctx.tx, `form_timeout:${session.id}`, this.expiry(ctx));
      ctx.scheduled = true;
    };
    const end = async (key: string, fields: Record<string, string>) => {
      await deleteForm(ctx.tx, session.id);
      reply(ctx, key, fields);
      return { kind: 'ended' } as const;
    };

    if (control === 'cancel') return end('form.cancelled', { title: form.title });

    if (control === 'back') {
      const prev = trail.pop();
      if (prev === undefined) {
        reply(ctx, 'form.no_back');
        await save({});
        return { kind: 'continue' };
      }
      // fields are answered in order, so only that field's answer is forgotten
      const key = form.fields[prev]!.key;
      delete answers[key];
      delete displays[key];
      await save({ step: prev, failures: 0 });
      this.ask(ctx, form, prev, answers);
      return { kind: 'continue' };
    }

    // the confirmation step
    if (session.step === -1) {
      if (control === 'skip') {
        reply(ctx, 'form.confirm_expected');
        return { kind: 'continue' };
      }
      if (CONFIRM_WORDS.includes(inc.text.trim().toLowerCase())) {
        await deleteForm(ctx.tx, session.id);
        delete answers.__display;
        return { kind: 'submitted', form, answers, context: session.context };
      }
      const failures = session.failures + 1;
      if (failures >= MAX_FAILURES) return end('form.too_many_failures_confirm', { title: form.title, restart });
      await save({ failures });
      reply(ctx, 'form.confirm_expected');
      return { kind: 'continue' };
    }

    const field: FieldDef = form.fields[session.step]!;
    if (control === 'skip') {
      if (field.required) {
        reply(ctx, 'form.cannot_skip', { label: field.label });
        await save({});
        return { kind: 'continue' };
      }
      answers[field.key] = null;
    } else {
      const result = readAnswer(field, inc.text, await this.answerContext(ctx));
      if (!result.ok) {
        const failures = session.failures + 1;
        if (failures >= MAX_FAILURES) return end('form.too_many_failures', { label: field.label, title: form.title, restart });
        await save({ failures });
        reply(ctx, 'form.invalid', { error: t(ctx, result.error, result.fields), left: MAX_FAILURES - failures });
        return { kind: 'continue' };
      }
      answers[field.key] = result.value;
      displays[field.key] = result.display;
    }
    trail.push(session.step);
    const next = this.nextField(form, answers, session.step + 1);
    await save({ step: next, failures: 0 });
    if (next === -1) this.summary(ctx, form, answers, displays);
    else this.ask(ctx, form, next, answers);
    return { kind: 'continue' };
  }

  /** Ends a form left idle; the timeout job calls this. */
  async expire(ctx: Ctx, session: FormSessionState): Promise<void> {
    const form = this.get(session.formName);
    await deleteForm(ctx.tx, session.id);
    ctx.out.push({
      platform: session.platform,
      to: { chatId: session.chatId },
      text: t(ctx, 'form.timeout', { title: form.title, restart: this.restartText(form, session.context), mention: session.userId }),
    });
  }

  /** The same form as a card form, for platforms that show one (Feishu, the sandbox page). */
  cardForm(formName: string, context: Record<string, string>): CardForm {
    const form = this.get(formName);
    return {
      name: form.name,
      context,
      submitLabel: form.submitLabel,
      fields: form.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, required: f.required, choices: f.choices, when: f.when, placeholder: f.placeholder })),
    };
  }

  /** Validates a card-form submit as a whole; returns the answers or the errors, field by field. */
  async readCard(ctx: Ctx, formName: string, values: Record<string, unknown>): Promise<{ answers: Record<string, unknown> } | { errors: string[] }> {
    const form = this.get(formName);
    const actx = await this.answerContext(ctx);
    const answers: Record<string, unknown> = {};
    const errors: string[] = [];
    for (const f of form.fields) {
      if (!applies(f, answers)) continue;
      const raw = values[f.key];
      const empty = raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
      if (empty) {
        if (f.required) errors.push(t(ctx, 'form.card_missing', { label: f.label }));
        else answers[f.key] = null;
        continue;
      }
      const r = readAnswer(f, raw, { ...actx, attachments: Array.isArray(raw) ? (raw as never) : [] });
      if (r.ok) answers[f.key] = r.value;
      else errors.push(t(ctx, 'form.card_invalid', { label: f.label, error: t(ctx, r.error, r.fields) }));
    }
    return errors.length ? { errors } : { answers };
  }
}
