// Reads a slash command: `/建议 新建 单位=示例县市场监督管理局 标题="关于…" 送达=2026-09-01`.
// Keys take `=`, `:` or `：`; values may be quoted with "" or “”; full-width
// characters are read as their ASCII forms.
import { toHalfWidth } from '../../domain/civil-date.js';

export interface ParsedCommand {
  /** the command word after '/', lower-cased for lookup, e.g. 建议 or rec */
  name: string;
  /** the command word as typed (for messages: never echo it lower-cased) */
  rawName: string;
  /** words without a key, in order */
  positional: string[];
  /** canonical key → value */
  options: Record<string, string>;
  /** keys written that are not known */
  unknownKeys: string[];
  /** keys written more than once (单位=… 单位=…): an error, never "the last one wins" */
  duplicateKeys: string[];
}

/**
 * Spellings of the keys several families share (单位=, 标题=, 期限= …). Each family declares
 * its own beside its commands (`options` in its index.ts); the App joins them all.
 */
export const SHARED_OPTION_KEYS: Record<string, string[]> = {
  org: ['单位', '机关', 'org', 'agency'],
  title: ['标题', '题目', '主题', 'title', 'subject'],
  period: ['期限', '期间', 'period'],
  reason: ['理由', '原因', 'reason'],
  comment: ['意见', '备注', 'comment', 'note'],
  summary: ['摘要', '内容', 'summary'],
  confirm: ['确认', 'confirm'],
};

/**
 * How a command line is read: the option keys of every family (a spelling means one key
 * only) and the prefixes of the matter codes the families keep (JY-, XS- …), for a code
 * typed or glued to the command word (/状态JY-2026-002).
 */
export class CommandSyntax {
  private readonly keyOf = new Map<string, string>();
  private readonly glued: RegExp;
  private readonly code: RegExp;

  constructor(tables: Array<Record<string, string[]>>, codePrefixes: string[]) {
    for (const table of tables)
      for (const [canonical, spellings] of Object.entries(table))
        for (const s of spellings) {
          const was = this.keyOf.get(s.toLowerCase());
          if (was && was !== canonical) throw new Error(`option spelling ${s} names both ${was} and ${canonical}`);
          this.keyOf.set(s.toLowerCase(), canonical);
        }
    const prefixes = [...new Set(codePrefixes)].join('|');
    this.glued = new RegExp(`^(.+?)((?:${prefixes})-\\d.*)$`, 'i');
    this.code = new RegExp(`^(${prefixes})-\\d{4}-\\d{3,}$`);
  }

  /** The canonical key a spelling names (单位 → org), or undefined. */
  key(spelling: string): string | undefined {
    return this.keyOf.get(toHalfWidth(spelling).toLowerCase());
  }

  /** Whether an upper-cased code has the shape of a matter code (JY-2026-001). */
  isMatterCode(code: string): boolean {
    return this.code.test(code);
  }

  /** The command word and a code glued to it, split (/状态JY-2026-002). */
  unglue(word: string): [string, string?] {
    const m = this.glued.exec(word);
    return m ? [m[1]!, m[2]!] : [word];
  }
}

const OPEN_QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」' };

/** Splits on blanks, keeping quoted runs together (quotes removed). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const close = OPEN_QUOTES[c];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end >= 0) {
        cur += text.slice(i + 1, end);
        i = end;
        inToken = true;
        continue;
      }
    }
    if (/\s/.test(c)) {
      if (inToken) tokens.push(cur);
      cur = '';
      inToken = false;
    } else {
      cur += c;
      inToken = true;
    }
  }
  if (inToken) tokens.push(cur);
  return tokens;
}

/** True when the text is a command (its first non-blank character is '/'). */
export function isCommand(text: string): boolean {
  return /^\s*[/／]/.test(text);
}

export function parseCommand(input: string, syntax: CommandSyntax): ParsedCommand | undefined {
  if (!isCommand(input)) return undefined;
  // Normalise full-width forms outside quotes only matters for separators; doing it
  // for the whole line keeps quoted Chinese text intact (it has no full-width ASCII).
  const text = input.trim().replace(/^[/／]/, '');
  const tokens = tokenize(text);
  const [rawName, glued] = syntax.unglue(toHalfWidth(tokens.shift() ?? ''));
  if (glued) tokens.unshift(glued);
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const unknownKeys: string[] = [];
  const duplicateKeys: string[] = [];
  for (const token of tokens) {
    const m = /^([^=:：＝]{1,12})[=:：＝](.*)$/s.exec(token);
    const canonical = m ? syntax.key(m[1]!) : undefined;
    if (m && canonical) {
      if (canonical in options) duplicateKeys.push(m[1]!);
      options[canonical] = m[2]!.trim();
    } else if (m && !/^\d/.test(m[1]!) && !/^https?$/i.test(m[1]!)) unknownKeys.push(m[1]!);
    else positional.push(token);
  }
  return { name: rawName.toLowerCase(), rawName, positional, options, unknownKeys, duplicateKeys };
}

/** The n-th positional word, half-width and lower-cased, for comparing with sub-command words. */
export function word(cmd: ParsedCommand, n: number): string {
  return toHalfWidth(cmd.positional[n] ?? '').toLowerCase();
}

/** Edit distance, for "您是不是要 /台账？" */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}
