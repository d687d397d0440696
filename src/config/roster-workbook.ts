// 名册 as an Excel workbook, as an alternative to the YAML file: three sheets — 单位, 人员,
// 群聊 — with the kinds, roles and purposes written in Chinese (or as in the YAML). Read and
// checked by the same rules as the YAML (checkRoster); written from the database.
import ExcelJS from 'exceljs';
import type { RoadTarget } from '../domain/road.js';
import type { RosterInput } from '../store/roster.js';
import { cellText } from '../xlsx-cells.js';
import { checkRoster, RosterError } from './roster.js';
import { ROAD_PURPOSE_WORDS } from './roster-road.js';

const roadTargetWord = (to: RoadTarget) => ('org' in to ? to.org : ROAD_PURPOSE_WORDS[to.purpose][0]!);

// The first word of each is the one written out; the others are read as well (the words of
// earlier workbooks among them: 行政机关 for agency, 联络人 for officer).
export const ORG_KIND_WORDS: Record<string, string[]> = {
  procuratorate: ['检察院', '人民检察院'],
  // the government's departments a recommendation goes to (被建议单位)
  agency: ['政府工作部门', '行政机关', '政府部门'],
  supervisor: ['政府督查室', '督查室', '政府督查机构'],
  judicial: ['司法局', '司法行政机关'],
  discipline: ['纪委监委', '纪检监察机关'],
  government: ['人民政府', '政府'],
};
export const ROLE_WORDS: Record<string, string[]> = {
  liaison: ['联络员'],
  officer: ['经办人', '行政机关经办人', '联络人', '行政机关联络人'],
  supervisor: ['督查人员', '政府督查人员'],
  leader: ['领导'],
  admin: ['管理员'],
  head: ['负责人', '单位负责人'],
};
export const PURPOSE_WORDS: Record<string, string[]> = {
  agency: ['单位工作群', '工作群'],
  supervisor: ['督办群'],
  leaders: ['领导群'],
  joint: ['联动群', '府检联动群'],
  legal: ['法制群', '法制'],
};
export const DIGEST_WORDS: Record<string, string[]> = {
  group: ['领导群'],
  direct: ['私聊'],
  both: ['两者', '领导群和私聊'],
};

export const SHEETS = { orgs: '单位', members: '人员', chats: '群聊', road: '督办路径', settings: '设置' } as const;
export const HEADERS = {
  orgs: ['全称', '简称', '类型'],
  members: ['姓名', '单位', '角色', '周报', '飞书 open_id', '微信 ID', '沙盒 ID'],
  chats: ['平台', '群 ID', '群名', '用途', '单位'],
  road: ['步骤', '督办对象', '间隔工作日'],
  settings: ['项目', '内容'],
} as const;
/** sheets a roster workbook may leave out (the defaults apply) */
const OPTIONAL = new Set<keyof typeof SHEETS>(['road', 'settings']);
const PLATFORM_OF: Record<string, string> = { '飞书 open_id': 'lark', '微信 ID': 'wechat', '沙盒 ID': 'sandbox' };

/** A word as written (Chinese label or the YAML's identifier) to the identifier; unknown ones pass through for checkRoster to name. */
function code(words: Record<string, string[]>, value: string): string {
  const v = value.trim();
  for (const [id, names] of Object.entries(words)) if (id === v || names.includes(v)) return id;
  return v;
}

const text = (v: ExcelJS.CellValue): string => cellText(v).trim();
const list = (v: string) => v.split(/[、，,;；\s]+/).filter(Boolean);

export async function rosterFromWorkbook(bytes: Buffer, origin: string): Promise<RosterInput> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new RosterError([`名册 ${origin} 不是 Excel 工作簿（.xlsx）`]);
  }
  const rows = (sheet: keyof typeof SHEETS) => {
    const ws = wb.getWorksheet(SHEETS[sheet]);
    if (!ws && OPTIONAL.has(sheet)) return undefined;
    if (!ws) throw new RosterError([`名册 ${origin}：缺少“${SHEETS[sheet]}”表`]);
    const cols = new Map<string, number>();
    ws.getRow(1).eachCell((c, n) => cols.set(text(c.value), n));
    const out: Array<Record<string, string>> = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const rec = Object.fromEntries(
        HEADERS[sheet].map((h) => [h, cols.has(h) ? text(row.getCell(cols.get(h)!).value) : '']),
      );
      if (Object.values(rec).some(Boolean)) out.push(rec);
    }
    return out;
  };
  const road = rows('road');
  const settings = Object.fromEntries((rows('settings') ?? []).map((r) => [r['项目'], r['内容']]));
  const raw = {
    ...(road ? { road: road.map((r) => ({ to: r['督办对象'], after: r['间隔工作日'] || 0 })) } : {}),
    ...(settings['牵头单位'] ? { lead: settings['牵头单位'] } : {}),
    orgs: (rows('orgs') ?? []).map((o) => ({
      name: o['全称'],
      short: list(o['简称'] ?? ''),
      kind: code(ORG_KIND_WORDS, o['类型'] ?? ''),
    })),
    members: (rows('members') ?? []).map((m) => ({
      name: m['姓名'],
      org: m['单位'],
      roles: list(m['角色'] ?? '').map((r) => code(ROLE_WORDS, r)),
      ...(m['周报'] ? { digest: code(DIGEST_WORDS, m['周报']) } : {}),
      ids: Object.fromEntries(
        Object.entries(PLATFORM_OF)
          .filter(([h]) => m[h])
          .map(([h, p]) => [p, m[h]]),
      ),
    })),
    chats: (rows('chats') ?? []).map((c) => ({
      platform: code({ lark: ['飞书'], wechat: ['微信'], sandbox: ['沙盒'] }, c['平台'] ?? ''),
      chatId: c['群 ID'],
      name: c['群名'] || c['群 ID'],
      purpose: code(PURPOSE_WORDS, c['用途'] ?? ''),
      ...(c['单位'] ? { org: c['单位'] } : {}),
    })),
  };
  // a problem is named by its sheet and row, as the clerk sees them
  return checkRoster(raw, origin, (list, i) => `${SHEETS[list]}表第 ${i + 2} 行`);
}

/** The roster as a workbook (the same sheets rosterFromWorkbook reads). */
export async function rosterToWorkbook(roster: RosterInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, headers: readonly string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const label = (words: Record<string, string[]>, id: string) => words[id]?.[0] ?? id;
  const orgs = sheet(SHEETS.orgs, HEADERS.orgs, [30, 30, 14]);
  for (const o of roster.orgs) orgs.addRow([o.name, (o.short ?? []).join('、'), label(ORG_KIND_WORDS, o.kind)]);
  const members = sheet(SHEETS.members, HEADERS.members, [10, 30, 20, 8, 24, 20, 14]);
  for (const m of roster.members)
    members.addRow([
      m.name,
      m.org,
      m.roles.map((r) => label(ROLE_WORDS, r)).join('、'),
      m.digest && m.digest !== 'group' ? label(DIGEST_WORDS, m.digest) : '',
      m.ids.lark ?? '',
      m.ids.wechat ?? '',
      m.ids.sandbox ?? '',
    ]);
  const chats = sheet(SHEETS.chats, HEADERS.chats, [8, 24, 24, 12, 30]);
  for (const c of roster.chats)
    chats.addRow([
      { lark: '飞书', wechat: '微信', sandbox: '沙盒' }[c.platform] ?? c.platform,
      c.chatId,
      c.name,
      label(PURPOSE_WORDS, c.purpose),
      c.org ?? '',
    ]);
  if (roster.road) {
    const road = sheet(SHEETS.road, HEADERS.road, [8, 30, 12]);
    for (const [i, r] of roster.road.entries()) road.addRow([i + 1, roadTargetWord(r.to), r.after]);
  }
  if (roster.lead) sheet(SHEETS.settings, HEADERS.settings, [14, 30]).addRow(['牵头单位', roster.lead]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
