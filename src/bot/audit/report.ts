// The audit chain's verdict in words: liandong audit verify, doctor's quick check, the first sheet
// of an audit export and /审计's one-word state all say it the same way (prompts/audit.yaml).
import type { StoredLink } from '../../domain/audit-chain.js';
import { formatShanghai } from '../../domain/civil-date.js';
import { auditKey } from '../../store/audit-key.js';
import type { ChainReport } from '../../store/audit-read.js';
import type { Prompts } from '../core/prompts.js';

/** An audit action in words (audit.action.clue_read: 查看控制知悉范围的内容), or the action itself. */
export function actionName(prompts: Prompts, action: string): string {
  const key = `audit.action.${action.replace(/\./g, '_')}`;
  return prompts.has(key) ? prompts.render(key) : action;
}

function rowText(p: Prompts, r: StoredLink): string {
  return p.render('audit.verify.row', {
    time: formatShanghai(r.at),
    actor: r.actor,
    action: actionName(p, r.action),
    subject: r.subject ? ` ${r.subject}` : '',
  });
}

/** The first fault in one sentence (undefined when the chain is sound). */
export function problemText(p: Prompts, r: ChainReport): string | undefined {
  const x = r.problem;
  if (!x) return undefined;
  const v = (key: string, fields: Record<string, string | number> = {}) => p.render(`audit.verify.${key}`, fields);
  switch (x.kind) {
    case 'removed':
      return v('removed', { from: x.from, to: x.to, next: x.next ? `第 ${x.next.seq} 条` : '—' });
    case 'relinked':
    case 'changed':
    case 'forged':
      return v(x.kind, { seq: x.row.seq ?? '—', row: rowText(p, x.row) });
    case 'inserted':
      return v('inserted', { row: rowText(p, x.row) });
    case 'tail':
      return v('tail', { from: x.from, to: x.to });
    case 'head':
      return v(`head_${x.reason}`);
  }
}

/** The verdict, and a note when the key is not the head's: the lines to print. */
export function reportLines(p: Prompts, r: ChainReport, quick = false): string[] {
  const lines: string[] = [];
  const problem = problemText(p, r);
  const to = r.from + r.checked - 1;
  if (problem) lines.push(problem);
  else if (r.checked === 0 && !r.head && r.total > 0)
    lines.push(p.render('audit.verify.not_started', { total: r.total }));
  else if (r.checked === 0) lines.push(p.render('audit.verify.empty'));
  else if (quick) lines.push(p.render('audit.verify.quick_ok', { checked: r.checked, from: r.from, to }));
  else lines.push(p.render('audit.verify.ok', { checked: r.checked, from: r.from, to, hash: r.head?.hash ?? '' }));
  if (r.otherKey && r.head) lines.push(p.render('audit.verify.other_key', { now: auditKey().id, was: r.head.keyId }));
  return lines;
}
