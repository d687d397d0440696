// 单位名称匹配: an organisation may be named by its full name, a short name, or an
// unambiguous part of its name, and the way people abbreviate locally: with or
// without the county prefix (示例县住建局, 县住建局, 住建局 all name 示例县住房和城乡建设局).
export interface NamedOrg {
  id: string;
  name: string;
  shortNames: string[];
}

export type OrgMatch<T extends NamedOrg> =
  | { kind: 'found'; org: T }
  | { kind: 'ambiguous'; candidates: T[] }
  /** nothing matches; `close` is the one candidate near enough to ask "是否指 …？" */
  | { kind: 'none'; candidates: T[]; close?: T };

/** The region part of a full name: 示例县人民检察院 → 示例县 (up to the first 省/市/县/区/旗). */
function regionPrefix(name: string): string | undefined {
  return /^(.{1,8}?(?:自治县|自治州|省|市|县|区|旗))./u.exec(name)?.[1];
}

/**
 * The forms of a name to compare: as written, without the county's own prefix, and
 * without a leading 县/市/区 left over (县住建局 → 住建局).
 */
function variants(text: string, prefixes: string[]): string[] {
  const out = new Set([text]);
  for (const p of prefixes) if (text.startsWith(p) && text.length > p.length) out.add(text.slice(p.length));
  for (const v of [...out]) {
    const bare = v.replace(/^[县市区]/u, '');
    if (bare && bare !== v) out.add(bare);
  }
  return [...out];
}

/** Characters of `a` found in order in `b`, over the length of `a` (市场监督局 in 市场监督管理局: 1). */
function subsequenceShare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    let diag = 0;
    for (let j = 1; j <= y.length; j++) {
      const up = prev[j]!;
      prev[j] = x[i - 1] === y[j - 1] ? diag + 1 : Math.max(prev[j]!, prev[j - 1]!);
      diag = up;
    }
  }
  return x.length ? prev[y.length]! / x.length : 0;
}

export function matchOrg<T extends NamedOrg>(query: string, orgs: T[]): OrgMatch<T> {
  const q = query.trim();
  if (!q) return { kind: 'none', candidates: [] };
  // a unit's own full name or short name, as written, names that unit — even where another region
  // has a unit of the same kind (示例市公安局 beside 示例县公安局)
  const literal = orgs.filter((o) => o.name === q || o.shortNames.includes(q));
  if (literal.length === 1) return { kind: 'found', org: literal[0]! };
  const prefixes = [...new Set(orgs.map((o) => regionPrefix(o.name)).filter((p): p is string => Boolean(p)))];
  const names = (o: T) => [...new Set([o.name, ...o.shortNames].flatMap((n) => variants(n, prefixes)))];
  const queries = variants(q, prefixes);

  const exact = orgs.filter((o) => names(o).some((n) => queries.includes(n)));
  if (exact.length === 1) return { kind: 'found', org: exact[0]! };
  const partial =
    exact.length > 1 ? exact : orgs.filter((o) => names(o).some((n) => queries.some((v) => n.includes(v))));
  if (partial.length === 1) return { kind: 'found', org: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };

  // nothing contains the query: rank by how much of it appears, in order, in a name
  const bare = queries.at(-1)!;
  const scored = orgs
    .map((o) => ({ o, score: Math.max(...names(o).map((n) => subsequenceShare(bare, n))) }))
    .filter((s) => s.score >= 0.5 && [...bare].length >= 2)
    .sort((a, b) => b.score - a.score);
  const top = scored[0];
  const close = top && top.score >= 0.75 && (scored[1]?.score ?? 0) < top.score ? top.o : undefined;
  return { kind: 'none', candidates: scored.slice(0, 5).map((s) => s.o), close };
}
