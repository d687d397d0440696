// The roster file (LIANDONG_ROSTER, YAML): organisations, members with roles and platform
// user ids, chat bindings. Checked as a whole; every problem is named with its place.
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { CHAT_PURPOSES, type ChatPurpose, ORG_KINDS, type OrgKind, ROLES, type Role } from '../domain/vocabulary.js';
import type { RosterInput } from '../store/roster.js';
import { checkLead, checkRoad } from './roster-road.js';

export class RosterError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function parseRoster(text: string, origin: string): RosterInput {
  let raw: any;
  try {
    raw = YAML.parse(text);
  } catch (e) {
    throw new RosterError([`名册 ${origin} 不是有效的 YAML：${(e as Error).message.split('\n')[0]}`]);
  }
  return checkRoster(raw, origin);
}

/** Checks a roster read from YAML or from a workbook (roster-workbook.ts): every problem, with its place. */
export function checkRoster(
  raw: any,
  origin: string,
  place: (list: 'orgs' | 'members' | 'chats' | 'road', i: number) => string = (list, i) => `${list}[${i}]`,
): RosterInput {
  const problems: string[] = [];
  const orgs: RosterInput['orgs'] = [];
  const names = new Set<string>();
  for (const [i, o] of ((raw?.orgs ?? []) as any[]).entries()) {
    const where = place('orgs', i);
    if (typeof o?.name !== 'string' || !o.name.trim()) problems.push(`${where}：缺少 name（单位全称）`);
    else if (names.has(o.name)) problems.push(`${where}：单位 ${o.name} 重复`);
    if (!ORG_KINDS.includes(o?.kind)) problems.push(`${where}：kind 应为 ${ORG_KINDS.join('/')} 之一`);
    if (o?.short !== undefined && !(Array.isArray(o.short) && o.short.every((s: unknown) => typeof s === 'string')))
      problems.push(`${where}：short 应为简称列表`);
    names.add(o?.name);
    orgs.push({ name: o?.name, kind: o?.kind as OrgKind, short: o?.short ?? [] });
  }
  if (orgs.length === 0) problems.push('名册中没有任何单位（orgs）');
  const members: RosterInput['members'] = [];
  for (const [i, m] of ((raw?.members ?? []) as any[]).entries()) {
    const where = place('members', i);
    if (typeof m?.name !== 'string') problems.push(`${where}：缺少 name`);
    if (!names.has(m?.org)) problems.push(`${where}：org “${m?.org}” 不在 orgs 中`);
    const roles = Array.isArray(m?.roles) ? m.roles : [];
    if (roles.length === 0 || roles.some((r: unknown) => !ROLES.includes(r as Role)))
      problems.push(`${where}：roles 应为 ${ROLES.join('/')} 中的一个或多个`);
    const ids = m?.ids ?? {};
    if (typeof ids !== 'object' || Object.keys(ids).length === 0)
      problems.push(`${where}：ids 应写出至少一个平台的用户 ID，如 { lark: ou_xxx }`);
    if (m?.digest !== undefined && !['group', 'direct', 'both'].includes(m.digest))
      problems.push(`${where}：digest（周报的接收方式）应为 group（领导群）、direct（私聊）或 both`);
    members.push({
      name: m?.name,
      org: m?.org,
      roles,
      ids: Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, String(v)])),
      ...(m?.digest ? { digest: m.digest } : {}),
    });
  }
  const chats: RosterInput['chats'] = [];
  for (const [i, c] of ((raw?.chats ?? []) as any[]).entries()) {
    const where = place('chats', i);
    if (typeof c?.platform !== 'string' || typeof c?.chatId !== 'string')
      problems.push(`${where}：缺少 platform 或 chatId`);
    if (!CHAT_PURPOSES.includes(c?.purpose)) problems.push(`${where}：purpose 应为 ${CHAT_PURPOSES.join('/')} 之一`);
    if (c?.org !== undefined && !names.has(c.org)) problems.push(`${where}：org “${c.org}” 不在 orgs 中`);
    if (c?.purpose === 'agency' && c?.org === undefined) problems.push(`${where}：单位工作群（agency）必须写 org`);
    chats.push({
      platform: c?.platform,
      chatId: String(c?.chatId),
      name: c?.name ?? String(c?.chatId),
      purpose: c?.purpose as ChatPurpose,
      org: c?.org,
    });
  }
  const road = checkRoad(raw?.road, orgs, problems, (i) => place('road', i));
  const lead = checkLead(raw?.lead, orgs, problems);
  if (problems.length) throw new RosterError(problems.map((p) => `名册 ${origin}：${p}`));
  return { orgs, members, chats, ...(road ? { road } : {}), ...(lead ? { lead } : {}) };
}

export function readRosterFile(file: string): RosterInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RosterError([`无法读取名册文件 ${file}（LIANDONG_ROSTER）`]);
  }
  return parseRoster(text, file);
}
