// /状态: one matter's whole record — what it is, its due date and state, the latest reply,
// and its history in time order (registered, replies, evaluations, extensions, notices sent).
// A clue has its own record (clues/service.ts).

import type { Attachment } from '../../chat/messages.js';
import { daysBetween, formatShanghai, shanghaiDate } from '../../domain/civil-date.js';
import { normalizeCode } from '../../domain/codes.js';
import { MATTER_KIND_LABEL, type MatterKind, RECT_STATUS_LABEL, type RectStatus } from '../../domain/vocabulary.js';
import { auditFor } from '../../store/audit.js';
import {
  findMatterById,
  findMattersByDocNumber,
  type MatterWithOrgs,
  type matterHistory,
} from '../../store/matters.js';
import { supervisionHistory } from '../../store/supervision.js';
import { matterArg } from '../core/args.js';
import { dueText, replyContent, statusText, timeLeftText } from '../core/cards.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { visibleMatter } from './scope.js';

/** A matter's replies, evaluations and extension requests, as the store reads them. */
type History = Awaited<ReturnType<typeof matterHistory>>;

/** One line of a matter's history, with when it happened. */
type MatterEvent = { at: Date; line: string };

export const statusCommand: CommandSpec = {
  id: 'status',
  names: ['状态', '详情', 'status', 'show'],
  allow: 'member',
  async run(ctx, given, deps) {
    const cmd = await byDocNumber(ctx, given);
    // a kind with a record of its own (a clue: the chain between units, restricted content kept out of groups)
    const named = await matterArg(ctx, cmd, 'usage.status');
    const own = deps.showFor(named.kind);
    if (own) return own(ctx, named);
    const { m, h } = await visibleMatter(ctx, cmd, 'usage.status');
    const history = await historyText(ctx, m, h);
    const latest = h.replies.at(-1);
    const buttons =
      latest && JSON.parse(latest.attachments).length
        ? [{ label: t(ctx, 'card.button.attachments'), command: `/附件 ${m.code}` }]
        : [];
    reply(
      ctx,
      'status.show',
      {
        code: m.docNumber ? t(ctx, 'matter.code_with_doc', { code: m.code, doc: m.docNumber }) : m.code,
        kind: MATTER_KIND_LABEL[m.kind as MatterKind],
        title: m.title,
        org: m.responsibleOrg.name,
        served: m.servedOn,
        due: dueText(ctx, m),
        original: m.originalDueOn !== m.dueOn ? t(ctx, 'status.original_due', { date: m.originalDueOn }) : '',
        state: m.status === 'closed' ? closedState(ctx, m, h.evaluations, h.replies) : timeLeftText(ctx, m.dueOn),
        status: statusText(ctx, m),
        latest: latest
          ? t(ctx, 'status.latest_reply', { content: replyContent(ctx, latest).text })
          : t(ctx, 'status.no_reply'),
        history,
      },
      {
        matterId: m.id,
        ...(buttons.length
          ? {
              card: {
                title: t(ctx, 'card.title.status', { code: m.code }),
                tone: 'info' as const,
                body: '',
                fields: [],
                buttons,
              },
            }
          : {}),
      },
    );
  },
};

/**
 * /状态 某检行建〔2026〕3号: a 文号 instead of a code names the matter it was written on (two with the
 * same 文号 are listed, to choose by code).
 */
async function byDocNumber(ctx: Ctx, cmd: ParsedCommand): Promise<ParsedCommand> {
  const word = cmd.positional.join(' ').trim();
  if (!word || ctx.services.syntax.isMatterCode(normalizeCode(word))) return cmd;
  const found = await findMattersByDocNumber(ctx.tx, word);
  if (found.length === 1) return { ...cmd, positional: [found[0]!.code] };
  if (found.length > 1)
    throw new UserError('status.doc_number_many', { doc: word, codes: found.map((m) => m.code).join('、') });
  return cmd;
}

/** The matter's history, one line per event in time order. */
async function historyText(ctx: Ctx, m: MatterWithOrgs, h: History): Promise<string> {
  const events = [
    ...recordEvents(ctx, m, h),
    ...(await noticeEvents(ctx, m.code)),
    ...(await supervisionEvents(ctx, m)),
  ];
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  return events.map((e) => t(ctx, 'status.history_line', { at: formatShanghai(e.at), line: e.line })).join('\n');
}

/** What was done on the matter: registered, each reply, each evaluation, each extension request and its decision. */
function recordEvents(ctx: Ctx, m: MatterWithOrgs, h: History): MatterEvent[] {
  const events: MatterEvent[] = [];
  events.push({
    at: m.createdAt,
    line: t(ctx, 'status.event.registered', { served: m.servedOn, period: m.periodRule, due: m.originalDueOn }),
  });
  for (const r of h.replies)
    events.push({
      at: r.submittedAt,
      line: t(ctx, 'status.event.reply', {
        version: r.version,
        rectStatus: RECT_STATUS_LABEL[r.rectStatus as RectStatus],
        expected: r.expectedOn ? t(ctx, 'status.event.expected', { date: r.expectedOn }) : '',
        measures: r.measures,
        attachments: attachmentNames(ctx, r.attachments),
      }),
    });
  for (const e of h.evaluations)
    events.push({
      at: e.createdAt,
      // pass, return, or a 诉前检察建议's closing outcome (litigate: 提起诉讼, terminate: 终结案件)
      line: t(ctx, `status.event.${e.verdict}`, { comment: e.comment || t(ctx, 'common.none'), due: e.newDueOn ?? '' }),
    });
  for (const x of h.extensions) {
    events.push({
      at: x.createdAt,
      line: t(ctx, 'status.event.extension_request', { period: x.periodRule, previous: x.previousDueOn }),
    });
    if (x.decidedAt)
      events.push({
        at: x.decidedAt,
        line:
          x.status === 'approved'
            ? t(ctx, 'status.event.extension_approved', { previous: x.previousDueOn, due: x.newDueOn ?? '' })
            : t(ctx, 'status.event.extension_declined'),
      });
  }
  return events;
}

/** The notices sent about the matter, from the audit: reminders, overdue notices, escalations. */
async function noticeEvents(ctx: Ctx, code: string): Promise<MatterEvent[]> {
  const events: MatterEvent[] = [];
  for (const a of await auditFor(ctx.tx, code)) {
    if (a.action === 'remind.sent') events.push({ at: a.at, line: t(ctx, 'status.event.reminded') });
    if (a.action === 'overdue.sent') events.push({ at: a.at, line: t(ctx, 'status.event.overdue') });
    if (a.action === 'escalation.sent') events.push({ at: a.at, line: escalationLine(ctx, a.detail) });
  }
  return events;
}

/** 督办, 批示 and the 《行政执法监督通知书》 that followed the matter up; for a notice, what it follows. */
async function supervisionEvents(ctx: Ctx, m: MatterWithOrgs): Promise<MatterEvent[]> {
  const { supervisions, instructions, followUps } = await supervisionHistory(ctx.tx, m.id);
  const events: MatterEvent[] = [];
  for (const s of supervisions)
    events.push({
      at: s.createdAt,
      line: t(ctx, 'status.event.supervised', {
        unit: s.by?.org.name ?? '',
        by: s.by?.name ?? '',
        opinion: s.opinion,
        due: s.dueOn ?? '',
      }),
    });
  for (const i of instructions)
    events.push({ at: i.createdAt, line: t(ctx, 'status.event.instructed', { by: i.by?.name ?? '', text: i.text }) });
  for (const n of followUps)
    events.push({
      at: n.createdAt,
      line: t(ctx, 'status.event.notice_issued', {
        issuer: n.issuingOrg.name,
        code: n.code,
        due: n.dueOn,
        status: t(ctx, `status.${n.status}`),
      }),
    });
  if (m.relatedMatterId) {
    const related = await findMatterById(ctx.tx, m.relatedMatterId);
    if (related) events.push({ at: m.createdAt, line: t(ctx, 'status.event.follows', { code: related.code }) });
  }
  return events;
}

/** 提级督办 along the road, or 提请督办 by the evaluating liaison; to whom, when the audit says (units' names). */
function escalationLine(ctx: Ctx, detail: string): string {
  const d = JSON.parse(detail) as { by?: string; bodies?: unknown };
  const bodies = Array.isArray(d.bodies) ? d.bodies.join('、') : '';
  if (d.by === 'evaluation') return t(ctx, 'status.event.escalation_requested', { bodies: bodies || '—' });
  return bodies ? t(ctx, 'status.event.escalated_to', { bodies }) : t(ctx, 'status.event.escalated');
}

function attachmentNames(ctx: Ctx, json: string): string {
  const files = JSON.parse(json) as Attachment[];
  return files.length ? files.map((f) => f.name).join('、') : t(ctx, 'common.none');
}

/** 已于 2026-10-12 办结，按期 / 逾期 5 天: the passed reply against the due date in force. */
function closedState(
  ctx: Ctx,
  m: MatterWithOrgs,
  evaluations: Array<{ verdict: string; replyId: string | null }>,
  replies: Array<{ id: string; submittedAt: Date }>,
): string {
  const closed = m.closedAt ? shanghaiDate(m.closedAt) : ctx.today;
  const passed = [...evaluations].reverse().find((e) => e.verdict === 'pass');
  const reply = replies.find((r) => r.id === passed?.replyId) ?? replies.at(-1);
  const answered = reply ? shanghaiDate(reply.submittedAt) : closed;
  const late = daysBetween(m.dueOn, answered);
  return late > 0
    ? t(ctx, 'status.closed_late', { date: closed, days: late })
    : t(ctx, 'status.closed_on_time', { date: closed });
}
