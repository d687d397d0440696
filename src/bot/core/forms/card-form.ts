// A form as a card form, for platforms that show one (Feishu, the sandbox page), and the
// values such a card submits read as a whole: every field checked at once, every problem
// said together.

import type { CardForm } from '../../../chat/messages.js';
import type { FormSessionState } from '../../../store/forms.js';
import { type Ctx, t, UserError } from '../context.js';
import { answerContext, plainAnswers } from './answers.js';
import type { FormDef } from './definition.js';
import type { FormHandler } from './handler.js';
import { applies, readAnswer } from './validate.js';

/** The card form of `form`; it carries only the session's id. */
export function cardFormOf(form: FormDef, sessionId: string): CardForm {
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
 * A card's values read as the session's answers (those given on the command line kept), then
 * checked together by the form's handler. Any problem throws, listing them all.
 */
export async function cardAnswers(
  ctx: Ctx,
  form: FormDef,
  session: FormSessionState,
  values: Record<string, unknown>,
  handler: FormHandler | undefined,
): Promise<Record<string, unknown>> {
  const actx = await answerContext(ctx);
  const answers: Record<string, unknown> = { ...plainAnswers(session.answers) };
  const prefilled = (session.answers.__prefilled as string[] | undefined) ?? [];
  const errors: string[] = [];
  for (const f of form.fields) {
    if (!applies(f, answers)) continue;
    const raw = values?.[f.key];
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
  return answers;
}
