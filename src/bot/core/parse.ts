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

/** A matter code glued to the command word: /状态JY-2026-002 */
const GLUED_CODE = /^(.+?)((?:JY|SQ|XS|RW)-\d.*)$/i;

/** Chinese and English spellings of each key. */
export const OPTION_KEYS: Record<string, string[]> = {
  org: ['单位', '机关', 'org', 'agency'],
  title: ['标题', '题目', '主题', 'title', 'subject'],
  served: ['送达', '送达日', '送达日期', 'served', 'date'],
  period: ['期限', '期间', 'period'],
  reason: ['理由', '原因', 'reason'],
  comment: ['意见', '备注', 'comment', 'note'],
  summary: ['摘要', '内容', 'summary'],
  urgent: ['紧急', 'urgent'],
  level: ['密级', 'level'],
  // 线索
  category: ['类别', '分类', 'category'],
  receiver: ['接收', '接收单位', '移送至', '移送给', 'to', 'receiver'],
  source: ['来源', '线索来源', 'source'],
  involved: ['涉及单位', '涉及', '涉及人员', 'involved'],
  handler: ['承办人', 'handler'],
  result: ['结果', '办理结果', 'result'],
  detail: ['说明', 'detail'],
  restricted: ['限制', '限制知悉', 'restricted'],
  // 会议
  recurrence: ['频次', '频率', 'recurrence', 'every'],
  months: ['月份', 'months'],
  on: ['日期', '会议日期', 'on'],
  time: ['时间', 'time'],
  location: ['地点', 'location', 'place'],
  attendees: ['参会人', '参会人员', 'attendees'],
  confirm: ['确认', 'confirm'],
};

const KEY_OF = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(OPTION_KEYS))
  for (const s of spellings) KEY_OF.set(s.toLowerCase(), canonical);

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

export function parseCommand(input: string): ParsedCommand | undefined {
  if (!isCommand(input)) return undefined;
  // Normalise full-width forms outside quotes only matters for separators; doing it
  // for the whole line keeps quoted Chinese text intact (it has no full-width ASCII).
  const text = input.trim().replace(/^[/／]/, '');
  const tokens = tokenize(text);
  let rawName = toHalfWidth(tokens.shift() ?? '');
  const glued = GLUED_CODE.exec(rawName);
  if (glued) {
    rawName = glued[1]!;
    tokens.unshift(glued[2]!);
  }
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const unknownKeys: string[] = [];
  const duplicateKeys: string[] = [];
  for (const token of tokens) {
    const m = /^([^=:：＝]{1,12})[=:：＝](.*)$/s.exec(token);
    const canonical = m ? KEY_OF.get(toHalfWidth(m[1]!).toLowerCase()) : undefined;
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
