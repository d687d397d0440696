// The facts of one matter as the figures read them, for table-driven tests of the 口径.
import type { MatterFacts } from '../../src/domain/figure-definitions.js';

/** A recommendation served 2026-03-02, due 2026-05-04, nothing done yet, as the tests vary it. */
export function rec(over: Partial<MatterFacts> = {}): MatterFacts {
  return {
    code: 'JY-2026-001',
    kind: 'recommendation',
    title: 't',
    orgId: 'scj',
    fromOrgId: 'jcy',
    status: 'registered',
    restricted: false,
    createdOn: '2026-03-02',
    servedOn: '2026-03-02',
    originalDueOn: '2026-05-04',
    dueOn: '2026-05-04',
    replies: [],
    evaluations: [],
    extensions: [],
    escalated: false,
    ...over,
  };
}
