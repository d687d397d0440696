// Loads the holiday calendar: the `chinese-days` package, then a local file that may
// add or replace whole years (an office loads the State Council's notice for next
// year before the package has it). See README「节假日数据」for the file format.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AdjustedWorkdayPolicy, type CalendarData, type CalendarYear, WorkCalendar } from '../domain/calendar.js';
import { addDays, isCivilDate } from '../domain/civil-date.js';

const require = createRequire(import.meta.url);

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** 'Labour Day,劳动节,2' → '劳动节'; '…' → '…调休上班' */
function chineseName(entry: string): string {
  const parts = entry.split(',');
  return (parts[1] ?? parts[0] ?? '').trim();
}

export function packageCalendarData(): CalendarData {
  const raw = require('chinese-days/dist/chinese-days.json') as PackageData;
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const years: Record<number, CalendarYear> = {};
  const get = (date: string) => (years[Number(date.slice(0, 4))] ??= { holidays: {}, workdays: {} });
  for (const [date, entry] of Object.entries(raw.holidays)) get(date).holidays[date] = chineseName(entry);
  for (const [date, entry] of Object.entries(raw.workdays)) get(date).workdays[date] = `${chineseName(entry)}调休上班`;
  const sources: Record<number, string> = {};
  for (const y of Object.keys(years)) sources[Number(y)] = `chinese-days ${version}`;
  return { years, sources };
}

export class HolidayFileError extends Error {}

/**
 * Local file format:
 * { "years": { "2027": { "holidays": { "2027-01-01": "元旦", "2027-10-01~2027-10-07": "国庆节" },
 *                        "workdays": { "2027-09-26": "国庆节调休上班" } } } }
 * A year in the file replaces the package's data for that year entirely.
 */
export function parseHolidayFile(text: string, origin: string): CalendarData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HolidayFileError(`节假日文件 ${origin} 不是有效的 JSON：${(e as Error).message}`);
  }
  const yearsIn = (json as { years?: unknown })?.years;
  if (!yearsIn || typeof yearsIn !== 'object') throw new HolidayFileError(`节假日文件 ${origin} 缺少 "years" 对象`);
  const years: Record<number, CalendarYear> = {};
  const sources: Record<number, string> = {};
  for (const [yearText, body] of Object.entries(yearsIn as Record<string, unknown>)) {
    if (!/^\d{4}$/.test(yearText)) throw new HolidayFileError(`节假日文件 ${origin}：年份 "${yearText}" 应为四位数字`);
    const year = Number(yearText);
    const entry: CalendarYear = { holidays: {}, workdays: {} };
    for (const key of ['holidays', 'workdays'] as const) {
      const map = (body as Record<string, unknown>)?.[key] ?? {};
      if (typeof map !== 'object') throw new HolidayFileError(`节假日文件 ${origin}：${yearText}.${key} 应为对象`);
      for (const [spec, name] of Object.entries(map as Record<string, unknown>)) {
        if (typeof name !== 'string' || !name.trim())
          throw new HolidayFileError(`节假日文件 ${origin}：${spec} 缺少名称`);
        for (const date of expandRange(spec, origin)) {
          if (Number(date.slice(0, 4)) !== year)
            throw new HolidayFileError(`节假日文件 ${origin}：${date} 不属于 ${year} 年`);
          entry[key][date] = name.trim();
        }
      }
    }
    years[year] = entry;
    sources[year] = origin;
  }
  return { years, sources };
}

function expandRange(spec: string, origin: string): string[] {
  const [from, to = from] = spec.split('~').map((s) => s.trim()) as [string, string?];
  if (!isCivilDate(from) || !isCivilDate(to!) || to! < from) {
    throw new HolidayFileError(`节假日文件 ${origin}：日期 "${spec}" 应写成 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD`);
  }
  const out: string[] = [];
  for (let d = from; d <= to!; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Package data, overridden year by year by the local file when it exists. */
export function loadCalendar(options: { holidaysFile?: string; policy?: AdjustedWorkdayPolicy } = {}): WorkCalendar {
  const data = packageCalendarData();
  if (options.holidaysFile && existsSync(options.holidaysFile)) {
    const local = parseHolidayFile(readFileSync(options.holidaysFile, 'utf8'), options.holidaysFile);
    Object.assign(data.years, local.years);
    Object.assign(data.sources!, local.sources);
  }
  return new WorkCalendar(data, options.policy);
}
