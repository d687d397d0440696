// GB/T 9704-2012 (党政机关公文格式) as numbers: the page, the fonts by the names the office's Word
// knows, the sizes (in half-points: 三号 = 16 pt = 32) and the fixed line pitch; and where an
// unstamped document's 落款 and 成文日期 stand (7.3.5.2). Pure arithmetic, no Word here.

/** 1 mm in twips (1/1440 inch) */
const MM = 1440 / 25.4;
export const mm = (x: number) => Math.round(x * MM);

/** A4, and the margins that leave the 156 × 225 mm text block */
export const PAGE = { width: mm(210), height: mm(297) };
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/** the page number's line starts 7 mm below the text block (GB/T 9704 7.5): its foot about 23 mm above the edge */
export const FOOTER_DISTANCE = mm(23);

export const FONT = {
  /** 标题 */
  title: '方正小标宋简体',
  /** 正文, 主送, 落款, 表格 */
  body: '仿宋_GB2312',
  /** 一级标题 */
  heading1: '黑体',
  /** 二级标题 */
  heading2: '楷体_GB2312',
  /** 页码 */
  pageNumber: '宋体',
  /** digits and Latin letters */
  latin: 'Times New Roman',
};

/**
 * How Word substitutes a font the machine lacks (word/fontTable.xml's altName): 方正小标宋简体 → 宋体,
 * the _GB2312 faces → the 仿宋 and 楷体 every Windows has.
 */
export const FALLBACK: Record<string, string> = {
  [FONT.title]: '宋体',
  [FONT.body]: '仿宋',
  [FONT.heading2]: '楷体',
  [FONT.heading1]: 'SimHei',
  [FONT.pageNumber]: 'SimSun',
};

/** sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt */
export const SIZE = { title: 44, body: 32, copyTo: 28, table: 28, wideTable: 21, pageNumber: 28 };

/** fixed line pitch of 正文: 28.95 pt (22 lines on the 225 mm block), in twips */
export const LINE = 579;
/** fixed pitch of table rows' lines */
export const TABLE_LINE = { normal: 400, wide: 300 };

/** one character of 三号 text, in twips: the two-character indent is 640 */
export const CHAR = 320;

/** the width of a printed text in characters of its size: CJK and full-width forms 1, digits and Latin ½ */
export function charWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x100 ? 0.5 : 1;
  return n;
}

/**
 * GB/T 9704 7.3.5.2, a document without a seal: the 落款 right-aligned two characters in from the
 * margin, the date on the next line with its first character two characters right of the 落款's
 * first; a date longer than that stands two characters in, and the 落款 moves left to keep the step.
 * Returns the right indents, in twips.
 */
export function unsealedSignature(signature: string, date: string): { signature: number; date: number } {
  const s = charWidth(signature);
  const d = charWidth(date);
  let sigRight = 2;
  let dateRight = sigRight + s - d - 2;
  if (dateRight < 2) {
    dateRight = 2;
    sigRight = dateRight + d + 2 - s;
  }
  return { signature: Math.round(sigRight * CHAR), date: Math.round(dateRight * CHAR) };
}
