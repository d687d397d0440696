// /专项 总结: the campaign's closing report — the counts the press reports use (units inspected, files
// sampled, problems found, 通知书 / 建议书 issued, problems rectified) in the chat, as a Word document
// and as a workbook, to the joint group; the campaign is closed.
import { type CampaignFacts, campaignReport, campaignWorkbook } from '../../documents/campaign.js';
import { fileOf } from '../../documents/words.js';
import { campaignCounts } from '../../domain/review-campaign.js';
import { closeCampaign, findingsOf, inspectionsOf, matterStatuses, returnsOf } from '../../store/campaigns.js';
import { keepGenerated } from '../../store/files.js';
import { parseJson } from '../../store/tx.js';
import { audit, type Ctx, t } from '../core/context.js';
import { leadName } from '../core/lead.js';
import { notify } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { assertOpen, assertOrganiser, type CampaignRow, orgNames, requireCampaign, unitIds } from './service.js';

async function facts(ctx: Ctx, c: CampaignRow): Promise<CampaignFacts> {
  const names = await orgNames(ctx);
  const returns = await returnsOf(ctx.tx, c.id);
  const inspections = (await inspectionsOf(ctx.tx, c.id)).map((i) => ({
    ...i,
    orgIds: parseJson<string[]>(i.orgIds, []),
  }));
  const findings = await findingsOf(ctx.tx, c.id);
  const statuses = await matterStatuses(
    ctx.tx,
    findings.flatMap((f) => (f.matterId ? [f.matterId] : [])),
  );
  const closed = (id: string | null) => Boolean(id && statuses.get(id) === 'closed');
  const dash = t(ctx, 'campaign.not_returned');
  return {
    code: c.code,
    title: c.title,
    type: t(ctx, `campaign.type.${c.type}`),
    today: ctx.today,
    lead: await leadName(ctx),
    counts: campaignCounts({
      units: unitIds(c).length,
      returns,
      inspections,
      findings: findings.map((f) => ({ matterKind: f.matterKind, closed: closed(f.matterId) })),
    }),
    units: unitIds(c).map((id) => {
      const r = returns.find((x) => x.orgId === id);
      return {
        unit: names.get(id) ?? id,
        checked: r ? String(r.checked) : dash,
        problems: r ? String(r.problems) : dash,
        inspected: inspections.some((i) => i.orgIds.includes(id))
          ? t(ctx, 'campaign.inspected_yes')
          : t(ctx, 'campaign.inspected_no'),
        findings: findings.filter((f) => f.orgId === id).length,
      };
    }),
    findings: findings.map((f) => ({
      no: f.seq,
      unit: names.get(f.orgId) ?? f.orgId,
      text: f.text,
      became: f.matterKind ? t(ctx, `campaign.became.${f.matterKind}`) : t(ctx, 'campaign.became.none'),
      state: closed(f.matterId) ? t(ctx, 'campaign.state.rectified') : t(ctx, 'campaign.state.open'),
    })),
  };
}

export async function closeCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  await assertOrganiser(ctx);
  const c = await requireCampaign(ctx, cmd.positional[1], 'campaign.usage.close');
  assertOpen(c);
  const f = await facts(ctx, c);
  const words = (key: string, fields: Record<string, string | number> = {}) => t(ctx, key, fields);
  const doc = await fileOf(campaignReport(words, f));
  const book = await campaignWorkbook(words, f);
  const dir = ctx.services.config.filesDir;
  const docFile = await keepGenerated(ctx.tx, dir, { name: doc.name, bytes: doc.bytes, at: ctx.now });
  const bookFile = await keepGenerated(ctx.tx, dir, { name: book.name, bytes: book.bytes, at: ctx.now });
  await notify(ctx, 'joint', undefined, 'campaign.report', { code: c.code, title: c.title, type: f.type, ...f.counts });
  await notify(ctx, 'joint', undefined, 'campaign.report_file', { doc: doc.label, name: doc.name }, { file: docFile });
  await notify(
    ctx,
    'joint',
    undefined,
    'campaign.report_file',
    { doc: t(ctx, 'campaign.workbook.label'), name: book.name },
    { file: bookFile },
  );
  await closeCampaign(ctx.tx, c.id, ctx.now);
  audit(ctx, 'campaign.close', c.code, { ...f.counts });
}
