// 会议通知 (sent with the meeting's calendar file) and 会议纪要 (who attended, from the units'
// receipts; the 议定事项 with their units and deadlines), composed from the meetings family's facts.
import type { Block } from './model.js';
import { type Composed, dateText, type Words } from './words.js';

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const heading = (text: string): Block => ({ kind: 'heading', level: 1, text });

export interface MeetingNoticeFacts {
  code: string;
  title: string;
  /** civil date, its weekday (周五), the hour (09:30) */
  date: string;
  weekday: string;
  time: string;
  /** '' when not yet decided */
  location: string;
  /** the year's holidays are not published yet: the day is 待核 */
  provisional: boolean;
  /** the day the call for 议题 closes */
  closes: string;
  /** the units invited (主送); none: 各成员单位 */
  units: string[];
  /** the lead unit (落款), the day of the notice */
  lead: string;
  on: string;
  /** the calendar file's name */
  ics: string;
  /** a notice of a new day for a meeting noticed before */
  moved: boolean;
}

export function meetingNotice(t: Words, f: MeetingNoticeFacts): Composed {
  const d = (x: string) => dateText(t, x);
  const at = { title: f.title, date: d(f.date), weekday: f.weekday, time: f.time, location: f.location };
  const opening = `document.meeting_notice.opening${f.moved ? '_moved' : ''}${f.location ? '' : '_no_place'}`;
  const provisional = f.provisional ? t('document.meeting_notice.provisional') : '';
  return {
    label: t(`document.meeting_notice.${f.moved ? 'label_moved' : 'label'}`),
    name: t(`document.meeting_notice.${f.moved ? 'file_moved' : 'file'}`, { code: f.code }),
    doc: {
      title: t(`document.meeting_notice.${f.moved ? 'title_moved' : 'title'}`, { title: f.title }),
      addressee: f.units.length ? f.units.join('、') : t('document.meeting_notice.to_all'),
      body: [
        paragraph(t(opening, at)),
        heading(t('document.meeting_notice.h_time')),
        paragraph(t('document.meeting_notice.time', { ...at, provisional })),
        heading(t('document.meeting_notice.h_place')),
        paragraph(f.location || t('document.meeting_notice.place_tbd')),
        heading(t('document.meeting_notice.h_attendees')),
        paragraph(t('document.meeting_notice.attendees')),
        heading(t('document.meeting_notice.h_requests')),
        paragraph(t('document.meeting_notice.agenda', { closes: d(f.closes) })),
        paragraph(t('document.meeting_notice.receipt')),
        paragraph(t('document.meeting_notice.calendar', { ics: f.ics })),
        paragraph(t('document.closing')),
      ],
      signature: f.lead,
      date: d(f.on),
    },
  };
}

export interface MinutesFacts {
  code: string;
  title: string;
  date: string;
  weekday: string;
  location: string;
  lead: string;
  /** the 纪要 as the lead unit wrote it */
  minutes: string;
  /** in order; a resolution without a unit set no task */
  resolutions: Array<{ text: string; unit?: string; due?: string; task?: string }>;
  /** from the units' 参会回执 */
  attendees: Array<{ unit: string; names: string }>;
  /** the day the minutes were taken */
  on: string;
}

function resolutionsTable(t: Words, f: MinutesFacts): Block {
  const col = (k: string) => t(`document.minutes.col.${k}`);
  return {
    kind: 'table',
    header: [col('no'), col('text'), col('unit'), col('due'), col('task')],
    widths: [1.2, 6, 4, 3.6, 3.2],
    rows: f.resolutions.map((r, i) => [
      String(i + 1),
      r.text,
      r.unit ?? '',
      r.due ? dateText(t, r.due) : '',
      r.task ?? '',
    ]),
  };
}

export function meetingMinutes(t: Words, f: MinutesFacts): Composed {
  const d = (x: string) => dateText(t, x);
  const units = f.attendees.map((a) => a.unit);
  const present = units.length ? t('document.minutes.present', { units: units.join('、') }) : '';
  const opening = f.location ? 'document.minutes.opening' : 'document.minutes.opening_no_place';
  return {
    label: t('document.minutes.label'),
    name: t('document.minutes.file', { code: f.code }),
    doc: {
      title: t('document.minutes.title', { title: f.title }),
      body: [
        paragraph(
          t(opening, {
            date: d(f.date),
            weekday: f.weekday,
            lead: f.lead,
            location: f.location,
            title: f.title,
            present,
          }),
        ),
        heading(t('document.minutes.h_summary')),
        ...f.minutes
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean)
          .map(paragraph),
        heading(t('document.minutes.h_resolutions')),
        f.resolutions.length ? resolutionsTable(t, f) : paragraph(t('document.minutes.none')),
        heading(t('document.minutes.h_attendees')),
        ...(f.attendees.length
          ? f.attendees.map((a) => paragraph(t('document.minutes.attendee', { unit: a.unit, names: a.names })))
          : [paragraph(t('document.minutes.no_attendees'))]),
      ],
      signature: f.lead,
      date: d(f.on),
    },
  };
}
