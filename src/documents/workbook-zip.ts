// exceljs's streaming reader walks the zip once, in stored order, and now and then loses the last
// entry — xl/workbook.xml in every workbook exceljs writes, our own exports included — so the sheets'
// names and the date system were missing and one import in about sixty failed as 这个文件不是 Excel
// 工作簿 (exceljs issue #3064, open). This reader opens the zip by its central directory instead:
// the workbook's parts first, then each sheet, still row by row, in the order the workbook lists them.
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';

interface ZipEntry {
  path: string;
  uncompressedSize: number;
  stream(): NodeJS.ReadableStream;
}
interface SheetModel {
  name: string;
  rId: string;
  id: number;
  state?: string;
}
interface Rel {
  Id: string;
  Target: string;
}

/** What the reader takes from exceljs's own WorkbookReader: its parsers of each part. */
interface Parts {
  model?: { sheets?: SheetModel[] };
  workbookRels?: Rel[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/** A sheet's part in the zip, from the workbook's relationship (`worksheets/sheet1.xml` or `/xl/…`). */
const sheetPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

export class CentralDirectoryReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(
    private readonly bytes: Buffer,
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
    /** the largest the parts may be once inflated, all together (a zip bomb is refused before a byte is read) */
    private readonly maxInflated: number,
  ) {
    super(undefined as unknown as string, options);
  }

  /** The sheets' names, in the workbook's order, once its parts are read. */
  sheetNames(): string[] {
    return ((this as unknown as Parts).model?.sheets ?? []).map((s) => s.name);
  }

  override async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const parts = this as unknown as Parts;
    const dir = await unzipper.Open.buffer(this.bytes);
    const files = new Map<string, ZipEntry>(dir.files.map((f: ZipEntry) => [f.path, f]));
    if (dir.files.reduce((n: number, f: ZipEntry) => n + f.uncompressedSize, 0) > this.maxInflated) {
      throw new InflatedTooLarge();
    }
    const open = (p: string) => files.get(p)?.stream();
    const rels = open('xl/_rels/workbook.xml.rels');
    const book = open('xl/workbook.xml');
    if (!rels || !book) throw new Error('not a workbook: xl/workbook.xml or its relationships missing');
    await parts._parseRels(rels);
    await parts._parseWorkbook(book);
    const styles = open('xl/styles.xml');
    if (styles) await parts._parseStyles(styles);
    const strings = open('xl/sharedStrings.xml');
    if (strings) yield* parts._parseSharedStrings(strings) as AsyncGenerator<{ eventType: string; value: unknown }>;
    for (const sheet of parts.model?.sheets ?? []) {
      const target = parts.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
      const stream = target ? open(sheetPath(target)) : undefined;
      if (!stream) continue;
      for (const event of parts._parseWorksheet(stream as AsyncIterable<unknown>, String(sheet.id))) {
        Object.assign(event.value as object, { name: sheet.name, id: sheet.id, state: sheet.state });
        yield event;
      }
    }
  }
}

/** The parts of the zip would inflate beyond the bound. */
export class InflatedTooLarge extends Error {}
