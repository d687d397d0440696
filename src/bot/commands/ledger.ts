// 台账 (/台账) and one matter's record (/状态).
import { MATTER_KIND_LABEL, MATTER_STATUS_LABEL, RECT_STATUS_LABEL, type MatterKind, type MatterStatus, type RectStatus } from '../../domain/vocabulary.js';
import { auditFor } from '../../store/audit.js';
import { matterHistory, openMatters } from '../../store/matters.js';
import { formatShanghai } from '../../domain/civil-date.js';
import { dueText, replyContent, statusText, timeLeftText } from '../cards.js';
import { audit, type Ctx, reply, t, UserError } from '../context.js';
import type { Attachment } from '../types.js';
import { daysBetween, shanghaiDate, toHalfWidth } from '../../domain/civil-date.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { FILE_REF } from '../../store/files.js';
import { matterArg } from './common.js';
import type { CommandFamily, CommandSpec } from './spec.js';
import type { ParsedCommand } from './parse.js';

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

export const ledgerCommand: CommandSpec = {
  id: 'ledger',
  names: ['台账', '台帐', 'ledger', 'list'],
  allow: 'member',
  async run(ctx) {
    const orgId = scopeOrg(ctx);
    const matters = await openMatters(ctx.tx, orgId);
    const scope = orgId ? (ctx.binding?.orgId === orgId ? ctx.binding.orgName! : ctx.member!.orgName) : t(ctx, 'ledger.scope_all');
    if (matters.length === 0) {
      reply(ctx, 'ledger.empty', { scope });
      return;
    }
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
    const text = t(ctx, 'ledger.header', { scope, count: matters.length, today: ctx.today }) + '\n' + lines.join('\n');
    ctx.out.push({
      platform: ctx.incoming!.platform,
      to: { chatId: ctx.incoming!.chatId },
      text,
      card: {
        title: t(ctx, 'card.title.ledger', { scope }),
        tone: 'info',
        body: lines.join('\n'),
        fields: [],
        buttons: [],
      },
    });
  },
};

export const statusCommand: CommandSpec = {
  id: 'status',
  names: ['状态', '详情', 'status', 'show'],
  allow: 'member',
  async run(ctx, cmd) {
    const { m, h } = await visibleMatter(ctx, cmd, 'usage.status');
    const events: Array<{ at: Date; line: string }> = [];
    events.push({ at: m.createdAt, line: t(ctx, 'status.event.registered', { served: m.servedOn, period: m.periodRule, due: m.originalDueOn }) });
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
        line: e.verdict === 'pass' ? t(ctx, 'status.event.pass', { comment: e.comment || t(ctx, 'common.none') }) : t(ctx, 'status.event.return', { comment: e.comment || t(ctx, 'common.none'), due: e.newDueOn ?? '' }),
      });
    for (const x of h.extensions) {
      events.push({ at: x.createdAt, line: t(ctx, 'status.event.extension_request', { period: x.periodRule, previous: x.previousDueOn }) });
      if (x.decidedAt)
        events.push({
          at: x.decidedAt,
          line: x.status === 'approved' ? t(ctx, 'status.event.extension_approved', { previous: x.previousDueOn, due: x.newDueOn ?? '' }) : t(ctx, 'status.event.extension_declined'),
        });
    }
    for (const a of await auditFor(ctx.tx, m.code)) {
      if (a.action === 'remind.sent') events.push({ at: a.at, line: t(ctx, 'status.event.reminded') });
      if (a.action === 'overdue.sent') events.push({ at: a.at, line: t(ctx, 'status.event.overdue') });
      if (a.action === 'escalation.sent') events.push({ at: a.at, line: t(ctx, 'status.event.escalated') });
    }
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    const history = events.map((e) => t(ctx, 'status.history_line', { at: formatShanghai(e.at), line: e.line })).join('\n');
    const latest = h.replies.at(-1);
    const buttons = latest && JSON.parse(latest.attachments).length ? [{ label: t(ctx, 'card.button.attachments'), command: `/附件 ${m.code}` }] : [];
    reply(ctx, 'status.show', {
      code: m.code,
      kind: MATTER_KIND_LABEL[m.kind as MatterKind],
      title: m.title,
      org: m.responsibleOrg.name,
      served: m.servedOn,
      due: dueText(ctx, m),
      original: m.originalDueOn !== m.dueOn ? t(ctx, 'status.original_due', { date: m.originalDueOn }) : '',
      state: m.status === 'closed' ? closedState(ctx, m, h.evaluations, h.replies) : timeLeftText(ctx, m.dueOn),
      status: statusText(ctx, m),
      latest: latest ? t(ctx, 'status.latest_reply', { content: replyContent(ctx, latest).text }) : t(ctx, 'status.no_reply'),
      history,
    }, { matterId: m.id, ...(buttons.length ? { card: { title: t(ctx, 'card.title.status', { code: m.code }), tone: 'info' as const, body: '', fields: [], buttons } } : {}) });
  },
};

function attachmentNames(ctx: Ctx, json: string): string {
  const files = JSON.parse(json) as Attachment[];
  return files.length ? files.map((f) => f.name).join('、') : t(ctx, 'common.none');
}

/** 已于 2026-10-12 办结，按期 / 逾期 5 天: the passed reply against the due date in force. */
function closedState(ctx: Ctx, m: MatterWithOrgs, evaluations: Array<{ verdict: string; replyId: string | null }>, replies: Array<{ id: string; submittedAt: Date }>): string {
  const closed = m.closedAt ? shanghaiDate(m.closedAt) : ctx.today;
  const passed = [...evaluations].reverse().find((e) => e.verdict === 'pass');
  const reply = replies.find((r) => r.id === passed?.replyId) ?? replies.at(-1);
  const answered = reply ? shanghaiDate(reply.submittedAt) : closed;
  const late = daysBetween(m.dueOn, answered);
  return late > 0 ? t(ctx, 'status.closed_late', { date: closed, days: late }) : t(ctx, 'status.closed_on_time', { date: closed });
}

/** /附件 编号 [序号]: the latest reply's files (or one of them) sent again in this chat. */
export const attachmentsCommand: CommandSpec = {
  id: 'attachments',
  names: ['附件', 'files', 'attachments'],
  allow: 'member',
  async run(ctx, cmd) {
    const { m, h } = await visibleMatter(ctx, cmd, 'usage.attachments');
    const files = h.replies.flatMap((r) => (JSON.parse(r.attachments) as Attachment[]).map((a) => ({ ...a, version: r.version })));
    if (files.length === 0) throw new UserError('error.no_attachments', { code: m.code });
    const pick = cmd.positional[1] ? Number(toHalfWidth(cmd.positional[1])) : undefined;
    if (pick !== undefined && !(Number.isInteger(pick) && pick >= 1 && pick <= files.length)) throw new UserError('error.bad_attachment_index', { code: m.code, count: files.length });
    const chosen = pick ? [files[pick - 1]!] : files;
    reply(ctx, 'attachments.list', { code: m.code, list: files.map((f, i) => t(ctx, 'attachments.line', { n: i + 1, name: f.name, version: f.version })).join('\n') });
    for (const f of chosen) {
      const stored = f.ref.startsWith(FILE_REF);
      if (!stored) {
        reply(ctx, 'attachments.not_stored', { name: f.name });
        continue;
      }
      ctx.out.push({ platform: ctx.incoming!.platform, to: { chatId: ctx.incoming!.chatId }, text: t(ctx, 'attachments.file', { name: f.name }), [f.kind === 'image' ? 'image' : 'file']: { kind: f.kind, name: f.name, ref: f.ref } });
    }
    audit(ctx, 'matter.attachments', m.code, { files: chosen.length });
  },
};

export const ledgerFamily: CommandFamily = { commands: [ledgerCommand, statusCommand, attachmentsCommand], forms: [] };
