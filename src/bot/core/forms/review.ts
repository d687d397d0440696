// The review step, before anything is saved: every answer with defaults named
// ("2个月（默认）") and the family's notes (the due date it will get); only 确认 submits,
// and only when the person still holds a role of the command that started the form.

import { deleteForm } from '../../../store/forms.js';
import { type Ctx, t, UserError } from '../context.js';
import { permits, whoMay } from '../permissions.js';
import { type Meta, plainAnswers } from './answers.js';
import { CONFIRM_WORDS, type FormControl } from './controls.js';
import type { FormDef } from './definition.js';
import type { FormOutcome } from './engine.js';
import type { FormHandler } from './handler.js';
import { type SessionRef, say } from './messages.js';
import type { FormTurn } from './session.js';
import { applies } from './validate.js';

/** Shows the answers for review, with the notes the form's handler adds. */
export async function review(
  ctx: Ctx,
  s: SessionRef,
  form: FormDef,
  handler: FormHandler | undefined,
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
  const notes = (await handler?.review?.(ctx, plainAnswers(answers), context)) ?? [];
  say(ctx, s, answers.__who as Meta['__who'], 'form.summary', {
    title: form.title,
    lines: [...lines, ...notes].join('\n'),
  });
}

/** A reply at the review step: 确认 submits; anything else keeps the answers and says the choices. */
export async function answerReview(turn: FormTurn, control: FormControl | undefined): Promise<FormOutcome> {
  const { ctx, session, form } = turn;
  if (!control && CONFIRM_WORDS.includes(ctx.incoming!.text.trim().toLowerCase())) {
    if (turn.handler) assertMayFill(ctx, turn.handler);
    await deleteForm(ctx.tx, session.id);
    return { kind: 'submitted', form, answers: plainAnswers(turn.answers), context: session.context };
  }
  await turn.save({});
  turn.say('form.confirm_expected', { title: form.title });
  return { kind: 'continue' };
}

/** The person submitting must still hold a role of the command that started the form. */
export function assertMayFill(ctx: Ctx, handler: FormHandler): void {
  if (!ctx.member) throw new UserError('error.guest');
  if (!permits(ctx, handler)) throw new UserError('error.form_forbidden', { roles: whoMay(ctx, handler) });
}
