// 联合检查 / 专项行动 (ZX-…): the campaigns, the units' self-inspection returns, the on-site inspections
// and the findings with the matters they became.
import type { Campaign, CampaignFinding, CampaignInspection, CampaignReturn } from '../generated/prisma/client.ts';
import type { Tx } from './tx.js';

export type CampaignRow = Campaign;
export type ReturnRow = CampaignReturn;
export type InspectionRow = CampaignInspection;
export type FindingRow = CampaignFinding;

export async function addCampaign(
  db: Tx,
  data: Pick<Campaign, 'code' | 'title' | 'type' | 'orgIds' | 'selfDueOn' | 'createdById' | 'createdAt'>,
): Promise<CampaignRow> {
  return db.campaign.create({ data });
}

export async function campaignByCode(db: Tx, code: string): Promise<CampaignRow | undefined> {
  return (await db.campaign.findUnique({ where: { code } })) ?? undefined;
}

export async function campaignById(db: Tx, id: string): Promise<CampaignRow | undefined> {
  return (await db.campaign.findUnique({ where: { id } })) ?? undefined;
}

export async function closeCampaign(db: Tx, id: string, at: Date): Promise<void> {
  await db.campaign.update({ where: { id }, data: { status: 'closed', closedAt: at } });
}

export async function returnsOf(db: Tx, campaignId: string): Promise<ReturnRow[]> {
  return db.campaignReturn.findMany({ where: { campaignId }, orderBy: { receivedAt: 'asc' } });
}

export async function saveReturn(
  db: Tx,
  data: Pick<CampaignReturn, 'campaignId' | 'orgId' | 'checked' | 'problems' | 'detail' | 'memberId' | 'receivedAt'>,
): Promise<void> {
  await db.campaignReturn.upsert({
    where: { campaignId_orgId: { campaignId: data.campaignId, orgId: data.orgId } },
    create: data,
    update: data,
  });
}

export async function addInspection(
  db: Tx,
  data: Pick<CampaignInspection, 'campaignId' | 'heldOn' | 'orgIds' | 'sampled' | 'note' | 'createdById' | 'createdAt'>,
): Promise<void> {
  await db.campaignInspection.create({ data });
}

export async function inspectionsOf(db: Tx, campaignId: string): Promise<InspectionRow[]> {
  return db.campaignInspection.findMany({ where: { campaignId }, orderBy: { heldOn: 'asc' } });
}

/** A new finding, numbered within its campaign (1, 2 …). */
export async function addFinding(
  db: Tx,
  data: Pick<CampaignFinding, 'campaignId' | 'orgId' | 'text' | 'createdById' | 'createdAt'>,
): Promise<FindingRow> {
  const seq = (await db.campaignFinding.count({ where: { campaignId: data.campaignId } })) + 1;
  return db.campaignFinding.create({ data: { ...data, seq } });
}

export async function findingsOf(db: Tx, campaignId: string): Promise<FindingRow[]> {
  return db.campaignFinding.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } });
}

export async function findingBySeq(db: Tx, campaignId: string, seq: number): Promise<FindingRow | undefined> {
  return (await db.campaignFinding.findUnique({ where: { campaignId_seq: { campaignId, seq } } })) ?? undefined;
}

export async function setFindingMatter(db: Tx, id: string, matterId: string, matterKind: string): Promise<void> {
  await db.campaignFinding.update({ where: { id }, data: { matterId, matterKind } });
}

/** The status of the matters findings became (closed: rectified), by id. */
export async function matterStatuses(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.matter.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
  return new Map(rows.map((r) => [r.id, r.status]));
}
