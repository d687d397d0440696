// The rubric file (LIANDONG_ASSESSMENT; the example config/assessment.example.yaml when unset), read
// and checked whole: a file that cannot be read, is not YAML, names an unknown figure, or whose
// weights do not add up to 满分 is refused with every problem said — and nothing is computed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { type Rubric, readRubric } from '../../domain/assessment-rubric.js';
import { PROJECT_ROOT } from '../../paths.js';
import { type Ctx, t, UserError } from '../core/context.js';

export function rubricPath(ctx: Ctx): string {
  return ctx.services.config.assessmentFile ?? path.join(PROJECT_ROOT, 'config/assessment.example.yaml');
}

export function loadRubric(ctx: Ctx): Rubric {
  const file = rubricPath(ctx);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError('assessment.error.rubric_unreadable', { file });
  }
  let parsed: unknown;
  try {
    parsed = YAML.parse(text);
  } catch (e) {
    throw new UserError('assessment.error.rubric_yaml', { file, detail: String((e as Error).message).split('\n')[0]! });
  }
  const r = readRubric(parsed);
  if ('rubric' in r) return r.rubric;
  throw new UserError('assessment.error.rubric', {
    file,
    problems: r.problems.map((p) => t(ctx, `assessment.rubric.${p.problem}`, p.fields)).join('\n'),
  });
}
