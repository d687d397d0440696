// Reading one answer to one field. Pure, except for the org list and today's date passed in.
import { type CivilDate, parseCivilDate, toHalfWidth } from '../../domain/civil-date.js';
import { matchOrg, type NamedOrg } from '../../domain/org-match.js';
import { formatPeriod, parsePeriod, PERIOD_FORMS_HINT } from '../../domain/period.js';
import type { Attachment } from '../types.js';
import type { FieldDef } from './definition.js';

export interface AnswerContext {
  today: CivilDate;
  orgs: NamedOrg[];
  attachments: Attachment[];
}

export type FieldResult =
  | { ok: true; value: unknown; display: string }
  | { ok: false; error: string; fields: Record<string, string | number> };

const fail = (error: string, fields: Record<string, string | number> = {}): FieldResult => ({ ok: false, error, fields });

/** Reads `raw` (text typed, or a value from a card form) as an answer to `field`. */
export function readAnswer(field: FieldDef, raw: unknown, ctx: AnswerContext): FieldResult {
  const text = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
  switch (field.type) {
    case 'text': {
      if (!text) return fail('form.error.text_empty');
      const max = field.maxLength ?? 2000;
      if (text.length > max) return fail('form.error.text_too_long', { max, length: text.length });
      return { ok: true, value: text, display: text };
    }
    case 'choice': {
      const choices = field.choices!;
      const half = toHalfWidth(text);
      const byNumber = /^\d+$/.test(half) ? choices[Number(half) - 1] : undefined;
      const chosen = byNumber ?? choices.find((c) => c.label === text || c.value === text);
      if (!chosen) return fail('form.error.choice', { choices: choices.map((c, i) => `${i + 1}. ${c.label}`).join('  ') });
      return { ok: true, value: chosen.value, display: chosen.label };
    }
    case 'date': {
      const date = parseCivilDate(text);
      if (!date) return fail('form.error.date');
      if (field.notBefore === 'today' && date < ctx.today) return fail('form.error.date_past', { today: ctx.today });
      return { ok: true, value: date, display: date };
    }
    case 'number': {
      const n = Number(toHalfWidth(text));
      if (!text || !Number.isFinite(n)) return fail('form.error.number');
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))
        return fail('form.error.number_range', { min: field.min ?? '-', max: field.max ?? '-' });
      return { ok: true, value: n, display: String(n) };
    }
    case 'period': {
      const p = parsePeriod(text);
      if (!p) return fail('form.error.period', { forms: PERIOD_FORMS_HINT });
      return { ok: true, value: formatPeriod(p), display: formatPeriod(p) };
    }
    case 'org': {
      const m = matchOrg(text, ctx.orgs);
      if (m.kind === 'found') return { ok: true, value: m.org.id, display: m.org.name };
      if (m.kind === 'ambiguous') return fail('form.error.org_ambiguous', { candidates: m.candidates.map((o) => o.name).join('、') });
      return fail(m.candidates.length ? 'form.error.org_unknown_suggest' : 'form.error.org_unknown', { query: text, candidates: m.candidates.map((o) => o.name).join('、') });
    }
    case 'attachment': {
      const list = Array.isArray(raw) ? (raw as Attachment[]) : ctx.attachments;
      if (list.length === 0) return fail('form.error.attachment');
      return { ok: true, value: list, display: list.map((a) => a.name).join('、') };
    }
  }
}

/** Whether a field applies given the answers so far. */
export function applies(field: FieldDef, answers: Record<string, unknown>): boolean {
  return !field.when || answers[field.when.field] === field.when.equals;
}
