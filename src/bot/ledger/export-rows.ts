// The rows of the ledger workbook (export.ts): a matter's facts and its records as the cells a clerk
// files — the latest reply's measures and status, the last evaluation's opinion, every deadline with
// what set it (原期限, 批准延期, 退回, 正在整改's 整改期限), the 督办 and 批示, the closing date and whether
// it was on time by the one definition of each figure (src/domain/figure-definitions.ts).
import { shanghaiDate } from '../../domain/civil-date.js';
import { categoryLabel } from '../../domain/clue.js';
import {
  closedOnTime,
  isOverdue,
  type MatterFacts,
  rectified,
  repliedOnTime,
} from '../../domain/figure-definitions.js';
import { MATTER_KIND_LABEL, type MatterKind, RECT_STATUS_LABEL, type RectStatus } from '../../domain/vocabulary.js';
import type { LedgerRecord } from '../../store/ledger.js';
import type { ledgerDetails } from '../../store/matters.js';
import { openOr } from '../../store/sealed.js';
import { type Ctx, t } from '../core/context.js';

export interface ExportScope {
  /** a year of 送达 (served/referred), or every matter */
  year?: number;
  /** the reader: a restricted clue's content is in the file only when they may read it */
  mayRead: (c: { referrerId: string | null; handlerId: string | null; orgId: string }) => boolean;
}

/** What a matter's row is made from besides its facts: unit names, its details and records, the reader. */
export interface RowSources {
  orgs: Map<string, string>;
  details: Awaited<ReturnType<typeof ledgerDetails>>;
  /** by matter id */
  records: Map<string, LedgerRecord>;
  scope: ExportScope;
}

type Row = Record<string, unknown>;

const day = (d: Date | null | undefined): string | undefined => (d ? shanghaiDate(d) : undefined);

/** 是 / 否, or nothing when there is nothing to say yet. */
const yesNo = (ctx: Ctx, v: boolean | undefined): string =>
  v === undefined ? '' : t(ctx, v ? 'workbook.yes' : 'workbook.no');

// on one day: a reply, then the evaluation of it, then an extension decided that day (as dueInForce orders them)
const ORDER = { rectifying: 0, return: 1, extension: 2 } as const;

/**
 * Every deadline of a matter with what set it, in order, as one cell:
 * 原期限 2026-11-17；2026-11-06 批准延期至 2026-11-27；2026-11-20 退回，新期限 2026-12-07.
 */
export function deadlineHistory(ctx: Ctx, originalDueOn: string, r: LedgerRecord | undefined): string {
  const changes: Array<{ on: string; order: number; due: string; what: keyof typeof ORDER }> = [];
  for (const x of r?.replies ?? [])
    if (x.setsDueOn)
      changes.push({ on: day(x.submittedAt)!, order: ORDER.rectifying, due: x.setsDueOn, what: 'rectifying' });
  for (const e of r?.evaluations ?? [])
    if (e.verdict === 'return' && e.newDueOn)
      changes.push({ on: day(e.createdAt)!, order: ORDER.return, due: e.newDueOn, what: 'return' });
  for (const x of r?.extensions ?? [])
    if (x.decidedAt && x.newDueOn)
      changes.push({ on: day(x.decidedAt)!, order: ORDER.extension, due: x.newDueOn, what: 'extension' });
  changes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.order - b.order));
  return [
    t(ctx, 'workbook.history.original', { date: originalDueOn }),
    ...changes.map((c) => t(ctx, `workbook.history.${c.what}`, { on: c.on, due: c.due })),
  ].join('；');
}

/** The 督办 on a matter, one a line: 2026-11-12 示例县人民政府督查室（赵刚）：请按期整改到位（限 2026-11-19 前报告）. */
function supervisionsText(ctx: Ctx, r: LedgerRecord | undefined, orgs: Map<string, string>): string {
  return (r?.supervisions ?? [])
    .map((s) => {
      const org = s.orgId ? orgs.get(s.orgId) : undefined;
      const by = org && s.by ? t(ctx, 'workbook.by_person', { org, name: s.by }) : (org ?? s.by ?? '');
      const limit = s.dueOn ? t(ctx, 'workbook.supervision_limit', { due: s.dueOn }) : '';
      return t(ctx, 'workbook.supervision', { on: day(s.createdAt)!, by, opinion: s.opinion, limit });
    })
    .join('\n');
}

/** The 批示 on a matter, one a line: 2026-11-13 陈县长：请抓紧整改到位，按期报告. */
function instructionsText(ctx: Ctx, r: LedgerRecord | undefined): string {
  return (r?.instructions ?? [])
    .map((i) => t(ctx, 'workbook.instruction', { on: day(i.createdAt)!, by: i.by ?? '', text: i.text }))
    .join('\n');
}

function recordOf(m: MatterFacts, s: RowSources) {
  const d = s.details.get(m.code);
  return { d, r: d ? s.records.get(d.id) : undefined };
}

/** A 检察建议's row (诉前 too). */
export function recommendationRow(ctx: Ctx, m: MatterFacts, s: RowSources): Row {
  const { d, r } = recordOf(m, s);
  const last = r?.replies.at(-1);
  return {
    code: m.code,
    docNumber: d?.docNumber ?? '',
    kind: MATTER_KIND_LABEL[m.kind as MatterKind],
    org: s.orgs.get(m.orgId),
    title: m.title,
    served: m.servedOn,
    period: d?.periodRule,
    due: m.dueOn,
    history: deadlineHistory(ctx, m.originalDueOn, r),
    status: t(ctx, `status.${m.status}`),
    overdue: yesNo(ctx, isOverdue(m, ctx.today)),
    replied: m.replies.at(-1),
    measures: last?.measures ?? '',
    rectStatus: last ? (RECT_STATUS_LABEL[last.rectStatus as RectStatus] ?? last.rectStatus) : '',
    opinion: r?.evaluations.at(-1)?.comment ?? '',
    supervisions: supervisionsText(ctx, r, s.orgs),
    instructions: instructionsText(ctx, r),
    closed: m.closedOn,
    onTime: yesNo(ctx, repliedOnTime(m, ctx.today)),
    rectified: m.closedOn ? yesNo(ctx, rectified(m, ctx.today)) : '',
  };
}

/** A 线索's row: a restricted clue's source, content, handler and result only for a reader who may see them. */
export function clueRow(ctx: Ctx, m: MatterFacts, s: RowSources): Row {
  const { d } = recordOf(m, s);
  const c = d?.clue;
  const open =
    !m.restricted || (c && s.scope.mayRead({ referrerId: c.referrerId, handlerId: c.handlerId, orgId: m.orgId }));
  const hidden = t(ctx, 'workbook.restricted');
  return {
    code: m.code,
    category: categoryLabel(c?.category ?? ''),
    from: s.orgs.get(m.fromOrgId),
    receiver: s.orgs.get(m.orgId),
    source: open ? c?.source : hidden,
    // a restricted clue's summary is sealed at rest (src/store/sealed.ts): opened only for this reader
    summary: open ? (m.restricted && d?.summary ? openOr(d.summary) : d?.summary) : hidden,
    referred: m.servedOn,
    stage: t(ctx, `status.${m.status}`),
    acceptDue: m.clue?.acceptDueOn,
    accepted: m.clue?.acceptedOn,
    handler: open ? (c?.handlerName ?? '') : hidden,
    closeDue: m.clue?.closeDueOn,
    result: open ? (c?.result ?? '') : c?.result ? hidden : '',
    closed: m.closedOn,
    closedOnTime: m.closedOn ? yesNo(ctx, closedOnTime(m)) : '',
    overdue: yesNo(ctx, isOverdue(m, ctx.today)),
  };
}

/** A 任务's row, with the meeting it came from. */
export function taskRow(ctx: Ctx, m: MatterFacts, s: RowSources): Row {
  const { d, r } = recordOf(m, s);
  return {
    code: m.code,
    unit: s.orgs.get(m.orgId),
    content: m.title,
    meeting: d?.meeting ? [d.meeting.code, d.meeting.title].filter(Boolean).join(' ') : '',
    given: m.servedOn,
    deadline: m.dueOn,
    history: deadlineHistory(ctx, m.originalDueOn, r),
    status: t(ctx, `status.${m.status}`),
    overdue: yesNo(ctx, isOverdue(m, ctx.today)),
    replied: m.replies.at(-1),
    progress: r?.replies.at(-1)?.measures ?? '',
    supervisions: supervisionsText(ctx, r, s.orgs),
    instructions: instructionsText(ctx, r),
    closed: m.closedOn,
    doneOnTime: m.closedOn ? yesNo(ctx, closedOnTime(m)) : '',
  };
}
