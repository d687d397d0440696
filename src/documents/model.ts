// The plain model of an official document (公文), as the families fill it from their facts and the
// words of prompts/documents.yaml: every string here is already the text to print. render.ts lays it
// out as GB/T 9704-2012 (党政机关公文格式) asks and packs the .docx; nothing here knows Word.

/** One block of the 正文, in order. */
export type Block =
  /** a paragraph of 正文: 仿宋, first line indented two characters */
  | { kind: 'paragraph'; text: string }
  /** 一级标题（一、…: 黑体）or 二级标题（（一）…: 楷体） */
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** a table with its header row (repeated on every page it spans); cells are plain text */
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] };

export interface OfficialDocument {
  /** 标题 */
  title: string;
  /** the line under the title naming the document (编号：TZ-2026-001), like a 发文字号 */
  number?: string;
  /** 主送机关, without the colon (the layout adds the full-width one); none for a 纪要 or a 表 */
  addressee?: string;
  body: Block[];
  /** 落款: the issuing unit's name */
  signature: string;
  /** 成文日期 as printed, e.g. 2026年11月10日 */
  date: string;
  /** the 版记's 抄送 line as printed (抄送：示例县人民检察院。) */
  copyTo?: string;
  /** a wide table (the year's statistics) is printed across the page */
  landscape?: boolean;
  /** the file's own properties (Word's 文件 → 信息): the title by default */
  subject?: string;
}

/** A document ready to attach: its file name and its bytes. */
export interface DocumentFile {
  name: string;
  bytes: Buffer;
}
