// A roster file for a test: the example county's (config/roster.example.yaml) with sections added
// (a 督办路径, a lead unit) and words replaced, written to a fresh temporary folder.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXAMPLE_ROSTER = readFileSync(path.resolve('config/roster.example.yaml'), 'utf8');

/** Jiashan's road: the 督办群 with the overdue notice, the 司法局 5 working days on, the leaders 5 more. */
export const JIASHAN_ROAD = `road:
  - { to: 督办群, after: 0 }
  - { to: 司法局, after: 5 }
  - { to: 领导群, after: 5 }`;

export function rosterFile(extra: string, replace: Array<[string, string]> = []): string {
  let text = EXAMPLE_ROSTER;
  for (const [a, b] of replace) text = text.replace(a, b);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'roster-')), 'roster.yaml');
  writeFileSync(file, `${text}\n${extra}\n`);
  return file;
}
