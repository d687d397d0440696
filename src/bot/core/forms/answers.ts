// The answers a form session keeps, and the engine's book-keeping kept beside them (what
// each answer reads as, what was given on the command line, the defaults, who is filling
// it): which question comes next, and where a question stands among those really asked.

import type { Ctx } from '../context.js';
import type { FieldDef, FormDef } from './definition.js';
import { type AnswerContext, applies } from './validate.js';

/** Book-keeping kept with the answers (JSON), never shown as an answer. */
export interface Meta {
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

/** What an answer is read against: today, the units, the files sent with the message. */
export async function answerContext(ctx: Ctx): Promise<AnswerContext> {
  return {
    today: ctx.today,
    orgs: await ctx.services.roster.orgs(ctx.tx),
    attachments: ctx.incoming?.attachments ?? [],
  };
}

/** The index of the next field to ask after `from`, or -1 when all are answered. */
export function nextField(form: FormDef, answers: Record<string, unknown>, from: number): number {
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
export function position(form: FormDef, index: number, answers: Record<string, unknown>): { n: number; total: string } {
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
