// /导入 (admins): a form asks for the workbook; its rows are checked at the review, so a
// refused file can be replaced at once; 确认 imports them all, or nothing.
import { readFileSync } from 'node:fs';
import type { Attachment } from '../../chat/messages.js';
import { storedFile } from '../../store/files.js';
import { allMatterCodes } from '../../store/matters.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import type { CommandSpec } from '../core/spec.js';
import type { ImportRow } from './import.js';
import { importMatters } from './import-write.js';

const MAX_SHOWN = 20;

/** Checks a ledger's rows; a refusal lists each problem (at most 20, and how many more). */
export async function checkedRows(ctx: Ctx, bytes: Buffer): Promise<ImportRow[]> {
  const existing = await allMatterCodes(ctx.tx);
  const { readLedger } = await import('./import.js');
  const { rows, errors } = await readLedger(ctx, bytes, existing);
  if (errors.length) {
    const more =
      errors.length > MAX_SHOWN ? `\n${t(ctx, 'workbook.error.more', { n: errors.length - MAX_SHOWN })}` : '';
    throw new UserError('workbook.error.refused', {
      count: errors.length,
      errors: errors.slice(0, MAX_SHOWN).join('\n') + more,
    });
  }
  return rows;
}

/** Imports checked rows, all or nothing (import-write.ts). */
export const importRows = importMatters;

async function fileBytes(ctx: Ctx, answers: Record<string, unknown>): Promise<Buffer> {
  const file = ((answers.file as Attachment[] | null) ?? [])[0];
  const stored = file ? await storedFile(ctx.tx, ctx.services.config.filesDir, file.ref) : undefined;
  if (!stored) throw new UserError('workbook.error.no_file');
  return readFileSync(stored.absolutePath);
}

export const importCommand: CommandSpec = {
  id: 'import',
  names: ['导入', 'import'],
  allow: ['admin'],
  async run(ctx, _cmd, { forms }) {
    await forms.start(ctx, 'ledger_import', {});
  },
};

export const importForm: FormHandler = {
  form: 'ledger_import',
  allow: ['admin'],
  async review(ctx, answers) {
    const rows = await checkedRows(ctx, await fileBytes(ctx, answers));
    return [
      t(ctx, 'workbook.review', {
        count: rows.length,
        first: rows[0]?.code ?? rows[0]?.title ?? '',
        last: rows.at(-1)?.code ?? rows.at(-1)?.title ?? '',
      }),
    ];
  },
  async submit(ctx, answers) {
    const rows = await checkedRows(ctx, await fileBytes(ctx, answers));
    const codes = await importRows(ctx, rows);
    reply(ctx, 'workbook.imported', {
      count: codes.length,
      codes: codes.slice(0, 10).join('、') + (codes.length > 10 ? '…' : ''),
    });
  },
};
