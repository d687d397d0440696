// 线索: categories and where each goes, sources, results, who may read a restricted clue's
// content, the steps a clue may take in each state, and the time limits per category. Pure: a
// clerk can review this file.
//
// 分类移送 (the local rules in DESIGN.md, "What the seed documents require"):
//   规范性文件与上位法相抵触、职责不清或推诿扯皮 → 司法局（行政执法监督）;
//   行政违法或不作为损害公共利益、公益诉讼线索 → 检察院;
//   违纪、职务违法、职务犯罪 → 纪委监委（默认控制知悉范围）.
// 线索实行台账管理、专人专管、分类审查、限时办结，处理结果反馈移送部门，防止线索"休眠"或流失。
import { parsePeriod } from './period.js';
import type { OrgKind } from './vocabulary.js';

export const CLUE_CATEGORIES = ['normative', 'duties', 'violation', 'pil', 'discipline'] as const;
export type ClueCategory = (typeof CLUE_CATEGORIES)[number];

export interface CategoryRule {
  label: string;
  /** other ways people write it (matched after the label) */
  aliases: string[];
  /** the kind of unit it is referred to by default */
  receiver: OrgKind;
  /** restricted (限制知悉) unless the registrant says otherwise: never for discipline */
  restricted: boolean;
}

export const CLUE_CATEGORY: Record<ClueCategory, CategoryRule> = {
  normative: {
    label: '规范性文件与上位法相抵触',
    // 规范性文件与法律冲突: the label before, still read
    aliases: ['规范性文件', '规范性文件与法律冲突', '与上位法相抵触', '文件冲突', '红头文件'],
    receiver: 'judicial',
    restricted: false,
  },
  duties: {
    label: '职责不清或推诿扯皮',
    aliases: ['职责不清', '推诿扯皮', '推诿', '职责'],
    receiver: 'judicial',
    restricted: false,
  },
  violation: {
    label: '行政违法或不作为',
    aliases: ['行政违法', '不作为', '违法行政', '行政不作为'],
    receiver: 'procuratorate',
    restricted: false,
  },
  pil: { label: '公益诉讼', aliases: ['公益诉讼线索', '公益'], receiver: 'procuratorate', restricted: false },
  discipline: {
    label: '违纪违法或职务犯罪',
    aliases: ['违纪', '违纪违法', '职务违法', '职务犯罪', '纪检监察'],
    receiver: 'discipline',
    restricted: true,
  },
};

/**
 * Whether a registration lifts the 限制知悉 its category carries by default (a 违纪 clue made
 * visible in groups): the registrant is asked to confirm, and it is on the audit record.
 */
export function liftsRestriction(category: ClueCategory, restricted: boolean): boolean {
  return CLUE_CATEGORY[category].restricted && !restricted;
}

/** A category's label as a person reads it; an identifier this file does not know, as stored. */
export function categoryLabel(category: string): string {
  return CLUE_CATEGORY[category as ClueCategory]?.label ?? category;
}

/** Who may read a restricted clue's content: the referrer, the handler, the holding unit's contacts. */
export function readsRestricted(
  me: { id: string; orgId: string; roles: readonly string[] } | undefined,
  c: { referrerId: string | null; handlerId: string | null; orgId: string },
): boolean {
  if (!me) return false;
  if (me.id === c.referrerId || me.id === c.handlerId) return true;
  return me.orgId === c.orgId && (me.roles.includes('liaison') || me.roles.includes('officer'));
}

export const CLUE_SOURCES = ['12345 热线', '执法检查', '案件办理', '群众举报', '联合巡查', '其他'] as const;
const SOURCE_ALIASES: Record<string, string> = {
  '12345': '12345 热线',
  热线: '12345 热线',
  '12345热线': '12345 热线',
  举报: '群众举报',
  巡查: '联合巡查',
  检查: '执法检查',
  办案: '案件办理',
};

export const CLUE_RESULTS = [
  '已立案',
  '已制发检察建议',
  '已责令整改',
  '不予立案并说明理由',
  '已移送其他单位',
  '其他',
] as const;

const squeeze = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The category a person wrote: its identifier, label or an alias; or, written loosely, the one it can only mean. */
export function readCategory(text: string): ClueCategory | undefined {
  const r = matchCategory(text);
  return r.kind === 'found' ? r.category : undefined;
}

/**
 * A category as written: exactly (identifier, label, alias), or loosely — the only category
 * whose label or an alias the words contain or are part of (规范性文件冲突 → 规范性文件与上位法相抵触).
 * Words that fit two (违法: 行政违法 and 违纪违法) are ambiguous, and say which.
 */
export function matchCategory(
  text: string,
): { kind: 'found'; category: ClueCategory } | { kind: 'ambiguous'; candidates: ClueCategory[] } | { kind: 'none' } {
  const q = squeeze(text);
  if (!q) return { kind: 'none' };
  for (const c of CLUE_CATEGORIES)
    if (c === q || squeeze(CLUE_CATEGORY[c].label) === q) return { kind: 'found', category: c };
  for (const c of CLUE_CATEGORIES)
    if (CLUE_CATEGORY[c].aliases.some((a) => squeeze(a) === q)) return { kind: 'found', category: c };
  if ([...q].length < 2) return { kind: 'none' };
  const loose = CLUE_CATEGORIES.filter((c) =>
    [CLUE_CATEGORY[c].label, ...CLUE_CATEGORY[c].aliases].map(squeeze).some((w) => w.includes(q) || q.includes(w)),
  );
  if (loose.length === 1) return { kind: 'found', category: loose[0]! };
  return loose.length ? { kind: 'ambiguous', candidates: loose } : { kind: 'none' };
}

/** The source as recorded (12345 → 12345 热线), or undefined when it is not one of the list. */
export function readSource(text: string): string | undefined {
  const q = squeeze(text);
  const hit = CLUE_SOURCES.find((s) => squeeze(s) === q);
  return hit ?? SOURCE_ALIASES[q];
}

/** The result as recorded, or undefined when it is not one of the list. */
export function readResult(text: string): string | undefined {
  const q = squeeze(text);
  return (
    CLUE_RESULTS.find((r) => squeeze(r) === q) ??
    (q === '立案' ? '已立案' : q === '不予立案' ? '不予立案并说明理由' : undefined)
  );
}

// ---- states ----

/** referred 已移送待受理 · handling 办理中 · bounced 已退回待重新移送 · closed 已办结 */
export type ClueEvent = 'accept' | 'progress' | 'close' | 'return' | 'forward' | 'refer';

const CLUE_TRANSITIONS: Record<ClueEvent, { from: string[]; to: string }> = {
  // 受理: the receiving unit takes it and names its handler (承办人)
  accept: { from: ['referred'], to: 'handling' },
  // 进展: a note while it is handled (resets the sleeping clock)
  progress: { from: ['handling'], to: 'handling' },
  // 办结: with a result, fed back to the referring unit
  close: { from: ['handling'], to: 'closed' },
  // 退回: not ours, with a reason; the referrer chooses a new receiver
  return: { from: ['referred', 'handling'], to: 'bounced' },
  // 转办: handed on to another unit, the chain kept
  forward: { from: ['referred', 'handling'], to: 'referred' },
  // 移送: to a new receiver after a return
  refer: { from: ['bounced'], to: 'referred' },
};

export function clueNext(status: string, event: ClueEvent): string | undefined {
  const t = CLUE_TRANSITIONS[event];
  return t.from.includes(status) ? t.to : undefined;
}

// ---- time limits ----

export interface ClueLimit {
  /** 受理: working days from the referral */
  acceptWorkdays: number;
  /** 办结: a period from the acceptance, as written (1个月, 60日) */
  closePeriod: string;
  /** 休眠提醒: working days without a progress note, repeated */
  sleepWorkdays: number;
}

/** Local agreements, not national rules: each county sets its own (CLUE_LIMITS). */
export const DEFAULT_CLUE_LIMITS: Record<ClueCategory, ClueLimit> = {
  normative: { acceptWorkdays: 5, closePeriod: '1个月', sleepWorkdays: 10 },
  duties: { acceptWorkdays: 5, closePeriod: '1个月', sleepWorkdays: 10 },
  violation: { acceptWorkdays: 5, closePeriod: '2个月', sleepWorkdays: 10 },
  pil: { acceptWorkdays: 5, closePeriod: '3个月', sleepWorkdays: 10 },
  discipline: { acceptWorkdays: 5, closePeriod: '3个月', sleepWorkdays: 15 },
};

/**
 * CLUE_LIMITS: `类别:受理工作日/办结期限/休眠工作日`, several separated by `;` or `,`,
 * e.g. `discipline:3/3个月/15;公益诉讼:5/60日/10`. An empty part keeps the default.
 * Returns the limits, or the problems in words.
 */
export function parseClueLimits(text: string | undefined): {
  limits: Record<ClueCategory, ClueLimit>;
  problems: string[];
} {
  const limits = structuredClone(DEFAULT_CLUE_LIMITS);
  const problems: string[] = [];
  for (const part of (text ?? '')
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^:：]+)[:：]([^/]*)\/([^/]*)\/([^/]*)$/.exec(part);
    const category = m ? readCategory(m[1]!) : undefined;
    if (!m || !category) {
      problems.push(
        `CLUE_LIMITS 的 "${part}" 应写成 类别:受理工作日/办结期限/休眠工作日，如 discipline:3/3个月/15（类别：${CLUE_CATEGORIES.join('、')}）`,
      );
      continue;
    }
    const [accept, close, sleep] = [m[2]!.trim(), m[3]!.trim(), m[4]!.trim()];
    const days = (v: string, what: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 60)
        problems.push(`CLUE_LIMITS 中 ${m[1]} 的${what}应为 1–60 的工作日数，收到 "${v}"`);
      return n;
    };
    if (accept) limits[category].acceptWorkdays = days(accept, '受理期限');
    if (close) {
      if (!parsePeriod(close))
        problems.push(`CLUE_LIMITS 中 ${m[1]} 的办结期限 "${close}" 不是有效期限（如 1个月、60日）`);
      else limits[category].closePeriod = close;
    }
    if (sleep) limits[category].sleepWorkdays = days(sleep, '休眠提醒间隔');
  }
  return { limits, problems };
}
