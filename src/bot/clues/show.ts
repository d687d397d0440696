// 查看 and 列表: a clue's chain of steps and its current state, its content only for those who may
// read it (every reading of restricted content audited); and the clues of one's unit (of all units,
// for the government's supervisors and leaders), restricted ones listed without their title.
import { shanghaiDate } from '../../domain/civil-date.js';
import { categoryLabel } from '../../domain/clue.js';
import { type ClueStepRow, clueSteps, listClues, unitInChain } from '../../store/clues.js';
import { timeLeftText } from '../core/cards.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { tell } from '../core/notify.js';
import { type ParsedCommand, word } from '../core/parse.js';
import { inGroup, mayReadContent } from './access.js';
import { outlineFields } from './cards.js';
import type { ClueMatter } from './service.js';

/** A step's line in the chain: registered for, or closed by, the registrant's own unit reads 本单位自行办理. */
function chainKey(s: ClueStepRow): string {
  if (s.fromOrgId === s.toOrgId && s.action === 'register') return 'clue.chain.register_self';
  if (s.fromOrgId === s.toOrgId && s.action === 'close') return 'clue.chain.close_self';
  return `clue.chain.${s.action}`;
}

/** The chain and the current state; content only for those who may read it (audited when restricted). */
export async function showClue(ctx: Ctx, c: ClueMatter): Promise<void> {
  const me = ctx.member!;
  const overseer = me.roles.some((r) => r === 'supervisor' || r === 'leader' || r === 'admin');
  const inChain =
    me.orgId === c.issuingOrgId || me.orgId === c.responsibleOrgId || (await unitInChain(ctx.tx, c.id, me.orgId));
  if (!inChain && !overseer) throw new UserError('clue.error.not_yours', { code: c.code });
  const readsContent = await mayReadContent(ctx, c);
  const orgs = new Map((await ctx.services.roster.orgs(ctx.tx)).map((o) => [o.id, o.name]));
  const steps = await clueSteps(ctx.tx, c.id);
  const chain = (withNotes: boolean) =>
    steps
      .map((s) =>
        t(ctx, chainKey(s), {
          at: shanghaiDate(s.at),
          from: orgs.get(s.fromOrgId ?? '') ?? '',
          to: orgs.get(s.toOrgId ?? '') ?? '',
          by: s.actorName,
          note: withNotes && s.note ? t(ctx, 'clue.chain.note', { note: s.note }) : '',
        }),
      )
      .join('\n');
  const base = {
    ...outlineFields(ctx, c),
    handler: c.clue.handlerName ?? t(ctx, 'common.none'),
    source: c.clue.source,
  };
  const outline = t(ctx, 'clue.show_outline', { ...base, chain: chain(!c.clue.restricted) });
  if (!readsContent) {
    reply(ctx, 'clue.show_restricted', { outline }, { matterId: c.id });
    return;
  }
  const full = t(ctx, 'clue.show_full', {
    ...base,
    summary: c.summary,
    involved: c.clue.involved || t(ctx, 'common.none'),
    result: c.clue.result
      ? t(ctx, 'clue.result_line', { result: c.clue.result, note: c.clue.resultNote || t(ctx, 'common.none') })
      : '',
    chain: chain(true),
  });
  if (c.clue.restricted) {
    // every reading of restricted content is on the record
    audit(ctx, 'clue.read', c.code, { channel: inGroup(ctx) ? 'direct_from_group' : 'direct' });
    if (inGroup(ctx)) {
      reply(ctx, 'common.raw', { text: outline }, { matterId: c.id });
      reply(ctx, 'clue.content_by_direct', { code: c.code });
      await tell(ctx, [me.id], 'common.raw', { text: full }, { matterId: c.id });
      return;
    }
  }
  reply(ctx, 'common.raw', { text: full }, { matterId: c.id });
}

const STATUS_WORDS: Record<string, string[]> = {
  待受理: ['referred'],
  已移送: ['referred'],
  referred: ['referred'],
  办理中: ['handling'],
  handling: ['handling'],
  已退回: ['bounced'],
  退回: ['bounced'],
  bounced: ['bounced'],
  已办结: ['closed'],
  办结: ['closed'],
  closed: ['closed'],
  全部: ['referred', 'handling', 'bounced', 'closed'],
  all: ['referred', 'handling', 'bounced', 'closed'],
};
const OPEN_CLUE = ['referred', 'handling', 'bounced'];

/** Handled (or closed) by the unit that registered it: 本单位自行办理, not 移送 from it to itself. */
const handledByIssuer = (m: { issuingOrgId: string; responsibleOrgId: string; status: string }) =>
  m.issuingOrgId === m.responsibleOrgId && (m.status === 'handling' || m.status === 'closed');
const LIST_MAX = 20;

/** /线索 列表 [状态]: the open clues unless a state is named (已办结, 全部 …), at most LIST_MAX. */
export async function showClueList(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const w = cmd.positional[1];
  const statuses = w ? STATUS_WORDS[word(cmd, 1)] : OPEN_CLUE;
  if (!statuses) throw new UserError('clue.error.unknown_status', { value: w! });
  const me = ctx.member!;
  const overseer = me.roles.some((r) => r === 'supervisor' || r === 'leader' || r === 'admin');
  const rows = await listClues(ctx.tx, { orgId: overseer ? undefined : me.orgId, statuses, take: LIST_MAX });
  const scope = overseer ? t(ctx, 'ledger.scope_all') : me.orgName;
  if (rows.length === 0) {
    reply(ctx, 'clue.list_empty', { scope });
    return;
  }
  const lines = rows.slice(0, LIST_MAX).map((m) =>
    t(ctx, handledByIssuer(m) ? 'clue.list_line_self' : 'clue.list_line', {
      code: m.code,
      category: categoryLabel(m.clue?.category ?? ''),
      title: m.clue?.restricted ? t(ctx, 'clue.restricted_mark') : `《${m.title}》`,
      from: m.issuingOrg.name,
      org: m.responsibleOrg.name,
      stage: t(ctx, `status.${m.status}`),
      due:
        m.status === 'closed'
          ? t(ctx, 'clue.closed_on', { date: m.closedAt ? m.closedAt.toISOString().slice(0, 10) : '' })
          : `${m.dueOn}（${timeLeftText(ctx, m.dueOn)}）`,
    }),
  );
  reply(ctx, 'clue.list', {
    scope,
    count: Math.min(rows.length, LIST_MAX),
    more: rows.length > LIST_MAX ? t(ctx, 'clue.list_more', { max: LIST_MAX }) : '',
    lines: lines.join('\n'),
  });
}
