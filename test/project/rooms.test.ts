// A line of code knows its room (DESIGN.md, "A layout that shows the shape"): domain imports only
// domain; the store, the outbox and the scheduler never import the bot or the platforms; the core
// never imports a family; a family never reaches into another family's folder (shared needs go to
// core, domain or store); a platform takes only the core's shapes from the bot.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/bot/families.js';
import { MATTER_KINDS } from '../../src/domain/vocabulary.js';

const SRC = path.resolve('src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (p === path.join(SRC, 'generated')) return [];
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** each relative import of a file, as a path under src/ ('bot/clues/service.ts') */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** why an import from `from` to `to` crosses a wall, or undefined when it may */
function wall(from: string, to: string): string | undefined {
  const [a, b] = [from.split('/'), to.split('/')];
  if (a[0] === 'domain' && b[0] !== 'domain') return 'domain imports only domain';
  if (['store', 'outbox', 'schedule'].includes(a[0]!) && ['bot', 'platforms'].includes(b[0]!))
    return `${a[0]} does not import the bot or the platforms`;
  if (a[0] === 'platforms' && b[0] === 'bot' && b[1] !== 'core') return 'a platform takes only the core from the bot';
  if (a[0] === 'bot' && a[1] === 'core' && b[0] === 'bot' && b[1] !== 'core' && b.length > 2)
    return 'the core never imports a family';
  if (a[0] === 'bot' && b[0] === 'bot' && a.length > 2 && b.length > 2 && a[1] !== 'core' && b[1] !== 'core')
    if (a[1] !== b[1]) return 'a family never reaches into another family';
  return undefined;
}

describe('the rooms of the code', () => {
  it('tells a wall when it sees one', () => {
    expect(wall('bot/ledger/status.ts', 'bot/clues/service.ts')).toMatch(/another family/);
    expect(wall('bot/core/pipeline.ts', 'bot/recommendations/commands.ts')).toMatch(/core never/);
    expect(wall('domain/clue.ts', 'store/clues.ts')).toMatch(/domain/);
    expect(wall('bot/ledger/status.ts', 'bot/core/args.ts')).toBeUndefined();
    expect(wall('bot/families.ts', 'bot/clues/index.ts')).toBeUndefined();
  });

  it('has a folder for each family, and no import through a wall', () => {
    for (const f of FAMILIES) expect(statSync(path.join(SRC, 'bot', f.name, 'index.ts')).isFile()).toBe(true);
    const crossings = sources(SRC).flatMap((file) => {
      const from = path.relative(SRC, file);
      return importsOf(file, readFileSync(file, 'utf8'))
        .map((to) => ({ to, why: wall(from, to) }))
        .filter((x) => x.why)
        .map((x) => `${from} → ${x.to}: ${x.why}`);
    });
    expect(crossings).toEqual([]);
  });

  it('has each kind of matter of the glossary kept by exactly one family', () => {
    const kept = FAMILIES.flatMap((f) => (f.matterKinds ?? []).map((k) => `${k}:${f.name}`));
    expect(kept.map((k) => k.split(':')[0]).sort()).toEqual([...MATTER_KINDS].sort());
  });
});
