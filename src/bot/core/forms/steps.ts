// The steps of one reply to a question of a form: /上一步 back to the last answer, the reply
// taken as the answer (/跳过, 是 to a correction offered, or the text read, three tries per
// field), the answers checked together, then the next question or the review.

import { t } from '../context.js';
import { answerContext, type Meta, nextField, plainAnswers } from './answers.js';
import { YES_WORDS } from './controls.js';
import type { FieldDef } from './definition.js';
import type { FormOutcome } from './engine.js';
import { ask } from './messages.js';
import { review } from './review.js';
import type { FormTurn } from './session.js';
import { readAnswer } from './validate.js';

export const MAX_FAILURES = 3;

/** /上一步: forgets the last answer and asks that question again (or says there is none before). */
export async function goBack(turn: FormTurn): Promise<FormOutcome> {
  const { ctx, session, form, answers, displays, trail } = turn;
  delete answers.__suggest;
  const prev = trail.pop();
  if (prev === undefined) {
    turn.say('form.no_back');
    await turn.save({});
    return { kind: 'continue' };
  }
  // fields are answered in order, so only that field's answer is forgotten
  const key = form.fields[prev]!.key;
  delete answers[key];
  delete displays[key];
  await turn.save({ step: prev, failures: 0 });
  ask(ctx, session, form, prev, answers);
  return { kind: 'continue' };
}

/**
 * Takes the reply as the current field's answer: /跳过 (an optional field), 是 (the
 * correction offered), or the text read. Returns the outcome when the reply was refused (the
 * question asked again, or the form ended after too many tries); nothing when it was taken.
 */
export async function takeAnswer(turn: FormTurn, control: 'skip' | undefined): Promise<FormOutcome | undefined> {
  const { ctx, session, form, answers, displays } = turn;
  const inc = ctx.incoming!;
  const field: FieldDef = form.fields[session.step]!;
  const suggest = answers.__suggest as Meta['__suggest'];
  delete answers.__suggest;
  if (control === 'skip') {
    if (field.required) {
      turn.say('form.cannot_skip', { label: field.label });
      await turn.save({});
      return { kind: 'continue' };
    }
    answers[field.key] = null;
  } else if (suggest && suggest.key === field.key && YES_WORDS.includes(inc.text.trim().toLowerCase())) {
    answers[field.key] = suggest.value;
    displays[field.key] = suggest.display;
  } else {
    const result = readAnswer(field, inc.text, await answerContext(ctx));
    if (!result.ok) {
      const failures = session.failures + 1;
      if (failures >= MAX_FAILURES)
        return turn.end('form.too_many_failures', { label: field.label, title: form.title, restart: turn.restart });
      if (result.suggest) answers.__suggest = { key: field.key, ...result.suggest };
      await turn.save({ failures });
      turn.say('form.invalid', { error: t(ctx, result.error, result.fields), left: MAX_FAILURES - failures });
      return { kind: 'continue' };
    }
    answers[field.key] = result.value;
    displays[field.key] = result.display;
  }
  return undefined;
}

/**
 * The answers so far checked together by the form's handler: when they do not fit, the
 * field at fault is forgotten and asked again, with why. Returns the outcome when so.
 */
export async function recheck(turn: FormTurn): Promise<FormOutcome | undefined> {
  const { ctx, session, form, answers, displays, trail } = turn;
  const problem = await turn.handler?.check?.(ctx, plainAnswers(answers));
  if (!problem) return undefined;
  const index = form.fields.findIndex((f) => f.key === problem.field);
  delete answers[problem.field];
  delete displays[problem.field];
  await turn.save({ step: index, failures: 0, trail: trail.filter((i) => i < index) });
  turn.say('form.check_failed', { error: t(ctx, problem.key, problem.fields) });
  ask(ctx, session, form, index, answers);
  return { kind: 'continue' };
}

/** The answer taken: on to the next question, or to the review when none is left. */
export async function advance(turn: FormTurn): Promise<FormOutcome> {
  const { ctx, session, form, answers, displays, trail } = turn;
  trail.push(session.step);
  const next = nextField(form, answers, session.step + 1);
  await turn.save({ step: next, failures: 0 });
  if (next === -1) await review(ctx, session, form, turn.handler, { ...answers, __display: displays }, session.context);
  else ask(ctx, session, form, next, answers);
  return { kind: 'continue' };
}
