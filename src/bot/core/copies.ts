// 抄送: a copy of a supervision document — a 检察建议 or 诉前检察建议 issued, a 《行政执法监督通知书》 —
// and of each evaluation, to the government's legal office (翔安、南阳: 抄送政府法制办; its group is one
// bound with /绑定 单位名 法制, else the 司法局's work group) and to the supervisor group (督办群),
// as COPY_TO says. The issuing unit is not copied its own document.
import type { Outgoing } from '../../chat/messages.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import type { BindingRow } from '../../store/roster.js';
import { matterCard } from './cards.js';
import { type Ctx, t } from './context.js';
import type { Fields } from './prompts.js';

/** the kinds that are supervision documents (a task or a clue is not copied) */
const COPIED = ['recommendation', 'pil_recommendation', 'supervision_notice'];

/** The groups that get copies, one each, without the issuing unit's own. */
export async function copyGroups(ctx: Ctx, m: MatterWithOrgs): Promise<BindingRow[]> {
  const { roster, config } = ctx.services;
  const groups: BindingRow[] = [];
  if (config.copyTo.includes('legal')) {
    const legal = await roster.bindings(ctx.tx, { purpose: 'legal' });
    if (legal.length) groups.push(...legal);
    else
      for (const o of (await roster.orgs(ctx.tx)).filter((x) => x.kind === 'judicial'))
        groups.push(...(await roster.bindings(ctx.tx, { purpose: 'agency', orgId: o.id })));
  }
  if (config.copyTo.includes('supervisor')) groups.push(...(await roster.bindings(ctx.tx, { purpose: 'supervisor' })));
  const seen = new Set<string>();
  return groups.filter((b) => {
    const key = `${b.platform}:${b.chatId}`;
    if (seen.has(key) || b.orgId === m.issuingOrgId) return false;
    seen.add(key);
    return true;
  });
}

/** Sends the copy (text `key`, with a card of the matter) to the copy groups. Returns how many. */
export async function sendCopies(ctx: Ctx, m: MatterWithOrgs, key: string, fields: Fields): Promise<number> {
  if (!COPIED.includes(m.kind)) return 0;
  const groups = await copyGroups(ctx, m);
  const text = t(ctx, key, fields);
  const card = matterCard(ctx, m, 'card.title.copy', 'info', [
    { label: t(ctx, 'card.button.details'), command: `/状态 ${m.code}` },
  ]);
  const extra: Omit<Outgoing, 'platform' | 'to' | 'text'> = { matterId: m.id, card };
  for (const b of groups) ctx.out.push({ platform: b.platform, to: { chatId: b.chatId }, text, ...extra });
  return groups.length;
}
