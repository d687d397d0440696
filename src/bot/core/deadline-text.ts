// A deadline's explanation in words (prompts/ deadline.*), shared by the bot and the CLI.
import { weekdayName } from '../../domain/civil-date.js';
import type { Deadline } from '../../domain/deadline.js';
import type { Prompts } from './prompts.js';

const isHoliday = (reason: string) => reason !== '周六' && reason !== '周日';

export function provisionalReason(p: Prompts, d: Deadline): string {
  return d.provisional ? p.render('deadline.provisional_reason', { years: d.missingYears.join('、') }) : '';
}

export function basisText(p: Prompts, d: Deadline): string {
  return p.render('deadline.basis_line', { basis: d.basis.map((b) => p.render(`deadline.basis.${b}`)).join('；') });
}

/** Start, period, raw end, each day moved past and why, the final date. */
export function explainDeadline(p: Prompts, d: Deadline): string[] {
  const lines = [
    p.render('deadline.start', { date: d.start, weekday: weekdayName(d.start) }),
    p.render('deadline.period', { period: d.period }),
  ];
  if (d.unit === 'workday') {
    const holidays = d.skipped.filter((s) => isHoliday(s.reason));
    lines.push(
      p.render('deadline.skipped', {
        count: d.skipped.length,
        holidays: holidays.length
          ? p.render('deadline.skipped_holidays', { list: holidays.map((s) => `${s.date} ${s.reason}`).join('、') })
          : '',
      }),
    );
  } else {
    lines.push(p.render('deadline.raw_end', { date: d.rawEnd, weekday: weekdayName(d.rawEnd) }));
    for (const s of d.shifts) lines.push(p.render('deadline.shift', { date: s.date, reason: s.reason }));
  }
  lines.push(
    p.render('deadline.due', {
      date: d.due,
      weekday: d.dueNote ? `${weekdayName(d.due)}，${d.dueNote}` : weekdayName(d.due),
      mark: d.provisional ? p.render('deadline.provisional_mark') : '',
    }),
  );
  if (d.provisional) lines.push(p.render('matter.provisional_warning', { reason: provisionalReason(p, d) }));
  return lines;
}
