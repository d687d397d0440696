// Form definitions are data (prompts/forms/*.yaml); this checks them when loaded, so a
// mistake in a form file stops the start (and fails a test), never a user's answer.
import type { CardFormField } from '../../../chat/messages.js';

export type FieldType = CardFormField['type'];
const FIELD_TYPES: FieldType[] = ['text', 'choice', 'date', 'number', 'attachment', 'period', 'org'];

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  prompt: string;
  required: boolean;
  /** `aliases`: other words officials write for the same choice (an older label, a short form) */
  choices?: Array<{ value: string; label: string; aliases?: string[] }>;
  when?: { field: string; equals: string };
  maxLength?: number;
  /** dates: 'today' = not before today */
  notBefore?: 'today';
  /** dates: 'today' = not after today (a served date cannot be in the future) */
  notAfter?: 'today';
  /** text: one line (titles) */
  singleLine?: boolean;
  min?: number;
  max?: number;
  placeholder?: string;
}

export interface FormDef {
  name: string;
  title: string;
  /** the command that starts it again, shown after a timeout, e.g. "/反馈 {code}" */
  restart: string;
  fields: FieldDef[];
  submitLabel: string;
}

export class FormDefinitionError extends Error {}

export function parseFormDef(raw: unknown): FormDef {
  const f = raw as Record<string, unknown>;
  const where = `表单 ${String(f?.name ?? '(无名)')}`;
  const need = (cond: unknown, what: string) => {
    if (!cond) throw new FormDefinitionError(`${where}：${what}`);
  };
  need(typeof f?.name === 'string' && /^[a-z_]+$/.test(f.name as string), 'name 应为小写英文标识');
  need(typeof f.title === 'string', '缺少 title');
  need(typeof f.restart === 'string', '缺少 restart');
  need(Array.isArray(f.fields) && (f.fields as unknown[]).length > 0, '缺少 fields');
  const keys = new Set<string>();
  const fields = (f.fields as Array<Record<string, unknown>>).map((x) => {
    need(typeof x.key === 'string' && !keys.has(x.key as string), `字段 key 缺失或重复：${String(x.key)}`);
    keys.add(x.key as string);
    need(FIELD_TYPES.includes(x.type as FieldType), `字段 ${String(x.key)} 的 type 应为 ${FIELD_TYPES.join('/')}`);
    need(typeof x.label === 'string' && typeof x.prompt === 'string', `字段 ${String(x.key)} 缺少 label 或 prompt`);
    if (x.type === 'choice')
      need(Array.isArray(x.choices) && (x.choices as unknown[]).length > 1, `字段 ${String(x.key)} 缺少 choices`);
    const when = x.when as FieldDef['when'];
    if (when) need(keys.has(when.field) && when.field !== x.key, `字段 ${String(x.key)} 的 when 应引用前面的字段`);
    return {
      key: x.key as string,
      label: x.label as string,
      type: x.type as FieldType,
      prompt: (x.prompt as string).trim(),
      required: x.required !== false,
      choices: x.choices as FieldDef['choices'],
      when,
      maxLength: x.maxLength as number | undefined,
      notBefore: x.notBefore as 'today' | undefined,
      notAfter: x.notAfter as 'today' | undefined,
      singleLine: x.singleLine === true,
      min: x.min as number | undefined,
      max: x.max as number | undefined,
      placeholder: x.placeholder as string | undefined,
    };
  });
  return {
    name: f.name as string,
    title: f.title as string,
    restart: f.restart as string,
    fields,
    submitLabel: (f.submitLabel as string) ?? '提交',
  };
}
