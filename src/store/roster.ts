// 名册: organisations, members with roles and platform identities, chat bindings.
import type { RoadStep } from '../domain/road.js';
import type { ChatPurpose, OrgKind, Role } from '../domain/vocabulary.js';
import type { Tx } from './tx.js';
import { parseJson } from './tx.js';

export interface OrgRow {
  id: string;
  name: string;
  shortNames: string[];
  kind: string;
}

export interface MemberRow {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  roles: Role[];
  /** leaders: group | direct | both (how the weekly digest reaches them) */
  digest?: string;
}

export interface BindingRow {
  id: string;
  platform: string;
  chatId: string;
  name: string;
  purpose: ChatPurpose;
  orgId: string | null;
  orgName: string | null;
}

export interface RosterInput {
  orgs: Array<{ name: string; short?: string[]; kind: OrgKind }>;
  members: Array<{ name: string; org: string; roles: Role[]; ids: Record<string, string>; digest?: string }>;
  chats: Array<{ platform: string; chatId: string; name: string; purpose: ChatPurpose; org?: string }>;
  /** 督办路径 (absent: the default road, config's ESCALATION_AFTER_WORKDAYS) */
  road?: RoadStep[];
  /** 牵头单位, by full name (absent: the procuratorate) */
  lead?: string;
}

export const toOrg = (o: { id: string; name: string; shortNames: string; kind: string }): OrgRow => ({
  id: o.id,
  name: o.name,
  shortNames: parseJson<string[]>(o.shortNames, []),
  kind: o.kind,
});

export async function listMembers(db: Tx, platform: string) {
  const rows = await db.member.findMany({
    where: { active: true },
    include: { org: true, identities: { where: { platform } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows
    .filter((m) => m.identities.length > 0)
    .map((m) => ({
      id: m.identities[0]!.platformUserId,
      name: m.name,
      orgId: m.orgId,
      orgName: m.org.name,
      roles: m.roles.split(',').filter(Boolean),
    }));
}

export const toBinding = (b: {
  id: string;
  platform: string;
  chatId: string;
  name: string;
  purpose: string;
  orgId: string | null;
  org: { name: string } | null;
}): BindingRow => ({
  id: b.id,
  platform: b.platform,
  chatId: b.chatId,
  name: b.name,
  purpose: b.purpose as ChatPurpose,
  orgId: b.orgId,
  orgName: b.org?.name ?? null,
});

export async function listBindings(
  db: Tx,
  where: { platform?: string; purpose?: ChatPurpose; orgId?: string } = {},
): Promise<BindingRow[]> {
  const rows = await db.chatBinding.findMany({ where, include: { org: true }, orderBy: { createdAt: 'asc' } });
  return rows.map(toBinding);
}

export async function bindChat(
  db: Tx,
  b: { platform: string; chatId: string; name: string; purpose: ChatPurpose; orgId: string | null },
) {
  rosterChanged();
  return db.chatBinding.upsert({
    where: { platform_chatId: { platform: b.platform, chatId: b.chatId } },
    create: b,
    update: { name: b.name, purpose: b.purpose, orgId: b.orgId },
  });
}

export async function rosterIsEmpty(db: Tx): Promise<boolean> {
  return (await db.org.count()) === 0;
}

/** Creates or updates the roster (by org name, member name + org, chat id). Idempotent. */
export async function applyRoster(db: Tx, roster: RosterInput): Promise<void> {
  rosterChanged();
  const orgIds = new Map<string, string>();
  for (const o of roster.orgs) {
    const row = await db.org.upsert({
      where: { name: o.name },
      create: { name: o.name, kind: o.kind, shortNames: JSON.stringify(o.short ?? []) },
      update: { kind: o.kind, shortNames: JSON.stringify(o.short ?? []) },
    });
    orgIds.set(o.name, row.id);
  }
  for (const m of roster.members) {
    const orgId = orgIds.get(m.org)!;
    const existing = await db.member.findFirst({ where: { name: m.name, orgId } });
    const member = existing
      ? await db.member.update({
          where: { id: existing.id },
          data: { roles: m.roles.join(','), active: true, digest: m.digest ?? 'group' },
        })
      : await db.member.create({
          data: { name: m.name, orgId, roles: m.roles.join(','), digest: m.digest ?? 'group' },
        });
    for (const [platform, platformUserId] of Object.entries(m.ids)) {
      await db.memberIdentity.upsert({
        where: { platform_platformUserId: { platform, platformUserId } },
        create: { platform, platformUserId, memberId: member.id },
        update: { memberId: member.id },
      });
    }
  }
  for (const c of roster.chats) {
    await bindChat(db, {
      platform: c.platform,
      chatId: c.chatId,
      name: c.name,
      purpose: c.purpose,
      orgId: c.org ? orgIds.get(c.org)! : null,
    });
  }
  // the road and the lead unit are the file's: a roster without them goes back to the defaults
  for (const [key, value] of [
    [ROAD_KEY, roster.road ? JSON.stringify(roster.road) : undefined],
    [LEAD_KEY, roster.lead],
  ] as const) {
    if (value === undefined) await db.setting.deleteMany({ where: { key } });
    else await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}

export const ROAD_KEY = 'roster.road';
export const LEAD_KEY = 'roster.lead';

/** The stored road and lead unit (undefined: the defaults). */
export async function roadAndLead(db: Tx): Promise<{ road?: RoadStep[]; lead?: string }> {
  const rows = await db.setting.findMany({ where: { key: { in: [ROAD_KEY, LEAD_KEY] } } });
  const road = rows.find((r) => r.key === ROAD_KEY)?.value;
  const lead = rows.find((r) => r.key === LEAD_KEY)?.value;
  return { ...(road ? { road: parseJson<RoadStep[]>(road, []) } : {}), ...(lead ? { lead } : {}) };
}

/** The roster as stored, in the shape a roster file has (to write it out as a workbook). */
export async function rosterSnapshot(db: Tx): Promise<RosterInput> {
  const [orgs, members, chats, extra] = await Promise.all([
    db.org.findMany({ orderBy: { createdAt: 'asc' } }),
    db.member.findMany({
      where: { active: true },
      include: { org: true, identities: true },
      orderBy: { createdAt: 'asc' },
    }),
    db.chatBinding.findMany({ include: { org: true }, orderBy: { createdAt: 'asc' } }),
    roadAndLead(db),
  ]);
  return {
    ...extra,
    orgs: orgs.map((o) => ({ name: o.name, short: parseJson<string[]>(o.shortNames, []), kind: o.kind as OrgKind })),
    members: members.map((m) => ({
      name: m.name,
      org: m.org.name,
      roles: m.roles.split(',').filter(Boolean) as Role[],
      ids: Object.fromEntries(m.identities.map((i) => [i.platform, i.platformUserId])),
      digest: m.digest,
    })),
    chats: chats.map((c) => ({
      platform: c.platform,
      chatId: c.chatId,
      name: c.name,
      purpose: c.purpose as ChatPurpose,
      ...(c.org ? { org: c.org.name } : {}),
    })),
  };
}

/** Stores what identifies a room besides its id (WeChat room ids change at each login on web protocols). */
export async function updateBindingIdentity(
  db: Tx,
  bindingId: string,
  data: { chatId?: string; topic: string; memberFingerprint: string },
): Promise<void> {
  if (data.chatId) rosterChanged();
  await db.chatBinding.update({ where: { id: bindingId }, data });
}

export async function bindingDetails(db: Tx, platform: string) {
  return db.chatBinding.findMany({ where: { platform }, include: { org: true }, orderBy: { createdAt: 'asc' } });
}

/** Platform user ids of the admins on one platform (to report problems to). */
export async function adminIds(db: Tx, platform: string): Promise<string[]> {
  const rows = await db.memberIdentity.findMany({
    where: { platform, member: { active: true, roles: { contains: 'admin' } } },
  });
  return rows.map((r) => r.platformUserId);
}

let rosterVersion = 0;

/** Marks the roster as changed: every snapshot is read again on next use. */
export function rosterChanged(): void {
  rosterVersion++;
}

/** The current version, to tell whether a turn changed the roster (see RosterCache.settle). */
export function rosterVersionNow(): number {
  return rosterVersion;
}

export { RosterCache } from './roster-cache.js';
