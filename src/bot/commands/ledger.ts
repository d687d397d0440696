// 台账 (/台账) and one matter's record (/状态).
import { MATTER_KIND_LABEL, MATTER_STATUS_LABEL, RECT_STATUS_LABEL, type MatterKind, type MatterStatus, type RectStatus } from '../../domain/vocabulary.js';
import { auditFor } from '../../store/audit.js';
import { matterHistory, openMatters } from '../../store/matters.js';
import { formatShanghai } from '../../domain/civil-date.js';
import { daysLeftText } from '../cards.js';
import { type Ctx, reply, t, UserError } from '../context.js';
import { matterArg } from './common.js';
import type { CommandSpec } from './spec.js';

/** People of an agency see their own agency's matters; the procuratorate, supervisors and leaders see all. */
function scopeOrg(ctx: Ctx): string | undefined {
  if (ctx.binding?.purpose === 'agency' && ctx.binding.orgId) return ctx.binding.orgId;
  if (ctx.member?.orgKind === 'agency') return ctx.member.orgId;
  return undefined;
}

export const ledgerCommand: CommandSpec = {
  id: 'ledger',
  names: ['台账', 'ledger', 'list'],
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
        due: m.dueProvisional ? `${m.dueOn}${t(ctx, 'card.provisional_mark')}` : m.dueOn,
        state: daysLeftText(ctx, m.dueOn),
        status: MATTER_STATUS_LABEL[m.status as MatterStatus],
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
    const m = await matterArg(ctx, cmd, 'usage.status');
    const orgId = scopeOrg(ctx);
    if (orgId && m.responsibleOrgId !== orgId) throw new UserError('error.not_your_matter', { code: m.code });
    const h = await matterHistory(ctx.tx, m.id);
    const events: Array<{ at: Date; line: string }> = [];
    events.push({ at: m.createdAt, line: t(ctx, 'status.event.registered', { served: m.servedOn, period: m.periodRule, due: m.originalDueOn }) });
    for (const r of h.replies)
      events.push({
        at: r.submittedAt,
        line: t(ctx, 'status.event.reply', {
          version: r.version,
          rectStatus: RECT_STATUS_LABEL[r.rectStatus as RectStatus],
          expected: r.expectedOn ? t(ctx, 'status.event.expected', { date: r.expectedOn }) : '',
          attachments: JSON.parse(r.attachments).length,
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
    reply(ctx, 'status.show', {
      code: m.code,
      kind: MATTER_KIND_LABEL[m.kind as MatterKind],
      title: m.title,
      org: m.responsibleOrg.name,
      served: m.servedOn,
      due: m.dueOn,
      provisional: m.dueProvisional ? t(ctx, 'card.provisional_mark') : '',
      original: m.originalDueOn !== m.dueOn ? t(ctx, 'status.original_due', { date: m.originalDueOn }) : '',
      state: daysLeftText(ctx, m.dueOn),
      status: MATTER_STATUS_LABEL[m.status as MatterStatus],
      history,
    }, { matterId: m.id });
  },
};
