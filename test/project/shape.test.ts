// The shape the code keeps (README, "How the code is laid out"): no source file over 300 lines and
// no function over 80, so that a file is one thing a reader can hold and a function one step.
// Generated code and data tables are not code to read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');
const NOT_READ = [path.join(SRC, 'generated'), path.join(SRC, 'domain/statutory-holidays.data.ts')];
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 80;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (NOT_READ.includes(p)) return [];
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every function longer than `max` lines in a source text: name and length. */
function longFunctions(file: string, text: string, max: number): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = lineOf(node.body.getEnd()) - lineOf(node.body.getStart(sf)) + 1;
      if (lines > max) {
        const named = node.name ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined);
        found.push(`${named ? named.getText(sf) : `(line ${lineOf(node.getStart(sf)) + 1})`}: ${lines} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('the shape of the code', () => {
  const files = sources(SRC);

  it('measures what it should', () => {
    expect(files.length).toBeGreaterThan(80);
    const body = Array.from({ length: 5 }, () => '  x++;').join('\n');
    expect(longFunctions('a.ts', `function f() {\n${body}\n}`, 7)).toEqual([]);
    expect(longFunctions('a.ts', `const g = () => {\n${body}\n};`, 4)).toEqual(['g: 7 lines']);
  });

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((f) => ({ file: path.relative(SRC, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.flatMap((f) =>
      longFunctions(f, readFileSync(f, 'utf8'), MAX_FUNCTION_LINES).map((x) => `${path.relative(SRC, f)} ${x}`),
    );
    expect(long).toEqual([]);
  });
});
