// 台账 (/台账) and one matter's record (/状态).

import type { Attachment } from '../../chat/messages.js';
import { daysBetween, formatShanghai, shanghaiDate, toHalfWidth } from '../../domain/civil-date.js';
import { owesAction } from '../../domain/matter-state.js';
import {
  MATTER_KIND_LABEL,
  MATTER_STATUSES,
  type MatterKind,
  RECT_STATUS_LABEL,
  type RectStatus,
} from '../../domain/vocabulary.js';
import { auditFor } from '../../store/audit.js';
import { FILE_REF, keepWritten } from '../../store/files.js';
import { planJob } from '../../store/jobs.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { ledgerCounts, matterHistory, openMattersInChunks, openMattersPage } from '../../store/matters.js';
import { loadClue, showClue } from '../clues/service.js';
import { matterArg } from '../core/args.js';
import { dueText, replyContent, statusText, timeLeftText } from '../core/cards.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';

/** People of an agency see their own agency's matters; the procuratorate, supervisors and leaders see all. */
function scopeOrg(ctx: Ctx): string | undefined {
  if (ctx.binding?.purpose === 'agency' && ctx.binding.orgId) return ctx.binding.orgId;
  if (ctx.member?.orgKind === 'agency') return ctx.member.orgId;
  return undefined;
}

/** The matter a command names, with its history, if the asker's scope lets them see it. */
async function visibleMatter(ctx: Ctx, cmd: ParsedCommand, usageKey: string) {
  const m = await matterArg(ctx, cmd, usageKey);
  const orgId = scopeOrg(ctx);
  if (orgId && m.responsibleOrgId !== orgId) throw new UserError('error.not_your_matter', { code: m.code });
  return { m, h: await matterHistory(ctx.tx, m.id) };
}

/** Rows on one page of /台账; the complete list goes as a file. */
export const LEDGER_PAGE = 20;

export const ledgerCommand: CommandSpec = {
  id: 'ledger',
  names: ['台账', '台帐', 'ledger', 'list'],
  allow: 'member',
  async run(ctx, cmd) {
    const orgId = scopeOrg(ctx);
    const scope = orgId
      ? ctx.binding?.orgId === orgId
        ? ctx.binding.orgName!
        : ctx.member!.orgName
      : t(ctx, 'ledger.scope_all');
    const pageWord = cmd.positional[0] ? toHalfWidth(cmd.positional[0]) : '1';
    if (!/^\d{1,6}$/.test(pageWord) || Number(pageWord) < 1)
      throw new UserError('error.usage', { usage: t(ctx, 'usage.ledger') });
    const counts = await ledgerCounts(ctx.tx, orgId, ctx.today);
    if (counts.total === 0) {
      reply(ctx, 'ledger.empty', { scope });
      return;
    }
    const pages = Math.ceil(counts.total / LEDGER_PAGE);
    const page = Math.min(Number(pageWord), pages);
    const matters = await openMattersPage(ctx.tx, orgId, page, LEDGER_PAGE);
    const lines = matters.map((m) =>
      t(ctx, 'ledger.line', {
        code: m.code,
        title: m.title,
        org: m.responsibleOrg.name,
        due: dueText(ctx, m),
        state: timeLeftText(ctx, m.dueOn),
        status: statusText(ctx, m),
      }),
    );
    const summary = t(ctx, 'ledger.header', {
      scope,
      count: counts.total,
      today: ctx.today,
      // each open status that has matters, in the glossary's order (待反馈 35、已反馈待评估 9、已移送待受理 2)
      breakdown: MATTER_STATUSES.filter((s) => counts.byStatus[s])
        .map((s) => t(ctx, 'ledger.breakdown_item', { status: t(ctx, `status.${s}`), n: counts.byStatus[s]! }))
        .join('、'),
      overdue: counts.overdue,
      page,
      pages,
    });
    const buttons = [
      ...(page > 1 ? [{ label: t(ctx, 'ledger.prev'), command: `/台账 ${page - 1}` }] : []),
      ...(page < pages ? [{ label: t(ctx, 'ledger.next'), command: `/台账 ${page + 1}` }] : []),
    ];
    const more = page < pages ? `\n${t(ctx, 'ledger.more', { next: page + 1 })}` : '';
    const inc = ctx.incoming!;
    ctx.out.push({
      platform: inc.platform,
      to: { chatId: inc.chatId },
      text: `${summary}\n${lines.join('\n')}${more}`,
      card: {
        title: t(ctx, 'card.title.ledger', { scope }),
        tone: 'info',
        body: `${summary}\n${lines.join('\n')}`,
        fields: [],
        buttons,
      },
    });
    // more than one page: the complete list as a file (a spreadsheet opens it)
    // more than one page: the complete list follows as a file, made after this answer
    if (pages > 1 && page === 1) {
      await planJob(
        ctx.tx,
        {
          kind: LEDGER_EXPORT,
          key: `${LEDGER_EXPORT}:${inc.platform}:${inc.chatId}:${inc.eventId}`,
          dueAt: ctx.now,
          payload: { orgId: orgId ?? null, scope, platform: inc.platform, chatId: inc.chatId },
        },
        ctx.now,
      );
      ctx.scheduled = ctx.dueNow = true;
    }
  },
};

export const LEDGER_EXPORT = 'ledger_export';

/** The job behind /台账's file: the complete open ledger, sent to the chat that asked. */
export async function exportLedger(ctx: Ctx, payload: Record<string, unknown>): Promise<void> {
  const orgId = (payload.orgId as string | null) ?? undefined;
  const { file, count } = await ledgerFile(ctx, orgId, String(payload.scope));
  ctx.out.push({
    platform: String(payload.platform),
    to: { chatId: String(payload.chatId) },
    text: t(ctx, 'ledger.file', { name: file.name, count }),
    file,
  });
}

/**
 * The complete open ledger as an Excel workbook, streamed row by row as the matters are read
 * in chunks (40,000 rows never sit in memory): frozen header, widths, a filter, dates as
 * dates, overdue rows filled — the same sheet an office keeps.
 */
async function ledgerFile(
  ctx: Ctx,
  orgId: string | undefined,
  scope: string,
): Promise<{ file: Attachment; count: number }> {
  const { default: ExcelJS } = await import('exceljs'); // loaded with the first file, not at start
  const header = t(ctx, 'ledger.csv_header').split(',');
  const widths = [14, 12, 44, 26, 12, 14, 12, 16];
  const late: import('exceljs').Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
  let count = 0;
  const name = t(ctx, 'ledger.file_name', { scope, today: ctx.today });
  const file = await keepWritten(ctx.tx, ctx.services.config.filesDir, {
    name,
    at: ctx.now,
    write: async (filename) => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true });
      const ws = wb.addWorksheet(t(ctx, 'ledger.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = header.map((h, i) => ({
        header: h,
        width: widths[i] ?? 14,
        style: i === 4 || i === 5 ? { numFmt: 'yyyy-mm-dd' } : {},
      }));
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      for await (const rows of openMattersInChunks(ctx.tx, orgId)) {
        for (const m of rows) {
          const d = daysBetween(ctx.today, m.dueOn);
          const state =
            d > 0
              ? t(ctx, 'ledger.days_left', { days: d })
              : d === 0
                ? t(ctx, 'ledger.due_today')
                : t(ctx, 'ledger.overdue_days', { days: -d });
          const row = ws.addRow([
            m.code,
            MATTER_KIND_LABEL[m.kind as MatterKind],
            m.title,
            m.responsibleOrg.name,
            new Date(`${m.servedOn}T00:00:00Z`),
            new Date(`${m.dueOn}T00:00:00Z`),
            m.dueProvisional ? `${state}${t(ctx, 'card.provisional_mark')}` : state,
            statusText(ctx, m),
          ]);
          if (d < 0 && owesAction(m.status)) row.eachCell((c) => (c.fill = late));
          row.commit();
          count++;
        }
      }
      await ws.commit();
      await wb.commit();
    },
  });
  return { count, file };
}

export const statusCommand: CommandSpec = {
  id: 'status',
  names: ['状态', '详情', 'status', 'show'],
  allow: 'member',
  async run(ctx, cmd) {
    // a clue has its own record: the chain between units, restricted content kept out of groups
    const named = await matterArg(ctx, cmd, 'usage.status');
    if (named.kind === 'clue') return showClue(ctx, await loadClue(ctx, named));
    const { m, h } = await visibleMatter(ctx, cmd, 'usage.status');
    const events: Array<{ at: Date; line: string }> = [];
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
        line:
          e.verdict === 'pass'
            ? t(ctx, 'status.event.pass', { comment: e.comment || t(ctx, 'common.none') })
            : t(ctx, 'status.event.return', { comment: e.comment || t(ctx, 'common.none'), due: e.newDueOn ?? '' }),
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
    for (const a of await auditFor(ctx.tx, m.code)) {
      if (a.action === 'remind.sent') events.push({ at: a.at, line: t(ctx, 'status.event.reminded') });
      if (a.action === 'overdue.sent') events.push({ at: a.at, line: t(ctx, 'status.event.overdue') });
      if (a.action === 'escalation.sent') events.push({ at: a.at, line: t(ctx, 'status.event.escalated') });
    }
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    const history = events
      .map((e) => t(ctx, 'status.history_line', { at: formatShanghai(e.at), line: e.line }))
      .join('\n');
    const latest = h.replies.at(-1);
    const buttons =
      latest && JSON.parse(latest.attachments).length
        ? [{ label: t(ctx, 'card.button.attachments'), command: `/附件 ${m.code}` }]
        : [];
    reply(
      ctx,
      'status.show',
      {
        code: m.code,
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

/** /附件 编号 [序号]: the latest reply's files (or one of them) sent again in this chat. */
export const attachmentsCommand: CommandSpec = {
  id: 'attachments',
  names: ['附件', 'files', 'attachments'],
  allow: 'member',
  async run(ctx, cmd) {
    const { m, h } = await visibleMatter(ctx, cmd, 'usage.attachments');
    const files = h.replies.flatMap((r) =>
      (JSON.parse(r.attachments) as Attachment[]).map((a) => ({ ...a, version: r.version })),
    );
    if (files.length === 0) throw new UserError('error.no_attachments', { code: m.code });
    const pick = cmd.positional[1] ? Number(toHalfWidth(cmd.positional[1])) : undefined;
    if (pick !== undefined && !(Number.isInteger(pick) && pick >= 1 && pick <= files.length))
      throw new UserError('error.bad_attachment_index', { code: m.code, count: files.length });
    const chosen = pick ? [files[pick - 1]!] : files;
    reply(ctx, 'attachments.list', {
      code: m.code,
      list: files.map((f, i) => t(ctx, 'attachments.line', { n: i + 1, name: f.name, version: f.version })).join('\n'),
    });
    for (const f of chosen) {
      const stored = f.ref.startsWith(FILE_REF);
      if (!stored) {
        reply(ctx, 'attachments.not_stored', { name: f.name });
        continue;
      }
      ctx.out.push({
        platform: ctx.incoming!.platform,
        to: { chatId: ctx.incoming!.chatId },
        text: t(ctx, 'attachments.file', { name: f.name }),
        [f.kind === 'image' ? 'image' : 'file']: { kind: f.kind, name: f.name, ref: f.ref },
      });
    }
    audit(ctx, 'matter.attachments', m.code, { files: chosen.length });
  },
};
