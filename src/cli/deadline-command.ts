import { basisText, explainDeadline, provisionalReason } from '../bot/core/deadline-text.js';
import { loadPrompts } from '../bot/core/prompts.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { MAX_YEAR, MIN_YEAR, readCivilDate } from '../domain/civil-date.js';
import { computeDeadline } from '../domain/deadline.js';
import { MAX_PERIOD_HINT, PERIOD_FORMS_HINT, readPeriod } from '../domain/period.js';
import { type Io, UsageError } from './io.js';

export interface DeadlineArgs {
  from?: string;
  period?: string;
  json?: boolean;
}

/** `liandong deadline --from YYYY-MM-DD --period RULE [--json]` */
export function deadlineCommand(args: DeadlineArgs, calendar: WorkCalendar, io: Io): number {
  if (!args.from) throw new UsageError('缺少 --from：请写送达日，如 --from 2026-09-01');
  if (!args.period) throw new UsageError(`缺少 --period：请写期限，如 --period 2个月（可写 ${PERIOD_FORMS_HINT}）`);
  const date = readCivilDate(args.from);
  if ('error' in date)
    throw new UsageError(
      date.error === 'year'
        ? `--from "${args.from}" 的年份超出范围：只支持 ${MIN_YEAR}–${MAX_YEAR} 年的日期，请写四位年份，如 2026-09-01`
        : `--from "${args.from}" 不是有效日期：请写 YYYY-MM-DD，如 2026-09-01`,
    );
  const from = date.date;
  const read = readPeriod(args.period);
  if ('error' in read) {
    if (read.error === 'not_positive') throw new UsageError(`--period "${args.period}" 应为正数的期限，如 15日、2个月`);
    if (read.error === 'too_long') throw new UsageError(`--period "${args.period}" 过长：最长 ${MAX_PERIOD_HINT}`);
    throw new UsageError(`--period "${args.period}" 无法识别：可写 ${PERIOD_FORMS_HINT}`);
  }
  const period = read.period;

  const deadline = computeDeadline(from, period, calendar);
  const prompts = loadPrompts();
  const steps = explainDeadline(prompts, deadline);
  if (args.json) {
    io.out(
      JSON.stringify({
        due: deadline.due,
        provisional: deadline.provisional,
        provisionalReason: provisionalReason(prompts, deadline) || undefined,
        start: deadline.start,
        period: deadline.period,
        unit: deadline.unit,
        rawEnd: deadline.rawEnd,
        shifts: deadline.shifts,
        skipped: deadline.skipped,
        basis: deadline.basis.map((b) => prompts.render(`deadline.basis.${b}`)),
        steps,
      }),
    );
  } else {
    io.out(deadline.due);
    for (const line of steps) io.out(line);
    io.out(basisText(prompts, deadline));
  }
  if (deadline.provisional)
    io.err(prompts.render('deadline.cli_warning', { reason: provisionalReason(prompts, deadline) }));
  return 0;
}
