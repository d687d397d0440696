// 台账 (/台账 [页]): the open matters in due order, a page at a time, with a header of the
// counts by status; when there is more than one page, the complete list follows as an Excel
// file, made by a job right after the answer.

import type { Attachment } from '../../chat/messages.js';
import { daysBetween, toHalfWidth } from '../../domain/civil-date.js';
import { owesAction } from '../../domain/matter-state.js';
import { MATTER_KIND_LABEL, MATTER_STATUSES, type MatterKind } from '../../domain/vocabulary.js';
import { keepWritten } from '../../store/files.js';
import { planJob } from '../../store/jobs.js';
import { ledgerCounts, type MatterWithOrgs, openMattersInChunks, openMattersPage } from '../../store/matters.js';
import { dueText, statusText, timeLeftText } from '../core/cards.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import type { CommandSpec } from '../core/spec.js';
import { scopeOrg } from './scope.js';
import { countyOf, ledgerSheet, SHEETS, workbookFile } from './workbook-writer.js';

/** Rows on one page of /台账; the complete list goes as a file. */
export const LEDGER_PAGE = 20;

/** One page of the ledger as shown: whose, the counts, the page's matters, which page of how many. */
interface LedgerPage {
  scope: string;
  counts: Awaited<ReturnType<typeof ledgerCounts>>;
  matters: MatterWithOrgs[];
  page: number;
  pages: number;
}

export const ledgerCommand: CommandSpec = {
  id: 'ledger',
  names: ['台账', '台帐', 'ledger', 'list'],
  allow: 'member',
  async run(ctx, cmd) {
    const orgId = scopeOrg(ctx);
    const scope = scopeName(ctx, orgId);
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
    sendPage(ctx, { scope, counts, matters, page, pages });
    // more than one page: the complete list as a file (a spreadsheet opens it)
    // more than one page: the complete list follows as a file, made after this answer
    if (pages > 1 && page === 1) await planLedgerFile(ctx, orgId, scope);
  },
};

/** Whose ledger it is: the agency's name (its group's, or the asker's own), or everything. */
function scopeName(ctx: Ctx, orgId: string | undefined): string {
  return orgId
    ? ctx.binding?.orgId === orgId
      ? ctx.binding.orgName!
      : ctx.member!.orgName
    : t(ctx, 'ledger.scope_all');
}

/** The page as text and as a card, with buttons to the pages before and after. */
function sendPage(ctx: Ctx, { scope, counts, matters, page, pages }: LedgerPage): void {
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
}

/** Plans the job that makes the complete list's file, due at once: it runs right after this answer. */
async function planLedgerFile(ctx: Ctx, orgId: string | undefined, scope: string): Promise<void> {
  const inc = ctx.incoming!;
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
 * The complete open ledger as an Excel workbook, streamed row by row as the matters are read in
 * chunks (40,000 rows never sit in memory), laid out by the one ledger writer (workbook-writer.ts):
 * a title row, 序号, dates as dates, overdue rows filled, A4 landscape — the same sheet an office keeps.
 */
async function ledgerFile(
  ctx: Ctx,
  orgId: string | undefined,
  scope: string,
): Promise<{ file: Attachment; count: number }> {
  let count = 0;
  const county = countyOf(await ctx.services.roster.orgs(ctx.tx));
  const file = await keepWritten(ctx.tx, ctx.services.config.filesDir, {
    name: t(ctx, 'ledger.file_name', { scope, today: ctx.today }),
    at: ctx.now,
    write: (filename) =>
      workbookFile(filename, async (wb) => {
        const ws = ledgerSheet(ctx, wb, {
          name: t(ctx, 'ledger.sheet'),
          title: t(ctx, 'workbook.title.open', { county, scope, today: ctx.today }),
          columns: SHEETS.open,
        });
        for await (const rows of openMattersInChunks(ctx.tx, orgId))
          for (const m of rows) {
            const d = daysBetween(ctx.today, m.dueOn);
            ws.add(
              {
                code: m.code,
                docNumber: m.docNumber ?? '',
                kind: MATTER_KIND_LABEL[m.kind as MatterKind],
                title: m.title,
                unit: m.responsibleOrg.name,
                served: m.servedOn,
                due: m.dueOn,
                state: dueState(ctx, d, m.dueProvisional),
                status: statusText(ctx, m),
              },
              d < 0 && owesAction(m.status),
            );
          }
        count = ws.count;
        await ws.commit();
      }),
  });
  return { count, file };
}

/** 剩 3 天 / 今日到期 / 已逾期 2 天, marked 待核 when the due date is provisional. */
function dueState(ctx: Ctx, days: number, provisional: boolean): string {
  const state =
    days > 0
      ? t(ctx, 'ledger.days_left', { days })
      : days === 0
        ? t(ctx, 'ledger.due_today')
        : t(ctx, 'ledger.overdue_days', { days: -days });
  return provisional ? `${state}${t(ctx, 'card.provisional_mark')}` : state;
}
