// 佐证材料: files people send in a chat, kept by the bot under LIANDONG_FILES_DIR with a
// row in StoredFile (name, type, size, SHA-256), so the evidence outlives the chat's
// own retention and can be listed and sent again (/附件). Each platform hands the
// bytes over; what is kept, and what is refused, is decided here once for all.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Attachment, FileRefusal } from '../chat/messages.js';
import type { Tx } from './tx.js';

/** An attachment ref that names a StoredFile: file:<id> */
export const FILE_REF = 'file:';

/** File types an office sends as evidence: documents, spreadsheets, images, archives, video (listed to people in form.error.file_type). */
const ACCEPTED = new Set([
  'pdf',
  'ofd',
  'doc',
  'docx',
  'wps',
  'xls',
  'xlsx',
  'et',
  'csv',
  'txt',
  'ppt',
  'pptx',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'webp',
  'heic',
  'tif',
  'tiff',
  'zip',
  'rar',
  '7z',
  'mp4',
  'mov',
  'mp3',
  'amr',
  'm4a',
]);

export interface FileLimits {
  dir: string;
  maxBytes: number;
}

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function extension(name: string): string {
  return /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** Why these bytes are not kept, or undefined. Executables are refused whatever their name. */
export function fileProblem(
  name: string,
  kind: 'file' | 'image',
  bytes: Buffer,
  maxBytes: number,
): FileRefusal | undefined {
  if (bytes.length === 0) return { reason: 'empty' };
  if (bytes.length > maxBytes) return { reason: 'too_large', size: bytes.length, max: maxBytes };
  const head = bytes.subarray(0, 4).toString('latin1');
  if (head.startsWith('MZ') || head === '\x7fELF' || head.startsWith('#!')) return { reason: 'executable' };
  if (kind === 'image' && !extension(name)) return undefined; // platforms send images without a name
  if (!ACCEPTED.has(extension(name))) return { reason: 'type' };
  return undefined;
}

/**
 * Keeps a received file: checks it, writes it as <dir>/<yyyy-mm>/<sha256>-<name>, and
 * records it. Returns the attachment as the core sees it: ref file:<id>, or with `refused`
 * saying why it was not kept (the form then asks for another file).
 */
export async function keepFile(
  db: Tx,
  limits: FileLimits,
  f: { platform: string; ref: string; name: string; kind: 'file' | 'image'; bytes: Buffer; at: Date },
): Promise<Attachment> {
  const name =
    f.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(-120) || (f.kind === 'image' ? '图片.png' : '文件');
  const problem = fileProblem(name, f.kind, f.bytes, limits.maxBytes);
  if (problem) return { kind: f.kind, name, ref: f.ref, size: f.bytes.length, refused: problem };
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  const rel = path.join(f.at.toISOString().slice(0, 7), `${sha256.slice(0, 16)}-${name}`);
  mkdirSync(path.join(limits.dir, path.dirname(rel)), { recursive: true });
  writeFileSync(path.join(limits.dir, rel), f.bytes);
  const row = await db.storedFile.create({
    data: {
      platform: f.platform,
      ref: f.ref,
      name,
      kind: f.kind,
      mime: MIME[extension(name)] ?? '',
      size: f.bytes.length,
      sha256,
      path: rel,
      createdAt: f.at,
    },
  });
  return { kind: f.kind, name, ref: `${FILE_REF}${row.id}`, size: f.bytes.length };
}

/** The stored file an attachment names, with its absolute path. */
export async function storedFile(db: Tx, dir: string, ref: string) {
  if (!ref.startsWith(FILE_REF)) return undefined;
  const row = await db.storedFile.findUnique({ where: { id: ref.slice(FILE_REF.length) } });
  return row ? { ...row, absolutePath: path.join(dir, row.path) } : undefined;
}

/**
 * A file the bot writes itself, streamed (a ledger of 40,000 rows is never held in memory):
 * `write` writes it to the path given; it is then recorded like keepGenerated's.
 */
export async function keepWritten(
  db: Tx,
  dir: string,
  f: { name: string; at: Date; write: (absolutePath: string) => Promise<void> },
): Promise<Attachment> {
  const tmp = path.join('generated', f.at.toISOString().slice(0, 7), `tmp-${process.pid}-${Date.now()}-${f.name}`);
  mkdirSync(path.join(dir, path.dirname(tmp)), { recursive: true });
  await f.write(path.join(dir, tmp));
  const bytes = readFileSync(path.join(dir, tmp));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const rel = path.join(path.dirname(tmp), `${sha256.slice(0, 16)}-${f.name}`);
  renameSync(path.join(dir, tmp), path.join(dir, rel));
  const row = await db.storedFile.create({
    data: {
      platform: 'bot',
      ref: rel,
      name: f.name,
      kind: 'file',
      mime: MIME[extension(f.name)] ?? '',
      size: bytes.length,
      sha256,
      path: rel,
      createdAt: f.at,
    },
  });
  return { kind: 'file', name: f.name, ref: `${FILE_REF}${row.id}`, size: bytes.length };
}

/** A file the bot made (a ledger export): written and recorded like a received one, without the checks. */
export async function keepGenerated(
  db: Tx,
  dir: string,
  f: { name: string; bytes: Buffer; at: Date; kind?: 'file' | 'image' },
): Promise<Attachment> {
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  const rel = path.join('generated', f.at.toISOString().slice(0, 7), `${sha256.slice(0, 16)}-${f.name}`);
  mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), f.bytes);
  const row = await db.storedFile.create({
    data: {
      platform: 'bot',
      ref: rel,
      name: f.name,
      kind: f.kind ?? 'file',
      mime: MIME[extension(f.name)] ?? '',
      size: f.bytes.length,
      sha256,
      path: rel,
      createdAt: f.at,
    },
  });
  return { kind: f.kind ?? 'file', name: f.name, ref: `${FILE_REF}${row.id}`, size: f.bytes.length };
}
