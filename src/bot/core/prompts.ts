// Every sentence the bot says is a template in prompts/*.yaml (messages.yaml for the core, and a file per family), rendered with
// named fields. A missing template or field is a programming error: it throws, and
// the tests render every template key used in the code (test/bot/prompts.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { PROJECT_ROOT } from '../../paths.js';

/**
 * The first parts of the core's template keys (messages.yaml); each family names its own
 * (`words` in its index.ts) and keeps them in prompts/<family>.yaml.
 */
export const CORE_WORDS = [
  'lark',
  'common',
  'role',
  'status',
  'usage',
  'error',
  'matter',
  'deadline',
  'form',
  'card',
  'org_kind',
];

export const PROMPTS_DIR = path.join(PROJECT_ROOT, 'prompts');

export class TemplateError extends Error {}

export type Fields = Record<string, string | number | undefined | null>;

export class Prompts {
  constructor(private readonly templates: Record<string, string>) {}

  /** A copy with some templates replaced (an office's local wording, or a test). */
  withOverrides(overrides: Record<string, string>): Prompts {
    return new Prompts({ ...this.templates, ...overrides });
  }

  has(key: string): boolean {
    return typeof this.templates[key] === 'string';
  }

  keys(): string[] {
    return Object.keys(this.templates);
  }

  /** The names a template uses, e.g. ['code', 'due']. */
  fieldsOf(key: string): string[] {
    const t = this.templates[key];
    if (t === undefined) throw new TemplateError(`缺少模板 ${key}`);
    return [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  }

  render(key: string, fields: Fields = {}): string {
    const t = this.templates[key];
    if (t === undefined) throw new TemplateError(`缺少模板 ${key}`);
    return t
      .replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = fields[name];
        if (v === undefined || v === null) throw new TemplateError(`模板 ${key} 缺少字段 ${name}`);
        return String(v);
      })
      .replace(/\n+$/, '');
  }
}

function flatten(obj: unknown, prefix: string, out: Record<string, string>) {
  if (typeof obj === 'string') {
    out[prefix] = obj;
    return;
  }
  if (obj && typeof obj === 'object')
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
}

/** messages.yaml and each family's own file (clues.yaml …): one template set; a key defined twice is an error. */
export function loadPrompts(dir = PROMPTS_DIR): Prompts {
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const part: Record<string, string> = {};
    flatten(YAML.parse(readFileSync(path.join(dir, file), 'utf8')), '', part);
    for (const key of Object.keys(part)) if (key in out) throw new TemplateError(`模板 ${key} 在 ${file} 中重复定义`);
    Object.assign(out, part);
  }
  return new Prompts(out);
}

export function loadFormFiles(dir = path.join(PROMPTS_DIR, 'forms')): unknown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => YAML.parse(readFileSync(path.join(dir, f), 'utf8')));
}
