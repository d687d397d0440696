import { isCivilDate, parseCivilDate } from '../domain/civil-date.js';
import { computeDeadline } from '../domain/deadline.js';
import { basisText, explainDeadline, provisionalReason } from '../bot/deadline-text.js';
import { loadPrompts } from '../bot/prompts.js';
import { parsePeriod, PERIOD_FORMS_HINT } from '../domain/period.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { UsageError, type Io } from './io.js';

export interface DeadlineArgs {
  from?: string;
  period?: string;
  json?: boolean;
}

/** `liandong deadline --from YYYY-MM-DD --period RULE [--json]` */
export function deadlineCommand(args: DeadlineArgs, calendar: WorkCalendar, io: Io): number {
  if (!args.from) throw new UsageError('缺少 --from：请写送达日，如 --from 2026-09-01');
  if (!args.period) throw new UsageError(`缺少 --period：请写期限，如 --period 2个月（可写 ${PERIOD_FORMS_HINT}）`);
  const from = isCivilDate(args.from) ? args.from : parseCivilDate(args.from);
  if (!from) throw new UsageError(`--from "${args.from}" 不是有效日期：请写 YYYY-MM-DD，如 2026-09-01`);
  const period = parsePeriod(args.period);
  if (!period) throw new UsageError(`--period "${args.period}" 无法识别：可写 ${PERIOD_FORMS_HINT}`);

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
  if (deadline.provisional) io.err(prompts.render('deadline.cli_warning', { reason: provisionalReason(prompts, deadline) }));
  return 0;
}
