// LIANDONG_AUDIT_*: the audit chain's key (kept outside the database) and how long audit rows are kept.
// 《网络安全法》第二十一条（三）: 留存相关的网络日志不少于六个月 — so rows are never purged unless an
// office sets LIANDONG_AUDIT_KEEP_MONTHS, and then not sooner than six months.

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The least that LIANDONG_AUDIT_KEEP_MONTHS may say (网络安全法 第二十一条). */
export const AUDIT_KEEP_MONTHS_MIN = 6;

export interface AuditSettings {
  /** LIANDONG_AUDIT_KEY: the key itself, hex */
  keyHex?: string;
  /** LIANDONG_AUDIT_KEY_FILE: a file holding it */
  keyFile?: string;
  /** where the key is generated when neither is set (sandbox, trial): data/audit.key */
  defaultFile: string;
  /** months audit rows are kept; undefined: kept for ever (the default) */
  keepMonths?: number;
}

export interface AuditKey {
  key: Buffer;
  /** where it came from, for doctor and the warning (never the key) */
  source: string;
  /** generated now, or read from the default file: no office configured it */
  defaulted: boolean;
}

const KEY_HINT = '64 个十六进制字符（32 字节），可用 `openssl rand -hex 32` 生成';
const isKeyHex = (s: string) => /^[0-9a-fA-F]{64,128}$/.test(s) && s.length % 2 === 0;

interface SectionReader {
  get(name: string): string | undefined;
  problems: string[];
}

export function readAuditSettings({ get, problems }: SectionReader): AuditSettings {
  const keyHex = get('LIANDONG_AUDIT_KEY');
  const keyFile = get('LIANDONG_AUDIT_KEY_FILE');
  if (keyHex && keyFile) problems.push('LIANDONG_AUDIT_KEY 与 LIANDONG_AUDIT_KEY_FILE 只设一个');
  if (keyHex && !isKeyHex(keyHex)) problems.push(`LIANDONG_AUDIT_KEY 应为 ${KEY_HINT}`);
  if (keyFile && !existsSync(keyFile))
    problems.push(`LIANDONG_AUDIT_KEY_FILE 指向的文件 ${keyFile} 不存在（文件内容：${KEY_HINT}）`);
  const keep = get('LIANDONG_AUDIT_KEEP_MONTHS');
  let keepMonths: number | undefined;
  if (keep !== undefined) {
    keepMonths = Number(keep);
    if (!Number.isInteger(keepMonths) || keepMonths < AUDIT_KEEP_MONTHS_MIN || keepMonths > 1200) {
      problems.push(
        `LIANDONG_AUDIT_KEEP_MONTHS 应为 ${AUDIT_KEEP_MONTHS_MIN}–1200 的整数（网络安全法第二十一条：网络日志留存不少于六个月；不设则永久保留），收到 "${keep}"`,
      );
      keepMonths = undefined;
    }
  }
  return {
    keyHex,
    keyFile: keyFile ? path.resolve(keyFile) : undefined,
    defaultFile: path.resolve('data/audit.key'),
    keepMonths,
  };
}

export class AuditKeyError extends Error {}

function readKeyFile(file: string, name: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new AuditKeyError(
      `无法读取审计密钥文件 ${file}（${(err as NodeJS.ErrnoException).code ?? 'error'}）：${name}`,
    );
  }
  if (!isKeyHex(text)) throw new AuditKeyError(`审计密钥文件 ${file} 的内容应为 ${KEY_HINT}`);
  return Buffer.from(text, 'hex');
}

/** Writes a new random key to `file` unless one is there (two processes at once: one wins, both read it). */
function generateKeyFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  chmodSync(file, 0o600);
}

/** The key the settings name: the variable, the file, or the default file (generated on the first start). */
export function loadAuditKey(s: AuditSettings): AuditKey {
  if (s.keyHex) return { key: Buffer.from(s.keyHex, 'hex'), source: 'LIANDONG_AUDIT_KEY', defaulted: false };
  if (s.keyFile) return { key: readKeyFile(s.keyFile, 'LIANDONG_AUDIT_KEY_FILE'), source: s.keyFile, defaulted: false };
  if (!existsSync(s.defaultFile)) generateKeyFile(s.defaultFile);
  return { key: readKeyFile(s.defaultFile, '默认密钥文件'), source: s.defaultFile, defaulted: true };
}
