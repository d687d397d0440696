// 台账: the open matters in due order (/台账), one matter's whole record (/状态), its files (/附件),
// and the ledger workbook out (/导出) and in (/导入).
import type { CommandFamily } from '../core/spec.js';
import { attachmentsCommand } from './attachments.js';
import { exportCommand } from './export-command.js';
import { importCommand, importForm } from './import-command.js';
import { IMPORT_REMINDERS, importReminders } from './import-reminders.js';
import { exportLedger, LEDGER_EXPORT, ledgerCommand } from './ledger.js';
import { statusCommand } from './status.js';

export const ledger: CommandFamily = {
  name: 'ledger',
  words: ['ledger', 'attachments', 'workbook'],
  auditActions: ['workbook.export', 'workbook.import'],
  commands: [ledgerCommand, statusCommand, attachmentsCommand, exportCommand, importCommand],
  forms: [importForm],
  jobs: { [LEDGER_EXPORT]: exportLedger, [IMPORT_REMINDERS]: importReminders },
};
