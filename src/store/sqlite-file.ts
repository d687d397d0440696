import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The default database location, relative to the project's working directory. */
export const DEFAULT_DATABASE_URL = 'file:./data/liandong.db';

/**
 * Turns a DATABASE_URL (`file:./data/liandong.db`, `file:/abs/path.db`, or a bare
 * path) into an absolute file path, and makes sure its folder exists.
 * Shared by the Prisma CLI config and the runtime client so both open the same file.
 */
export function sqliteFileFromUrl(url: string | undefined, baseDir = process.cwd()): string {
  const raw = url?.trim() || DEFAULT_DATABASE_URL;
  if (!raw.startsWith('file:') && /^[a-z]+:\/\//i.test(raw)) {
    throw new Error(`DATABASE_URL 只支持 SQLite 文件（file:路径），收到的是 ${raw.split(':')[0]}: 开头的地址`);
  }
  let file = raw.startsWith('file:') ? raw.slice('file:'.length) : raw;
  file = file.split('?')[0]!;
  if (file.startsWith('//')) file = file.slice(2);
  const abs = path.resolve(baseDir, file);
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
  } catch {
    // reported with what to do where the file is opened (checkWritable), not here
  }
  return abs;
}
