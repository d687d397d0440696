// 名册 in memory: the orgs, members and bindings read once and kept until the roster changes.
import type { RoadStep } from '../domain/road.js';
import type { ChatPurpose, Role } from '../domain/vocabulary.js';
import {
  type BindingRow,
  type MemberRow,
  type OrgRow,
  roadAndLead,
  rosterChanged,
  rosterVersionNow,
  toBinding,
  toOrg,
} from './roster.js';
import type { Tx } from './tx.js';

// The roster in memory. Every message needs its sender, its chat's binding and, often,
// the org list and the bindings of a purpose: four to six statements a turn before any
// work. The roster changes rarely (an admin's /绑定, a roster file, a WeChat room found
// again), so it is read once and kept until a write in this process changes it.

interface Snapshot {
  version: number;
  /** the rows as stored, for composing a matter with its orgs */
  orgRows: Map<string, Awaited<ReturnType<Tx['org']['findFirstOrThrow']>>>;
  orgs: OrgRow[];
  orgById: Map<string, OrgRow>;
  members: Map<string, MemberRow>;
  bindings: BindingRow[];
  bindingByChat: Map<string, BindingRow>;
  /** each member with the platform user ids it can be reached at */
  byMember: Map<string, { row: MemberRow; ids: Array<{ platform: string; userId: string }> }>;
  /** the roster's 督办路径 and 牵头单位 (full name), when it sets them */
  road?: RoadStep[];
  lead?: string;
}

export class RosterCache {
  private snap: Snapshot | undefined;

  private async load(db: Tx): Promise<Snapshot> {
    if (this.snap && this.snap.version === rosterVersionNow()) return this.snap;
    const version = rosterVersionNow();
    const [orgRows, identities, bindingRows, extra] = await Promise.all([
      db.org.findMany({ orderBy: { createdAt: 'asc' } }),
      db.memberIdentity.findMany({ include: { member: { include: { org: true } } } }),
      db.chatBinding.findMany({ include: { org: true }, orderBy: { createdAt: 'asc' } }),
      roadAndLead(db),
    ]);
    const orgs = orgRows.map(toOrg);
    const members = new Map<string, MemberRow>();
    const byMember: Snapshot['byMember'] = new Map();
    for (const i of identities) {
      const m = i.member;
      if (!m.active) continue;
      const row = byMember.get(m.id)?.row ?? {
        id: m.id,
        name: m.name,
        orgId: m.orgId,
        orgName: m.org.name,
        orgKind: m.org.kind,
        roles: m.roles.split(',').filter(Boolean) as Role[],
        digest: m.digest,
      };
      members.set(`${i.platform}:${i.platformUserId}`, row);
      byMember.set(m.id, {
        row,
        ids: [...(byMember.get(m.id)?.ids ?? []), { platform: i.platform, userId: i.platformUserId }],
      });
    }
    const bindings = bindingRows.map(toBinding);
    this.snap = {
      ...extra,
      version,
      orgRows: new Map(orgRows.map((o) => [o.id, o])),
      orgs,
      orgById: new Map(orgs.map((o) => [o.id, o])),
      members,
      bindings,
      bindingByChat: new Map(bindings.map((b) => [`${b.platform}:${b.chatId}`, b])),
      byMember,
    };
    return this.snap;
  }

  async member(db: Tx, platform: string, platformUserId: string): Promise<MemberRow | undefined> {
    return (await this.load(db)).members.get(`${platform}:${platformUserId}`);
  }

  /** Every active member with a platform identity. */
  async allMembers(db: Tx): Promise<MemberRow[]> {
    return [...(await this.load(db)).byMember.values()].map((e) => e.row);
  }

  /** The active members of one unit (with a platform identity). */
  async membersOf(db: Tx, orgId: string): Promise<MemberRow[]> {
    return [...(await this.load(db)).byMember.values()].map((e) => e.row).filter((m) => m.orgId === orgId);
  }

  async memberById(db: Tx, memberId: string): Promise<MemberRow | undefined> {
    return (await this.load(db)).byMember.get(memberId)?.row;
  }

  /**
   * Where to reach members directly: their user id on each platform the deployment uses
   * (a platform with a bound chat), so a direct message never waits on a platform not running.
   */
  async directTargets(
    db: Tx,
    memberIds: string[],
  ): Promise<Array<{ platform: string; userId: string; memberId: string }>> {
    const snap = await this.load(db);
    const inUse = new Set(snap.bindings.map((b) => b.platform));
    return [...new Set(memberIds)].flatMap((id) =>
      (snap.byMember.get(id)?.ids ?? []).filter((i) => inUse.has(i.platform)).map((i) => ({ ...i, memberId: id })),
    );
  }

  async binding(db: Tx, platform: string, chatId: string): Promise<BindingRow | undefined> {
    return (await this.load(db)).bindingByChat.get(`${platform}:${chatId}`);
  }

  /** The roster's 督办路径, or undefined for the default road. */
  async road(db: Tx): Promise<RoadStep[] | undefined> {
    return (await this.load(db)).road;
  }

  /** The lead unit (牵头单位) the roster names, or undefined (the procuratorate leads). */
  async lead(db: Tx): Promise<OrgRow | undefined> {
    const snap = await this.load(db);
    return snap.lead ? snap.orgs.find((o) => o.name === snap.lead) : undefined;
  }

  async orgs(db: Tx): Promise<OrgRow[]> {
    return (await this.load(db)).orgs;
  }

  async orgRow(db: Tx, id: string) {
    return (await this.load(db)).orgRows.get(id);
  }

  async org(db: Tx, id: string): Promise<OrgRow | undefined> {
    return (await this.load(db)).orgById.get(id);
  }

  async bindings(
    db: Tx,
    where: { platform?: string; purpose?: ChatPurpose; orgId?: string } = {},
  ): Promise<BindingRow[]> {
    return (await this.load(db)).bindings.filter(
      (b) =>
        (!where.platform || b.platform === where.platform) &&
        (!where.purpose || b.purpose === where.purpose) &&
        (!where.orgId || b.orgId === where.orgId),
    );
  }

  /**
   * After a transaction that changed the roster (committed or rolled back): a snapshot
   * read inside it may hold what was rolled back, so it is dropped.
   */
  settle(versionBefore: number): void {
    if (rosterVersionNow() !== versionBefore) {
      this.snap = undefined;
      rosterChanged();
    }
  }
}
