// 单位名称匹配: an organisation may be named by its full name, a short name, or an
// unambiguous part of its name.
export interface NamedOrg {
  id: string;
  name: string;
  shortNames: string[];
}

export type OrgMatch<T extends NamedOrg> =
  | { kind: 'found'; org: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none'; candidates: T[] };

export function matchOrg<T extends NamedOrg>(query: string, orgs: T[]): OrgMatch<T> {
  const q = query.trim();
  if (!q) return { kind: 'none', candidates: [] };
  const exact = orgs.find((o) => o.name === q || o.shortNames.includes(q));
  if (exact) return { kind: 'found', org: exact };
  const partial = orgs.filter((o) => o.name.includes(q) || o.shortNames.some((s) => s.includes(q)));
  if (partial.length === 1) return { kind: 'found', org: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };
  // nothing contains the query: suggest names sharing the most characters with it
  const scored = orgs
    .map((o) => ({ o, score: [...new Set(q)].filter((c) => o.name.includes(c)).length }))
    .filter((s) => s.score >= 2)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5)
    .map((s) => s.o);
  return { kind: 'none', candidates: scored };
}
