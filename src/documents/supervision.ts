// 督办通知书 (the supervisor office pressing a unit about one matter, with a time limit) and the
// 司法局's 《行政执法监督通知书》 (correct within a time limit, following an unrectified 检察建议),
// composed from plain facts the supervision family reads.
import { type Composed, dateText, type Words } from './words.js';

/** What a 督办通知书 says, gathered when the 督办 is recorded. Dates are civil dates (2026-11-03). */
export interface SuperviseFacts {
  /** the matter's kind: recommendation | pil_recommendation | task | supervision_notice */
  kind: string;
  code: string;
  title: string;
  /** the unit that issued the matter, and the unit pressed (主送) */
  issuer: string;
  agency: string;
  servedOn: string;
  dueOn: string;
  /** the matter's state in words (待反馈) */
  status: string;
  /** days past its due date (0: not overdue) */
  daysLate: number;
  opinion: string;
  /** the 督办's own limit: as written (5个工作日) and the date it gives */
  period: string;
  limit: string;
  /** who presses (落款), and the day */
  unit: string;
  on: string;
}

export function superviseNotice(t: Words, f: SuperviseFacts): Composed {
  const d = (x: string) => dateText(t, x);
  const late = f.daysLate > 0 ? t('document.supervise.late', { days: f.daysLate }) : '';
  const paragraph = (text: string) => ({ kind: 'paragraph' as const, text });
  return {
    label: t('document.supervise.label'),
    name: t('document.supervise.file', { code: f.code }),
    doc: {
      title: t('document.supervise.title'),
      addressee: f.agency,
      body: [
        paragraph(
          t(`document.supervise.background.${f.kind}`, {
            issuer: f.issuer,
            served: d(f.servedOn),
            code: f.code,
            title: f.title,
            due: d(f.dueOn),
          }),
        ),
        paragraph(t('document.supervise.state', { today: d(f.on), status: f.status, late })),
        paragraph(t('document.supervise.opinion', { opinion: f.opinion })),
        paragraph(t('document.supervise.demand', { limit: d(f.limit), period: f.period, unit: f.unit })),
        paragraph(t('document.closing')),
      ],
      signature: f.unit,
      date: d(f.on),
      copyTo: f.issuer !== f.unit ? t('document.copy_to', { units: f.issuer }) : undefined,
    },
  };
}

/** What a 《行政执法监督通知书》 says: the notice, and the 检察建议 it follows up. */
export interface EnforcementFacts {
  code: string;
  items: string;
  period: string;
  dueOn: string;
  servedOn: string;
  /** the 司法局 (落款), the agency (主送) */
  issuer: string;
  agency: string;
  related: {
    kindLabel: string;
    code: string;
    title: string;
    issuer: string;
    servedOn: string;
    dueOn: string;
    status: string;
  };
}

export function enforcementNotice(t: Words, f: EnforcementFacts): Composed {
  const d = (x: string) => dateText(t, x);
  const r = f.related;
  const paragraph = (text: string) => ({ kind: 'paragraph' as const, text });
  return {
    label: t('document.tz.label'),
    name: t('document.tz.file', { code: f.code }),
    doc: {
      title: t('document.tz.title'),
      number: t('document.tz.number', { code: f.code }),
      addressee: f.agency,
      body: [
        paragraph(
          t('document.tz.background', {
            procuratorate: r.issuer,
            served: d(r.servedOn),
            kind: r.kindLabel,
            related: r.code,
            relatedTitle: r.title,
            due: d(r.dueOn),
            today: d(f.servedOn),
            status: r.status,
          }),
        ),
        paragraph(t('document.tz.order')),
        paragraph(t('document.tz.items', { items: f.items })),
        paragraph(t('document.tz.demand', { period: f.period, due: d(f.dueOn), issuer: f.issuer })),
        paragraph(t('document.closing')),
      ],
      signature: f.issuer,
      date: d(f.servedOn),
      copyTo: t('document.copy_to', { units: r.issuer }),
    },
  };
}
