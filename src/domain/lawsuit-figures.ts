// 行政应诉 figures per unit (口径), pure. One definition, used by /应诉 统计 and by the yearly assessment:
//
// - 案件数 (cases): lawsuits whose complaint copy the unit received in the year.
// - 负责人出庭率 (headRate): of the year's cases whose hearing receipt is recorded (开庭审理的), those where
//   the head appeared (负责人出庭应诉) — 行政诉讼法 第三条第三款; entrusting staff (委托) counts in the
//   denominator only. A case where the head was required and did not appear is also listed (headAbsent).
// - 答辩举证按期率 (defenceRate): of the year's cases whose 15-day period (第六十七条) has ended by `asOf` or
//   whose defence is recorded, those whose defence was filed on or before the due date.
// - 生效裁判履行率 (complianceRate): of the year's cases whose judgment became final by `asOf` with something
//   to carry out (a compliance task, 履行生效裁判), those whose task is closed (自觉履行人民法院作出的生效裁判).
import type { CivilDate } from './civil-date.js';

export interface LawsuitFacts {
  code: string;
  orgId: string;
  orgName: string;
  copyReceivedOn: CivilDate;
  /** the 答辩举证 due date in force */
  dueOn: CivilDate;
  defendedOn: CivilDate | null;
  headRequired: boolean;
  appearance: 'appeared' | 'entrusted' | null;
  finalOn: CivilDate | null;
  /** a compliance task was given when it became final (nothing to carry out: none) */
  complianceDue: boolean;
  /** the compliance task is closed */
  complied: boolean;
}

/** A share and the codes behind it: the codes counted above (numerator) and below (denominator). */
export interface Share {
  numerator: number;
  denominator: number;
  codes: string[];
  counted: string[];
}

export interface UnitLawsuitFigures {
  orgId: string;
  orgName: string;
  cases: { count: number; codes: string[] };
  headRate: Share;
  defenceRate: Share;
  complianceRate: Share;
  /** the head was required and did not appear */
  headAbsent: string[];
}

const share = (): Share => ({ numerator: 0, denominator: 0, codes: [], counted: [] });

function count(s: Share, code: string, yes: boolean): void {
  s.denominator++;
  s.counted.push(code);
  if (yes) {
    s.numerator++;
    s.codes.push(code);
  }
}

/** The figures of each unit with a case received in `year`, as of `asOf`, by unit name. */
export function lawsuitFigures(cases: LawsuitFacts[], year: number, asOf: CivilDate): UnitLawsuitFigures[] {
  const units = new Map<string, UnitLawsuitFigures>();
  for (const c of cases) {
    if (!c.copyReceivedOn.startsWith(`${year}-`)) continue;
    let u = units.get(c.orgId);
    if (!u) {
      u = {
        orgId: c.orgId,
        orgName: c.orgName,
        cases: { count: 0, codes: [] },
        headRate: share(),
        defenceRate: share(),
        complianceRate: share(),
        headAbsent: [],
      };
      units.set(c.orgId, u);
    }
    u.cases.count++;
    u.cases.codes.push(c.code);
    if (c.appearance) count(u.headRate, c.code, c.appearance === 'appeared');
    if (c.headRequired && c.appearance === 'entrusted') u.headAbsent.push(c.code);
    if (c.defendedOn || c.dueOn < asOf) count(u.defenceRate, c.code, Boolean(c.defendedOn && c.defendedOn <= c.dueOn));
    if (c.finalOn && c.finalOn <= asOf && c.complianceDue) count(u.complianceRate, c.code, c.complied);
  }
  return [...units.values()].sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh'));
}

/** A share in words officials use: 2/3（66.7%）, or — when nothing was counted. */
export function shareText(s: Pick<Share, 'numerator' | 'denominator'>): string {
  if (!s.denominator) return '—';
  return `${s.numerator}/${s.denominator}（${((s.numerator / s.denominator) * 100).toFixed(1)}%）`;
}
