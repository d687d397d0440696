// Only the store talks to Prisma (DESIGN.md, "The shape"): no file in src/ outside src/store/ (and
// the generated client) calls a Prisma model, runs raw SQL through the client, or imports the client's
// types. A model call in a family's service, a query built in a command, fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');
const OPS =
  'findMany|findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return ['store', 'generated'].includes(f) && dir === SRC ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** the models of the schema, as the client names them (Matter → matter, ClueStep → clueStep) */
const models = [...readFileSync('prisma/schema.prisma', 'utf8').matchAll(/^model (\w+) \{/gm)].map(
  (m) => m[1]![0]!.toLowerCase() + m[1]!.slice(1),
);

/** what the store alone may do, each with the line it was found on */
function offences(text: string): string[] {
  const found: string[] = [];
  const modelCall = new RegExp(`\\.(${models.join('|')})\\s*\\.\\s*(${OPS})\\s*\\(`);
  for (const [i, line] of text.split('\n').entries()) {
    if (modelCall.test(line)) found.push(`${i + 1}: model call: ${line.trim()}`);
    if (/\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)\b/.test(line))
      found.push(`${i + 1}: raw SQL or transaction: ${line.trim()}`);
    if (/from '[^']*(generated\/prisma|@prisma\/)[^']*'/.test(line))
      found.push(`${i + 1}: client import: ${line.trim()}`);
  }
  return found;
}

describe('the store boundary', () => {
  it('knows the models and finds a model call where there is one', () => {
    expect(models).toEqual(expect.arrayContaining(['matter', 'clue', 'meeting', 'scheduledJob', 'outboxMessage']));
    expect(offences('  const m = await ctx.tx.meeting.findUnique({ where: { code } });')).toHaveLength(1);
    expect(offences("import type { Prisma } from '../generated/prisma/client.ts';")).toHaveLength(1);
    expect(offences('await db.$queryRawUnsafe(`SELECT 1`)')).toHaveLength(1);
    // reading a row's fields, or a store function named like an operation, is not a model call
    expect(offences('const n = meeting.count + 1; await updateMatter(ctx.tx, m.id, {});')).toEqual([]);
  });

  it('has no Prisma call outside src/store/', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(80);
    const found = files.flatMap((f) => offences(readFileSync(f, 'utf8')).map((o) => `${path.relative(SRC, f)}:${o}`));
    expect(found).toEqual([]);
  });
});
