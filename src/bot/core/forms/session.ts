// A form session kept between messages: opened with its idle timeout planned as a job,
// saved after each reply (the timeout moved on), ended by deleting it. One reply to an open
// form works on a FormTurn: a copy of the session's answers, saved or ended as a whole.

import { deleteForm, type FormSessionState, saveForm } from '../../../store/forms.js';
import { planJob, reschedulePending } from '../../../store/jobs.js';
import type { Ctx } from '../context.js';
import type { Fields } from '../prompts.js';
import type { Meta } from './answers.js';
import type { FormDef } from './definition.js';
import type { FormOutcome } from './engine.js';
import type { FormHandler } from './handler.js';
import { restartText, say } from './messages.js';

export const FORM_IDLE_MINUTES = 30;

/** When a form left alone from now times out. */
export function expiry(ctx: Ctx): Date {
  return new Date(ctx.now.getTime() + FORM_IDLE_MINUTES * 60_000);
}

/** Saves a new session and plans its timeout (a job, so a restart does not forget it). */
export async function openSession(
  ctx: Ctx,
  fields: Omit<FormSessionState, 'id' | 'expiresAt'>,
): Promise<FormSessionState> {
  const session = await saveForm(ctx.tx, { ...fields, expiresAt: expiry(ctx) });
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
  return session;
}

/** One reply to an open form: the session's answers as this reply changes them, and how they are kept. */
export class FormTurn {
  readonly answers: Record<string, unknown>;
  readonly displays: Record<string, string>;
  readonly who: Meta['__who'];
  readonly trail: number[];

  constructor(
    readonly ctx: Ctx,
    readonly session: FormSessionState,
    readonly form: FormDef,
    /** what the form's family registered for it (checks, review notes, who may submit) */
    readonly handler: FormHandler | undefined,
  ) {
    this.answers = { ...session.answers };
    this.displays = { ...((this.answers.__display as Record<string, string>) ?? {}) };
    this.who = this.answers.__who as Meta['__who'];
    this.trail = [...session.trail];
  }

  /** The command that starts the form again, said when it ends. */
  get restart(): string {
    return restartText(this.form, this.session.context);
  }

  /** A message to the person filling the form. */
  say(key: string, fields: Fields = {}): void {
    say(this.ctx, this.session, this.who, key, fields);
  }

  /** Keeps the answers as they are now (with `patch`), and moves the idle timeout on. */
  async save(patch: Partial<FormSessionState>): Promise<void> {
    const { ctx, session } = this;
    await saveForm(ctx.tx, {
      ...session,
      answers: { ...this.answers, __display: this.displays },
      trail: this.trail,
      ...patch,
      expiresAt: expiry(ctx),
    });
    await reschedulePending(ctx.tx, `form_timeout:${session.id}`, expiry(ctx));
    ctx.scheduled = true;
  }

  /** Ends the form (its session deleted) with a last word. */
  async end(key: string, fields: Fields): Promise<FormOutcome> {
    await deleteForm(this.ctx.tx, this.session.id);
    this.say(key, fields);
    return { kind: 'ended' } as const;
  }
}
