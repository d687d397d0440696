// 名册 as a workbook: the example roster written out and read back is the same roster; a
// workbook with mistakes is refused naming each place, as the YAML is.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseRoster, RosterError } from '../../src/config/roster.js';
import { rosterFromWorkbook, rosterToWorkbook } from '../../src/config/roster-workbook.js';

const example = parseRoster(readFileSync(path.resolve('config/roster.example.yaml'), 'utf8'), 'roster.example.yaml');

describe('the roster as a workbook', () => {
  it('round-trips the example roster', async () => {
    const bytes = await rosterToWorkbook(example);
    const back = await rosterFromWorkbook(bytes, '名册.xlsx');
    const norm = (r: typeof example) => ({
      orgs: r.orgs.map((o) => ({ ...o, short: o.short ?? [] })),
      members: r.members.map((m) => ({ ...m, digest: m.digest && m.digest !== 'group' ? m.digest : undefined })),
      chats: r.chats,
    });
    expect(norm(back)).toEqual(norm(example));
    // the kinds, roles and purposes are written in Chinese
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet('单位')!.getRow(2).values).toEqual([
      undefined,
      '示例县人民检察院',
      '县检察院、检察院',
      '检察院',
    ]);
    expect(wb.getWorksheet('人员')!.getRow(2).getCell(3).value).toBe('联络员');
  });

  it('refuses a workbook with mistakes, naming each place', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('单位').addRows([
      ['全称', '简称', '类型'],
      ['示例县司法局', '', '司法局'],
      ['示例县水务局', '', '水利'],
    ]);
    wb.addWorksheet('人员').addRows([
      ['姓名', '单位', '角色', '周报', '飞书 open_id', '微信 ID', '沙盒 ID'],
      ['冯涛', '示例县司法局', '联络员、局长', '', 'ou_1', '', ''],
    ]);
    wb.addWorksheet('群聊').addRows([
      ['平台', '群 ID', '群名', '用途', '单位'],
      ['飞书', 'oc_1', '司法局群', '单位工作群', '示例县公安局'],
    ]);
    const error = await rosterFromWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), '名册.xlsx').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RosterError);
    const problems = (error as RosterError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('单位表第 3 行：kind 应为');
    expect(problems[1]).toContain('人员表第 2 行：roles 应为');
    expect(problems[2]).toContain('群聊表第 2 行：org “示例县公安局” 不在 orgs 中');
  });
});
