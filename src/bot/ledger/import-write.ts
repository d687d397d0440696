// Writing an imported ledger: every row checked and computed first (its unit, its deadline, its
// code), then all of it written in a few statements — the matters many to a statement, one code
// reservation per prefix and year, the audit together — so the one transaction that keeps "all or
// nothing" (一行也不导入) holds other chats back only a moment. Their reminders follow in steps.
import { yearOf } from '../../domain/civil-date.js';
import { MATTER_CODE_PREFIX } from '../../domain/vocabulary.js';
import { insertMatters, keepCodeSequence, reserveCodes } from '../../store/matters.js';
import { audit, type Ctx } from '../core/context.js';
import { matterRow, type PreparedMatter, prepareMatter } from '../core/matters.js';
import type { ImportRow } from './import.js';
import { planImportReminders, planRemindersOf } from './import-reminders.js';

/** The codes of the rows: a row's own (the sequence moved past the highest), the others reserved after them, in row order. */
async function codesOf(ctx: Ctx, prepared: PreparedMatter[]): Promise<string[]> {
  const highest = new Map<string, string>();
  for (const { input } of prepared) {
    if (!input.code) continue;
    const group = input.code.slice(0, 7); // JY-2026
    const was = highest.get(group);
    if (!was || Number(input.code.slice(8)) > Number(was.slice(8))) highest.set(group, input.code);
  }
  for (const code of highest.values()) await keepCodeSequence(ctx.tx, code);
  const wanted = new Map<string, PreparedMatter[]>();
  for (const p of prepared) {
    if (p.input.code) continue;
    const group = `${MATTER_CODE_PREFIX[p.input.kind]}-${yearOf(p.input.servedOn)}`;
    const list = wanted.get(group);
    if (list) list.push(p);
    else wanted.set(group, [p]);
  }
  const given = new Map<PreparedMatter, string>();
  for (const [group, list] of wanted) {
    const codes = await reserveCodes(ctx.tx, group.slice(0, 2), Number(group.slice(3)), list.length);
    for (const [i, p] of list.entries()) given.set(p, codes[i]!);
  }
  return prepared.map((p) => p.input.code ?? given.get(p)!);
}

/**
 * Imports checked rows: each keeps its code, gets its deadline and reminders, no notice. Returns the
 * codes. The reminders follow in steps after the answer, or (`inline`: the command line, which has no
 * scheduler running to take the steps) in the same transaction.
 */
export async function importMatters(
  ctx: Ctx,
  rows: ImportRow[],
  reminders: 'after' | 'inline' = 'after',
): Promise<string[]> {
  const prepared: PreparedMatter[] = [];
  for (const r of rows)
    prepared.push(
      await prepareMatter(ctx, {
        kind: r.kind,
        orgId: r.orgId,
        title: r.title,
        servedOn: r.served,
        period: r.period,
        code: r.code,
        docNumber: r.docNumber,
        silent: true,
      }),
    );
  const codes = await codesOf(ctx, prepared);
  const matters = await insertMatters(
    ctx.tx,
    prepared.map((p, i) => matterRow(ctx, p, codes[i]!)),
  );
  // their reminders right after, a thousand matters a step (import-reminders.ts)
  const ids = matters.map((m) => m.id);
  if (reminders === 'inline') await planRemindersOf(ctx, ids);
  else await planImportReminders(ctx, ids, `import:${ctx.incoming?.eventId ?? ctx.now.toISOString()}`);
  for (const [i, m] of matters.entries()) {
    const { org, deadline, input } = prepared[i]!;
    audit(ctx, 'matter.import', m.code, {
      kind: input.kind,
      org: org.name,
      dueOn: deadline.due,
      provisional: deadline.provisional,
    });
  }
  audit(ctx, 'workbook.import', undefined, { rows: rows.length });
  return codes;
}
