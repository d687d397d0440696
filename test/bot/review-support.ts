// What the review stories share: a list workbook built as a clerk would fill it, its upload through
// the /评查 名单 form, and a file the bot sent, downloaded.
import ExcelJS from 'exceljs';
import type { TestBot } from '../support/bot.js';

export const HEADER = ['案号', '案件名称', '执法类别', '办结日期', '承办人'];

/** n closed case files of one agency in 2026Q4: 市监罚〔2026〕101号 … */
export function cases(prefix: string, n: number, from = 101): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `${prefix}〔2026〕${from + i}号`,
    `第${i + 1}起行政处罚案`,
    '行政处罚',
    `2026-10-${String(1 + (i % 9)).padStart(2, '0')}`,
    '张三',
  ]);
}

export async function listBook(rows: string[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案卷名单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** /评查 名单, the workbook, 确认: what the bot answered in the agency's group. */
export async function sendList(bot: TestBot, chat: string, who: string, code: string, bytes: Buffer): Promise<string> {
  const cur = await bot.lastCursor(chat);
  await bot.say(chat, who, `/评查 名单 ${code}`);
  await bot.say(chat, who, '', { attachments: [{ name: '案卷名单.xlsx', data: bytes.toString('base64') }] });
  await bot.say(chat, who, '确认');
  return (await bot.botSays(chat, cur)).map((m) => m.text).join('\n');
}

export async function download(bot: TestBot, chat: string, ending: string): Promise<Buffer> {
  const m = (await bot.botSays(chat)).filter((x) => x.attachments?.some((a) => a.name.endsWith(ending))).at(-1)!;
  const ref = m.attachments!.find((a) => a.name.endsWith(ending))!.ref.replace('file:', '');
  return Buffer.from(await (await fetch(`${bot.base}/files/${ref}`)).arrayBuffer());
}
