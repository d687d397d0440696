// 审计: the audit chain's start-up (key, first chaining of older rows, a configured retention) and
// /审计 编号 for admins. The chain itself is written by the store with every audit row
// (src/store/audit.ts, audit-chain.ts); liandong audit verify|export read it (src/cli/audit-command.ts).
import type { CommandFamily } from '../core/spec.js';
import { auditCommand } from './commands.js';
import { startAudit } from './start.js';

export const audit: CommandFamily = {
  name: 'audit',
  words: ['audit'],
  auditActions: ['audit.view', 'audit.export', 'audit.purge', 'audit.head_restored'],
  commands: [auditCommand],
  forms: [],
  onStart: startAudit,
};
