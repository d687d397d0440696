// The layout of an official document (GB/T 9704-2012) as Word reads it from the file: A4 with the
// standard margins, the title in 二号 方正小标宋简体 centred, the 主送 flush left with a full-width
// colon, 正文 in 三号 仿宋_GB2312 indented two characters on fixed 28.95 pt lines, headings in 黑体 and
// 楷体_GB2312, a table with its header row repeated, the 落款 and date right-aligned as for a document
// without a seal, the 抄送 between rules, page numbers on alternate sides, and the fonts' fallbacks.
import { describe, expect, it } from 'vitest';
import { unsealedSignature } from '../../src/documents/layout.js';
import type { OfficialDocument } from '../../src/documents/model.js';
import { renderDocument } from '../../src/documents/render.js';
import { openDocx, paragraph, tableRows } from './docx.js';

const NOTICE: OfficialDocument = {
  title: '关于召开府检联动联席会议的通知',
  number: '编号：HY-2026-001',
  addressee: '示例县市场监督管理局',
  body: [
    { kind: 'paragraph', text: '经研究，定于2026年9月15日召开府检联动联席会议。现将有关事项通知如下：' },
    { kind: 'heading', level: 1, text: '一、会议时间' },
    { kind: 'heading', level: 2, text: '（一）上午' },
    { kind: 'table', header: ['序号', '议定事项'], rows: [['1', '清理涉企收费文件']], widths: [1, 5] },
    { kind: 'paragraph', text: '第一行\n第二行' },
  ],
  signature: '示例县人民政府督查室',
  date: '2026年11月3日',
  copyTo: '抄送：示例县人民检察院。',
};

describe('an official document as .docx', () => {
  it('is A4 with margins 37/35/28/26 mm and page numbers on alternate sides', async () => {
    const doc = await openDocx(await renderDocument(NOTICE));
    // 210 × 297 mm; 37 mm = 2098 twips, 26 mm = 1474, 35 mm = 1984, 28 mm = 1587
    expect(doc.document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(doc.document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(doc.parts.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [...doc.parts.keys()].filter((k) => /^word\/footer\d\.xml$/.test(k)).map((k) => doc.parts.get(k)!);
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(f).toContain('w:ascii="宋体"');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)![1]).sort()).toEqual(['left', 'right']);
  });

  it('sets the title, 主送, 正文 and headings in the fonts and sizes of GB/T 9704', async () => {
    const doc = await openDocx(await renderDocument(NOTICE));
    const title = doc.paragraphs[0]!;
    expect(title.text).toBe('关于召开府检联动联席会议的通知');
    expect(title.pPr).toContain('<w:jc w:val="center"/>');
    expect(title.runs).toEqual([expect.objectContaining({ eastAsia: '方正小标宋简体', size: 44 })]);
    expect(doc.paragraphs[1]!.text).toBe('编号：HY-2026-001');
    // the 主送 line: flush left, a full-width colon, 三号 仿宋_GB2312
    const to = paragraph(doc, '示例县市场监督管理局：');
    expect(to.pPr).toContain('<w:jc w:val="left"/>');
    expect(to.pPr).not.toContain('firstLine');
    expect(to.runs[0]).toMatchObject({ eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', size: 32 });
    const body = paragraph(doc, '经研究，定于2026年9月15日召开府检联动联席会议。现将有关事项通知如下：');
    expect(body.pPr).toContain('w:firstLine="640" w:firstLineChars="200"');
    expect(body.pPr).toContain('w:line="579" w:lineRule="exact"');
    expect(body.runs[0]).toMatchObject({ eastAsia: '仿宋_GB2312', size: 32 });
    expect(paragraph(doc, '一、会议时间').runs[0]).toMatchObject({ eastAsia: '黑体', size: 32 });
    expect(paragraph(doc, '（一）上午').runs[0]).toMatchObject({ eastAsia: '楷体_GB2312', size: 32 });
    // a line break in a paragraph's text starts a new paragraph
    expect(paragraph(doc, '第二行').pPr).toContain('w:firstLine="640"');
    // the fonts Word may use instead on a machine without them
    const fonts = doc.parts.get('word/fontTable.xml')!;
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });

  it('has a table with a repeated header row, the 落款 and date on the right, and the 抄送 between rules', async () => {
    const doc = await openDocx(await renderDocument(NOTICE));
    expect(tableRows(doc)).toEqual([
      ['序号', '议定事项'],
      ['1', '清理涉企收费文件'],
    ]);
    expect(doc.document).toMatch(/<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
    expect(paragraph(doc, '议定事项').runs[0]!.eastAsia).toBe('黑体');
    expect(paragraph(doc, '清理涉企收费文件').runs[0]!.eastAsia).toBe('仿宋_GB2312');
    // 10 characters of 落款 two characters in; the date (6½ characters) starts two characters right of it
    const sig = paragraph(doc, '示例县人民政府督查室');
    expect(sig.pPr).toContain('<w:jc w:val="right"/>');
    expect(sig.pPr).toContain('w:right="640"');
    const date = paragraph(doc, '2026年11月3日');
    expect(date.pPr).toContain('<w:jc w:val="right"/>');
    expect(date.pPr).toContain('w:right="1120"');
    const copy = paragraph(doc, '抄送：示例县人民检察院。');
    expect(copy.pPr).toMatch(/<w:pBdr><w:top [^>]*w:val="single"[^>]*\/><w:bottom [^>]*w:val="single"/);
    expect(doc.paragraphs.at(-1)!.text).toBe('抄送：示例县人民检察院。');
  });

  it('prints a wide table across the page', async () => {
    const doc = await openDocx(await renderDocument({ ...NOTICE, landscape: true, addressee: undefined }));
    expect(doc.document).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(doc.text).not.toContain('：\n经研究');
  });
});

describe('the 落款 of a document without a seal (GB/T 9704 7.3.5.2)', () => {
  it('stands two characters in, with the date two characters to the right of its start', () => {
    // 落款 10 characters, date 6½ (digits are half-width): the date ends 3½ characters in
    expect(unsealedSignature('示例县人民政府督查室', '2026年11月3日')).toEqual({ signature: 640, date: 1120 });
  });

  it('moves the 落款 left when the date is longer', () => {
    // 落款 6 characters, date 7: the date two characters in, the 落款 five
    expect(unsealedSignature('示例县司法局', '2026年11月10日')).toEqual({ signature: 1600, date: 640 });
  });
});
