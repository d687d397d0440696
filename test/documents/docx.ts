// A small .docx reader for the tests: the package opened with unzipper, word/document.xml read as
// its paragraphs (body and table cells, in order), each with its text, its paragraph properties
// and the fonts and sizes of its runs — what a reader of the printed page would see, and how.
import unzipper from 'unzipper';

export interface DocParagraph {
  text: string;
  /** the paragraph's <w:pPr> as written */
  pPr: string;
  /** each run's East Asian font and size (half-points) */
  runs: Array<{ eastAsia?: string; ascii?: string; size?: number; text: string }>;
  inTable: boolean;
}

export interface Docx {
  parts: Map<string, string>;
  document: string;
  paragraphs: DocParagraph[];
  /** all paragraph texts, one a line */
  text: string;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

async function readStream(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function paragraphsOf(xml: string): DocParagraph[] {
  const out: DocParagraph[] = [];
  // table cells hold paragraphs too: mark those inside <w:tbl>
  const tables: Array<[number, number]> = [];
  for (const m of xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)) tables.push([m.index!, m.index! + m[0].length]);
  for (const m of xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p\/>/g)) {
    const body = m[1] ?? '';
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? '';
    const runs = [...body.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => {
      const run = r[1]!;
      return {
        eastAsia: /w:eastAsia="([^"]*)"/.exec(run)?.[1],
        ascii: /w:ascii="([^"]*)"/.exec(run)?.[1],
        size: Number(/<w:sz w:val="(\d+)"/.exec(run)?.[1]) || undefined,
        text: [...run.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
      };
    });
    const at = m.index!;
    out.push({
      text: runs.map((r) => r.text).join(''),
      pPr,
      runs,
      inTable: tables.some(([a, b]) => at > a && at < b),
    });
  }
  return out;
}

export async function openDocx(bytes: Buffer | ArrayBuffer): Promise<Docx> {
  const zip = await unzipper.Open.buffer(Buffer.from(bytes as ArrayBuffer));
  const parts = new Map<string, string>();
  for (const f of zip.files) parts.set(f.path, await readStream(f.stream()));
  const document = parts.get('word/document.xml');
  if (!document) throw new Error('no word/document.xml: not a Word document');
  const paragraphs = paragraphsOf(document);
  return { parts, document, paragraphs, text: paragraphs.map((p) => p.text).join('\n') };
}

/** The paragraph whose text is exactly `text` (throws when there is none). */
export function paragraph(doc: Docx, text: string): DocParagraph {
  const p = doc.paragraphs.find((x) => x.text === text);
  if (!p) throw new Error(`no paragraph “${text}” in:\n${doc.text}`);
  return p;
}

/** The rows of the document's tables, each a list of its cells' texts. */
export function tableRows(doc: Docx): string[][] {
  return [...doc.document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
      paragraphsOf(c[1]!)
        .map((p) => p.text)
        .join('\n'),
    ),
  );
}
