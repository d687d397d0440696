// What the person filling a form is told: every message addressed to them in a group (or
// sent to them in a direct chat), a question with its honest counter ("（第 2 项，共 3–4 项）")
// and its choices or default, and how to start the form again.

import type { Outgoing } from '../../../chat/messages.js';
import { directFormChat } from '../../../store/forms.js';
import { type Ctx, t } from '../context.js';
import type { Fields } from '../prompts.js';
import { type Meta, position } from './answers.js';
import type { FormDef } from './definition.js';

/** Where a form is being filled: the platform, the chat (dm:<user> for a direct one), the person. */
export type SessionRef = { platform: string; chatId: string; userId: string };

/** A message of the form to the person filling it: addressed to them in a group, sent to them in a direct chat. */
export function say(ctx: Ctx, session: SessionRef, who: Meta['__who'], key: string, fields: Fields = {}): void {
  const direct = session.chatId === directFormChat(session.userId);
  const message: Outgoing = {
    platform: session.platform,
    to: direct ? { userId: session.userId } : { chatId: session.chatId },
    text: t(ctx, key, fields),
  };
  if (!direct && who) message.mention = { userId: session.userId, name: who.name };
  ctx.out.push(message);
}

/** Asks the question at `index`: its number among those asked, its choices, its default or that it may be skipped. */
export function ask(ctx: Ctx, s: SessionRef, form: FormDef, index: number, answers: Record<string, unknown>): void {
  const field = form.fields[index]!;
  const { n, total } = position(form, index, answers);
  const lines = [t(ctx, 'form.ask', { n, total, prompt: field.prompt })];
  if (field.type === 'choice')
    for (const [i, c] of field.choices!.entries()) lines.push(t(ctx, 'form.choice_line', { n: i + 1, label: c.label }));
  const fallback = (answers.__defaults as Record<string, string> | undefined)?.[field.key];
  if (!field.required)
    lines.push(fallback ? t(ctx, 'form.default_hint', { value: fallback }) : t(ctx, 'form.optional_hint'));
  say(ctx, s, answers.__who as Meta['__who'], 'common.raw', { text: lines.join('\n') });
}

/** The form's restart line ("/反馈 JY-2026-001") with the session's context filled in. */
export function restartText(form: FormDef, context: Record<string, string>): string {
  return form.restart.replace(/\{(\w+)\}/g, (_, k: string) => context[k] ?? '');
}
