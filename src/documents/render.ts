// An official document (model.ts) laid out as GB/T 9704-2012 asks and packed as .docx with the docx
// library: A4 with the standard margins; 标题 二号 方正小标宋简体 centred; 主送 三号 仿宋_GB2312 flush
// left with a full-width colon; 正文 三号 仿宋_GB2312, first line indented two characters, fixed
// 28.95 pt lines; 一级标题 黑体, 二级 楷体_GB2312; tables with a header row; 落款 and 成文日期
// right-aligned as for a document without a seal; the 版记's 抄送 between two rules; page numbers
// “— 1 —”, odd on the right and even on the left. Pure: a model in, the file's bytes out.
import type { Paragraph as DocxParagraph, Table as DocxTable, IRunOptions } from 'docx';
import { fontTableXml } from './font-table.js';
import {
  CHAR,
  charWidth,
  FONT,
  FOOTER_DISTANCE,
  LINE,
  MARGIN,
  PAGE,
  SIZE,
  TABLE_LINE,
  unsealedSignature,
} from './layout.js';
import type { Block, OfficialDocument } from './model.js';

type Docx = typeof import('docx');

/** the fonts of a run: the Chinese face by its name in Word, digits and Latin in Times New Roman */
const fonts = (eastAsia: string) => ({ eastAsia, ascii: FONT.latin, hAnsi: FONT.latin, hint: 'eastAsia' });

interface Line {
  text: string;
  font?: string;
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** first line indented two characters (正文, headings) */
  indent?: boolean;
  /** right indent, in twips */
  right?: number;
  bold?: boolean;
  /** exact line pitch, in twips */
  line?: number;
}

function builder(d: Docx) {
  const alignment = { left: d.AlignmentType.LEFT, center: d.AlignmentType.CENTER, right: d.AlignmentType.RIGHT };
  const run = (text: string, font: string, size: number, bold = false) =>
    new d.TextRun({ text, font: fonts(font), size, bold } satisfies IRunOptions);
  const paragraph = (l: Line): DocxParagraph =>
    new d.Paragraph({
      children: l.text ? [run(l.text, l.font ?? FONT.body, l.size ?? SIZE.body, l.bold)] : [],
      alignment: l.align ? alignment[l.align] : d.AlignmentType.JUSTIFIED,
      spacing: { line: l.line ?? LINE, lineRule: d.LineRuleType.EXACT, before: 0, after: 0 },
      indent:
        l.indent || l.right
          ? {
              ...(l.indent ? { firstLine: 2 * CHAR, firstLineChars: 200 } : {}),
              ...(l.right ? { right: l.right } : {}),
            }
          : undefined,
    });
  const blank = () => paragraph({ text: '' });
  return { run, paragraph, blank };
}

type Build = ReturnType<typeof builder>;

/** A table over the text block's width, its header row repeated on each page, cells centred when short. */
function table(d: Docx, b: Build, block: Extract<Block, { kind: 'table' }>, textWidth: number, wide: boolean) {
  const weights = block.widths ?? block.header.map(() => 1);
  const sum = weights.reduce((a, x) => a + x, 0);
  const columnWidths = weights.map((w) => Math.floor((textWidth * w) / sum));
  const size = wide ? SIZE.wideTable : SIZE.table;
  const line = wide ? TABLE_LINE.wide : TABLE_LINE.normal;
  const cell = (text: string, i: number, head: boolean) =>
    new d.TableCell({
      width: { size: columnWidths[i]!, type: d.WidthType.DXA },
      verticalAlign: d.VerticalAlignTable.CENTER,
      margins: { left: 60, right: 60, top: 40, bottom: 40 },
      children: text.split('\n').map((part) =>
        b.paragraph({
          text: part,
          font: head ? FONT.heading1 : FONT.body,
          size,
          line,
          align: head || charWidth(text) <= 8 ? 'center' : 'left',
        }),
      ),
    });
  return new d.Table({
    width: { size: columnWidths.reduce((a, x) => a + x, 0), type: d.WidthType.DXA },
    columnWidths,
    layout: d.TableLayoutType.FIXED,
    rows: [
      new d.TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((h, i) => cell(h, i, true)) }),
      ...block.rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** The 正文's blocks in order: a table stands between blank lines. */
function bodyOf(d: Docx, b: Build, doc: OfficialDocument, textWidth: number): Array<DocxParagraph | DocxTable> {
  return doc.body.flatMap((block): Array<DocxParagraph | DocxTable> => {
    if (block.kind === 'paragraph') return block.text.split('\n').map((text) => b.paragraph({ text, indent: true }));
    if (block.kind === 'heading')
      return [b.paragraph({ text: block.text, font: block.level === 1 ? FONT.heading1 : FONT.heading2, indent: true })];
    return [table(d, b, block, textWidth, Boolean(doc.landscape)), b.blank()];
  });
}

/** The 版记's 抄送: 四号 仿宋, one character in from each side, between two thin rules. */
function copyTo(d: Docx, text: string): DocxParagraph {
  const rule = { style: d.BorderStyle.SINGLE, size: 4, color: '000000', space: 1 };
  return new d.Paragraph({
    children: [new d.TextRun({ text, font: fonts(FONT.body), size: SIZE.copyTo })],
    spacing: { line: LINE, lineRule: d.LineRuleType.EXACT },
    indent: { left: 280, right: 280 },
    border: { top: rule, bottom: rule },
  });
}

/** “— 1 —” in 四号 半角宋体 digits: an odd page's on the right, an even page's on the left, one character in. */
function pageNumbers(d: Docx) {
  const number = (align: 'right' | 'left') =>
    new d.Footer({
      children: [
        new d.Paragraph({
          alignment: align === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
          indent: align === 'right' ? { right: 280 } : { left: 280 },
          children: [
            new d.TextRun({
              children: ['— ', d.PageNumber.CURRENT, ' —'],
              font: { ascii: FONT.pageNumber, hAnsi: FONT.pageNumber, eastAsia: FONT.pageNumber },
              size: SIZE.pageNumber,
            }),
          ],
        }),
      ],
    });
  return { default: number('right'), even: number('left') };
}

/** The document's bytes (.docx). */
export async function renderDocument(doc: OfficialDocument): Promise<Buffer> {
  const d = await import('docx');
  const b = builder(d);
  const textWidth = (doc.landscape ? PAGE.height : PAGE.width) - MARGIN.left - MARGIN.right;
  const where = unsealedSignature(doc.signature, doc.date);
  const children = [
    b.paragraph({ text: doc.title, font: FONT.title, size: SIZE.title, align: 'center' }),
    ...(doc.number ? [b.paragraph({ text: doc.number, align: 'center' })] : []),
    b.blank(),
    ...(doc.addressee ? [b.paragraph({ text: `${doc.addressee}：`, align: 'left' })] : []),
    ...bodyOf(d, b, doc, textWidth),
    b.blank(),
    b.paragraph({ text: doc.signature, align: 'right', right: where.signature }),
    b.paragraph({ text: doc.date, align: 'right', right: where.date }),
    ...(doc.copyTo ? [b.blank(), copyTo(d, doc.copyTo)] : []),
  ];
  const file = new d.Document({
    title: doc.subject ?? doc.title,
    creator: doc.signature,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fonts(FONT.body), size: SIZE.body },
          paragraph: { spacing: { line: LINE, lineRule: d.LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              ...PAGE,
              orientation: doc.landscape ? d.PageOrientation.LANDSCAPE : d.PageOrientation.PORTRAIT,
            },
            margin: { ...MARGIN, header: FOOTER_DISTANCE, footer: FOOTER_DISTANCE },
          },
          grid: { linePitch: LINE },
        },
        footers: pageNumbers(d),
        children,
      },
    ],
  });
  return d.Packer.toBuffer(file, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
