// Every sentence the bot says is a template in prompts/: each key the code uses must
// exist, every template must render with its fields, and every form file must load.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormDefinitionError, parseFormDef } from '../../src/bot/core/forms/definition.js';
import { CORE_WORDS, loadFormFiles, loadPrompts, TemplateError } from '../../src/bot/core/prompts.js';
import { FAMILIES } from '../../src/bot/families.js';
import { MATTER_STATUSES, RECT_STATUSES } from '../../src/domain/vocabulary.js';

const prompts = loadPrompts();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (p.includes('generated')) return [];
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** 'form.ask', 'error.usage' … every string literal in src/ that looks like a template key */
const PREFIXES = [...CORE_WORDS, ...FAMILIES.flatMap((f) => f.words)];
const AUDIT_ACTIONS = /^(matter|remind|overdue|escalation|chat|form|command)\.[a-z_]+$/;
/** the audit actions of the rooms share a prefix with their templates: each family names its own */
const ROOM_AUDIT = FAMILIES.flatMap((f) => f.auditActions ?? []);
/** platform event names that look like keys */
const PLATFORM_EVENTS = ['card.action.trigger'];

describe('prompts', () => {
  const used = new Set<string>();
  for (const file of sources(path.resolve('src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g))
      if (PREFIXES.includes(m[1]!.split('.')[0]!)) used.add(m[1]!);
  }

  it('has every template key the code names', () => {
    const missing = [...used].filter(
      (k) => !prompts.has(k) && !AUDIT_ACTIONS.test(k) && !ROOM_AUDIT.includes(k) && !PLATFORM_EVENTS.includes(k),
    );
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(80);
  });

  it('has the keys the code builds from names', () => {
    for (const s of MATTER_STATUSES) expect(prompts.has(`status.${s}`)).toBe(true);
    for (const id of [
      'help',
      'rec_new',
      'reply',
      'evaluate',
      'extend',
      'clue',
      'ledger',
      'status',
      'bind',
      'attachments',
    ])
      expect(prompts.has(`help.cmd.${id}`)).toBe(true);
    // every command of every family has its help line
    for (const c of FAMILIES.flatMap((f) => f.commands))
      expect({ id: c.id, help: prompts.has(`help.cmd.${c.id}`) }).toEqual({ id: c.id, help: true });
    for (const b of ['start', 'month', 'shift', 'workday']) expect(prompts.has(`deadline.basis.${b}`)).toBe(true);
    for (const p of ['format', 'not_positive', 'too_long'])
      expect(prompts.has(`error.period.${p}`) && prompts.has(`form.error.period_${p}`)).toBe(true);
    for (const r of ['empty', 'too_large', 'executable', 'type', 'download'])
      expect(prompts.has(`form.error.file_${r}`)).toBe(true);
    for (const p of ['empty', 'control', 'invisible', 'unpaired'])
      expect(prompts.has(`error.text.${p}`) && prompts.has(`form.error.text_${p}`)).toBe(true);
  });

  it("keeps a restricted clue's content out of every template that goes to a group", () => {
    // outlines, reminders, overdue notices, escalations, sleeping nudges and card titles reach groups
    const toGroups = prompts
      .keys()
      .filter((k) =>
        /^clue\.(.*outline.*|remind\..+|overdue\..+|escalation\..+|sleeping.*|card\..+|content_by_direct|recall_hint)$/.test(
          k,
        ),
      );
    expect(toGroups.length).toBeGreaterThan(20);
    for (const key of toGroups)
      expect({
        key,
        fields: prompts
          .fieldsOf(key)
          .filter((f) => ['summary', 'involved', 'note', 'reason', 'result', 'text', 'handler'].includes(f)),
      }).toEqual({ key, fields: [] });
    for (const e of ['accept', 'progress', 'close', 'return', 'forward', 'refer'])
      expect(prompts.has(`clue.error.cannot.${e}`)).toBe(true);
    for (const a of ['register', 'refer', 'forward', 'accept', 'progress', 'return', 'close'])
      expect(prompts.has(`clue.chain.${a}`)).toBe(true);
  });

  it("says a task's words with no field its sentence for a recommendation lacks", () => {
    // forKind picks `<key>_task` for a task and fills it with the fields of `<key>`
    const variants = prompts.keys().filter((k) => k.endsWith('_task') && prompts.has(k.slice(0, -'_task'.length)));
    expect(variants.length).toBeGreaterThan(15);
    for (const key of variants) {
      const base = prompts.fieldsOf(key.slice(0, -'_task'.length));
      expect({ key, extra: prompts.fieldsOf(key).filter((f) => !base.includes(f)) }).toEqual({ key, extra: [] });
    }
    for (const s of RECT_STATUSES) expect(prompts.has(`reply.rect_status_task.${s}`)).toBe(true);
  });

  it('renders every template when its fields are given, and refuses a missing field', () => {
    for (const key of prompts.keys()) {
      const fields = Object.fromEntries(prompts.fieldsOf(key).map((f) => [f, 'x']));
      expect(prompts.render(key, fields)).not.toMatch(/\{\w+\}/);
      if (prompts.fieldsOf(key).length) expect(() => prompts.render(key, {})).toThrow(TemplateError);
    }
    expect(() => prompts.render('no.such.key')).toThrow(TemplateError);
  });

  it('loads every form definition, and rejects a broken one', () => {
    const forms = loadFormFiles().map(parseFormDef);
    expect(forms.map((f) => f.name).sort()).toEqual([
      'campaign_return',
      'clue',
      'clue_accept',
      'clue_close',
      'clue_progress',
      'clue_receiver',
      'clue_return',
      'consultation_answer',
      'evaluation_escalate',
      'evaluation_outcome',
      'evaluation_pass',
      'evaluation_return',
      'extension',
      'instruct',
      'ledger_import',
      'meeting_agenda',
      'meeting_minutes',
      'meeting_receipt',
      'recommendation',
      'recommendation_documents',
      'rectification',
      'review_list',
      'review_result',
      'submission_figures',
      'submission_file',
      'submission_training',
      'supervise',
      'supervision_notice',
      'task_reply',
    ]);
    // each form file has the handler its family registered, and each handler its file
    expect(FAMILIES.flatMap((f) => f.forms.map((h) => h.form)).sort()).toEqual(forms.map((f) => f.name).sort());
    expect(() =>
      parseFormDef({
        name: 'x',
        title: 'X',
        restart: '/x',
        fields: [{ key: 'a', type: 'colour', label: 'A', prompt: 'A?' }],
      }),
    ).toThrow(FormDefinitionError);
    expect(() =>
      parseFormDef({
        name: 'x',
        title: 'X',
        restart: '/x',
        fields: [{ key: 'a', type: 'text', label: 'A', prompt: 'A?', when: { field: 'zz', equals: '1' } }],
      }),
    ).toThrow('when');
  });
});
