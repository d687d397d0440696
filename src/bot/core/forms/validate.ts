// Reading one answer to one field. Pure, except for the org list and today's date passed in.

import type { Attachment } from '../../../chat/messages.js';
import { type CivilDate, MAX_YEAR, MIN_YEAR, readCivilDate, toHalfWidth } from '../../../domain/civil-date.js';
import { matchOrg, type NamedOrg } from '../../../domain/org-match.js';
import { formatPeriod, MAX_PERIOD_HINT, PERIOD_FORMS_HINT, readPeriod } from '../../../domain/period.js';
import { textProblem } from '../../../domain/text.js';
import type { FieldDef } from './definition.js';

export interface AnswerContext {
  today: CivilDate;
  orgs: NamedOrg[];
  attachments: Attachment[];
}

export type FieldResult =
  | { ok: true; value: unknown; display: string }
  /** `suggest`: one close value the person may accept by answering "是" */
  | {
      ok: false;
      error: string;
      fields: Record<string, string | number>;
      suggest?: { value: unknown; display: string };
    };

const fail = (error: string, fields: Record<string, string | number> = {}): FieldResult => ({
  ok: false,
  error,
  fields,
});

/** Reads `raw` (text typed, or a value from a card form) as an answer to `field`. */
export function readAnswer(field: FieldDef, raw: unknown, ctx: AnswerContext): FieldResult {
  const text = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
  switch (field.type) {
    case 'text': {
      const problem = textProblem(text, { singleLine: field.singleLine });
      if (problem) return fail(`form.error.text_${problem}`);
      const max = field.maxLength ?? 2000;
      const length = [...text].length;
      if (length > max) return fail('form.error.text_too_long', { max, length });
      return { ok: true, value: text, display: text };
    }
    case 'choice': {
      const choices = field.choices!;
      const half = toHalfWidth(text);
      const byNumber = /^\d+$/.test(half) ? choices[Number(half) - 1] : undefined;
      const chosen =
        byNumber ?? choices.find((c) => c.label === text || c.value === text || (c.aliases ?? []).includes(text));
      if (!chosen)
        return fail('form.error.choice', { choices: choices.map((c, i) => `${i + 1}. ${c.label}`).join('  ') });
      return { ok: true, value: chosen.value, display: chosen.label };
    }
    case 'date': {
      const r = readCivilDate(text);
      if ('error' in r)
        return fail(r.error === 'year' ? 'form.error.date_year' : 'form.error.date', { min: MIN_YEAR, max: MAX_YEAR });
      if (field.notBefore === 'today' && r.date < ctx.today) return fail('form.error.date_past', { today: ctx.today });
      if (field.notAfter === 'today' && r.date > ctx.today) return fail('form.error.date_future', { today: ctx.today });
      return { ok: true, value: r.date, display: r.date };
    }
    case 'number': {
      const n = Number(toHalfWidth(text));
      if (!text || !Number.isFinite(n)) return fail('form.error.number');
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))
        return fail('form.error.number_range', { min: field.min ?? '-', max: field.max ?? '-' });
      return { ok: true, value: n, display: String(n) };
    }
    case 'period': {
      const p = readPeriod(text);
      if ('error' in p) return fail(`form.error.period_${p.error}`, { forms: PERIOD_FORMS_HINT, max: MAX_PERIOD_HINT });
      return { ok: true, value: formatPeriod(p.period), display: formatPeriod(p.period) };
    }
    case 'org': {
      const m = matchOrg(text, ctx.orgs);
      if (m.kind === 'found') return { ok: true, value: m.org.id, display: m.org.name };
      if (m.kind === 'ambiguous')
        return fail('form.error.org_ambiguous', { candidates: m.candidates.map((o) => o.name).join('、') });
      if (m.close)
        return {
          ...fail('form.error.org_did_you_mean', { query: text, org: m.close.name }),
          suggest: { value: m.close.id, display: m.close.name },
        } as FieldResult;
      return fail(m.candidates.length ? 'form.error.org_unknown_suggest' : 'form.error.org_unknown', {
        query: text,
        candidates: m.candidates.map((o) => o.name).join('、'),
      });
    }
    case 'attachment': {
      const list = Array.isArray(raw) ? (raw as Attachment[]) : ctx.attachments;
      if (list.length === 0) return fail('form.error.attachment');
      const refused = list.find((a) => a.refused);
      if (refused) {
        const r = refused.refused!;
        const mb = (n = 0) => (n / 1048576).toFixed(1);
        return fail(`form.error.file_${r.reason}`, { name: refused.name, size: mb(r.size), max: mb(r.max) });
      }
      return { ok: true, value: list, display: list.map((a) => a.name).join('、') };
    }
  }
}

/** Whether a field applies given the answers so far. */
export function applies(field: FieldDef, answers: Record<string, unknown>): boolean {
  return !field.when || answers[field.when.field] === field.when.equals;
}
