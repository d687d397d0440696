// 单位名称匹配: full name, short name, with or without the county prefix (示例县住建局, 县住建局,
// 住建局), an unambiguous part of a name; several containing it → ambiguous; nothing containing
// it → none, with candidates sharing at least half its characters in order, and `close` when one
// candidate alone shares at least three quarters.
import { describe, expect, it } from 'vitest';
import { matchOrg, type NamedOrg } from '../../src/domain/org-match.js';

const org = (id: string, name: string, shortNames: string[] = []): NamedOrg => ({ id, name, shortNames });

const orgs = [
  org('jcy', '示例县人民检察院', ['县检察院']),
  org('zj', '示例县住房和城乡建设局', ['住建局']),
  org('sj', '示例县市场监督管理局', ['市场监管局']),
  org('sf', '示例县司法局'),
  org('ga', '示例县公安局'),
  org('jw', '示例县纪委监委', ['纪委']),
  org('fz', '示例县人民政府办公室（法制办）', ['法制办']),
  org('ny', '示例县农业农村局'),
  org('sl', '示例县水利局'),
];

const ids = (list: NamedOrg[]) => list.map((o) => o.id);

/** The result in one line: `found zj`, `ambiguous zj,sj`, `none [zj] close=zj`. */
function outcome(query: string, list = orgs): string {
  const m = matchOrg(query, list);
  if (m.kind === 'found') return `found ${m.org.id}`;
  if (m.kind === 'ambiguous') return `ambiguous ${ids(m.candidates).join(',')}`;
  return `none [${ids(m.candidates).join(',')}]${m.close ? ` close=${m.close.id}` : ''}`;
}

describe('matchOrg: found', () => {
  it.each([
    ['示例县住房和城乡建设局', 'zj', 'the full name'],
    ['住房和城乡建设局', 'zj', 'the full name without the county'],
    ['住建局', 'zj', 'the short name'],
    ['县住建局', 'zj', 'the short name with 县'],
    ['示例县住建局', 'zj', 'the short name with the county'],
    ['市住建局', 'zj', 'a leading 市 is dropped too'],
    ['住建', 'zj', 'part of the short name'],
    ['城乡建设', 'zj', 'part of the full name'],
    ['检察院', 'jcy', 'part of the short name 县检察院'],
    ['县检察院', 'jcy', 'the short name'],
    ['示例县检察院', 'jcy', 'county + 检察院'],
    ['市场监管局', 'sj', 'the short name'],
    ['县市场监管局', 'sj', '县 + short name'],
    ['市场监督管理局', 'sj', 'a name that itself starts with 市'],
    ['司法局', 'sf', 'no short name: the full name without the county'],
    ['公安', 'ga', 'a part'],
    ['纪委', 'jw', 'the short name'],
    ['监委', 'jw', 'a part'],
    ['法制办', 'fz', 'the short name'],
    ['示例县人民政府办公室（法制办）', 'fz', 'full name with full-width parentheses'],
    ['人民政府', 'fz', 'a part'],
    ['  住建局  ', 'zj', 'spaces around'],
    ['\u3000住建局\u3000', 'zj', 'full-width (ideographic) spaces around'],
  ])('%j → %s (%s)', (query, id) => {
    expect(outcome(query)).toBe(`found ${id}`);
  });

  it('returns the org object given, with its own fields', () => {
    const extended = orgs.map((o) => ({ ...o, chat: `chat-${o.id}` }));
    const m = matchOrg('住建局', extended);
    expect(m).toEqual({ kind: 'found', org: { ...orgs[1], chat: 'chat-zj' } });
    expect(m.kind === 'found' && m.org).toBe(extended[1]);
  });
});

describe('matchOrg: ambiguous', () => {
  it.each([
    ['局', 'zj,sj,sf,ga,ny,sl'],
    ['人民', 'jcy,fz'],
    ['监', 'sj,jw'],
    ['示例县', 'jcy,zj,sj,sf,ga,jw,fz,ny,sl'], // the county alone names every unit
  ])('%j → %s', (query, expected) => {
    expect(outcome(query)).toBe(`ambiguous ${expected}`);
  });

  it('two units with the same short name are ambiguous', () => {
    const two = [
      org('a', '示例县人民检察院', ['检察院']),
      org('b', '示例县人民法院', ['法院']),
      org('c', '示例县检察院分院', ['检察院']),
    ];
    expect(outcome('检察院', two)).toBe('ambiguous a,c');
    expect(outcome('法院', two)).toBe('found b');
  });
});

describe('matchOrg: none', () => {
  it.each([
    ['', 'none []', 'empty'],
    ['   ', 'none []', 'blank'],
    ['市场监督局', 'none [sj] close=sj', 'every character of it in 市场监督管理局, in order'],
    ['水利局长', 'none [sl] close=sl', '3 of 4 characters in 水利局: exactly three quarters'],
    ['农村局局', 'none [ny] close=ny', '农·村·局 of 4 in 农业农村局'],
    ['住建委', 'none [zj]', '2 of 3 in 住建局: a candidate, not close'],
    ['公案局', 'none [ga]', 'a typo: 2 of 3 in 公安局'],
    ['住建　局', 'none [zj] close=zj', 'an ideographic space inside is not dropped'],
    ['另一县住建局', 'none [zj]', "another county's 住建局 is not ours: 4 of 6"],
    ['教育局', 'none []', 'only 局 in common: under half'],
    ['厅', 'none []', 'one character matching nothing'],
  ])('%j → %s (%s)', (query, expected) => {
    expect(outcome(query)).toBe(expected);
  });

  it('ranks candidates by share and keeps at most five', () => {
    const schools = [...'一二三四五六'].map((n, i) => org(`s${i + 1}`, `示例县第${n}中学`));
    // 第七中学 shares 第·中·学 (3 of 4) with each: a tie, so no `close`
    expect(outcome('第七中学', schools)).toBe('none [s1,s2,s3,s4,s5]');
    expect(outcome('第一中学', schools)).toBe('found s1');
    expect(outcome('中学', schools)).toBe('ambiguous s1,s2,s3,s4,s5,s6');
    // 一中学校: 一·中·学 of 4 in 第一中学 (0.75), 中·学 in the others (0.5)
    expect(outcome('一中学校', schools)).toBe('none [s1,s2,s3,s4,s5] close=s1');
  });

  it('has no candidates when no units are known', () => {
    expect(matchOrg('住建局', [])).toEqual({ kind: 'none', candidates: [], close: undefined });
  });
});

describe('matchOrg with the same unit in two regions', () => {
  const county = { id: 'c', name: '示例县公安局', shortNames: [] };
  const city = { id: 'm', name: '示例市公安局', shortNames: [] };
  it.each([
    ['示例市公安局', 'm'],
    ['示例县公安局', 'c'],
  ])('finds %s by its full name', (query, id) => {
    const m = matchOrg(query, [county, city]);
    expect(m.kind === 'found' ? m.org.id : m.kind).toBe(id);
  });

  it('still asks which one for a name both share', () => {
    expect(matchOrg('公安局', [county, city]).kind).toBe('ambiguous');
  });
});
