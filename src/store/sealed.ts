// Restricted content at rest (限制知悉): the process's data key ring and the small API every
// store uses to keep restricted text sealed (SM4-CTR + HMAC-SM3, src/domain/sm4-seal.ts).
//
//   seal(text)        → 'sm4:v1:<keyId>:…' under the current key (throws DataKeyError without a key)
//   sealIfKeyed(text) → sealed when a key is configured, else the text as it is
//   open(value)       → the text (plain text passes through); DataKeyError (Chinese) when it cannot
//   openOr(value)     → the text, or 「内容已加密，本机未配置解密密钥」-like words: for display, never throws
//   isSealed(value)   → whether a stored value is an envelope
//
// A store that keeps restricted text seals it as it writes and opens it as it reads, and names
// its column in SEALED_COLUMNS (src/store/sealed-rows.ts): the first sealing of plain text and
// `liandong crypto rotate` then reach it too.
//
// The keys come from outside the database, never from it, and are never logged:
//   LIANDONG_DATA_KEY_FILE  a key ring file (JSON: {"current": "<id>", "keys": {"<id>": "<base64 32 bytes>"}}),
//                           several keys during a rotation (liandong crypto rotate), one current;
//   LIANDONG_DATA_KEY       one key, "<id>:<base64>" (or base64 alone: id "env"), when no file is used.
// The file is read again when it changes (a rotation running beside the bot adds the new key and
// makes it current; the bot seals under it from its next write and still opens the old one).
// Legal basis: 《中华人民共和国保守国家秘密法》第二十条 (控制知悉范围); 等保 2.0 (GB/T 22239-2019)
// 8.1.4.8 数据保密性 — important data stored encrypted.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { isSealed, KEY_ID, type KeyRing, openWith, SealError, sealKeyId, sealWith } from '../domain/sm4-seal.js';

export { isSealed, sealKeyId };

/** Where the keys come from (LIANDONG_DATA_KEY_FILE, LIANDONG_DATA_KEY). */
export interface KeySource {
  file?: string;
  inline?: string;
}

/** A key that cannot be used: the message says what is wrong and what to do, in Chinese. */
export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

/** What a restricted clue shows when its content cannot be opened here. */
export const LOCKED_TEXT = '〔内容已加密，本机未配置解密密钥〕';
const LOCKED_WRONG = '〔内容已加密，本机的密钥无法解开（密钥不对或内容被改动）〕';

let source: KeySource = {};
let ring: KeyRing | undefined;
let stamp = '';

function decode(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32)
    throw new DataKeyError(`${where}：数据密钥应为 32 字节（base64 或 64 位十六进制），可用 liandong crypto init 生成`);
  return key;
}

/** Parses a key ring file's text (throws DataKeyError naming the file). */
export function parseKeyRing(text: string, file: string): KeyRing {
  let doc: { current?: unknown; keys?: Record<string, unknown> };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new DataKeyError(
      `密钥文件 ${file} 不是有效的 JSON：应为 {"current": "密钥号", "keys": {"密钥号": "base64"}}`,
    );
  }
  const keys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(doc.keys ?? {})) {
    if (!KEY_ID.test(id)) throw new DataKeyError(`密钥文件 ${file}：密钥号 "${id}" 只能含字母、数字、- 和 _`);
    keys.set(id, decode(String(value), `密钥文件 ${file} 的密钥 ${id}`));
  }
  const current = String(doc.current ?? '');
  if (!keys.has(current))
    throw new DataKeyError(`密钥文件 ${file}：current 应为 keys 中的一个密钥号，收到 "${current}"`);
  return { current, keys };
}

function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

function loadFile(file: string): KeyRing {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new DataKeyError(`读不到密钥文件 ${file}（LIANDONG_DATA_KEY_FILE）：请检查路径和读取权限`);
  }
  return parseKeyRing(text, file);
}

function loadInline(inline: string): KeyRing {
  const m = /^([A-Za-z0-9_-]{1,32}):(.+)$/.exec(inline.trim());
  const id = m ? m[1]! : 'env';
  return { current: id, keys: new Map([[id, decode(m ? m[2]! : inline, 'LIANDONG_DATA_KEY')]]) };
}

/**
 * Installs the process's keys (at start, and in the CLI). Throws DataKeyError when a key is
 * named but cannot be read; with no key at all, nothing is sealed (see README 「安全与审计（等保）」).
 */
export function configureSealing(keys: KeySource): void {
  source = { ...keys };
  checkedAt = Date.now();
  stamp = keys.file ? fileStamp(keys.file) : '';
  ring = keys.file ? loadFile(keys.file) : keys.inline ? loadInline(keys.inline) : undefined;
}

/** Tests: a ring given directly (undefined: no key). */
export function useKeyRing(r: KeyRing | undefined): void {
  source = {};
  stamp = '';
  ring = r;
}

/** How often the key file is looked at for a change (a rotation's pause is longer: crypto rotate --grace). */
const RECHECK_MS = 1000;
let checkedAt = 0;

/** The ring as it is now; a key file changed on disk (a rotation) is read again (looked at once a second at most). */
export function keyRing(force = false): KeyRing | undefined {
  if (source.file && (force || Date.now() - checkedAt >= RECHECK_MS)) {
    checkedAt = Date.now();
    const now = fileStamp(source.file);
    if (now !== stamp) {
      try {
        const fresh = loadFile(source.file);
        ring = fresh;
        stamp = now;
      } catch {
        // half-written or removed for a moment: keep the keys we have, read again next time
      }
    }
  }
  return ring;
}

export function keySource(): KeySource {
  return { ...source };
}

/** Whether this process has a data key (restricted content is then always sealed). */
export function sealingOn(): boolean {
  return keyRing() !== undefined;
}

/** Seals text under the current key; without a key, a DataKeyError (never plain text silently). */
export function seal(text: string): string {
  const r = keyRing();
  if (!r)
    throw new DataKeyError('本机未配置数据密钥（LIANDONG_DATA_KEY_FILE 或 LIANDONG_DATA_KEY），不能保存限制知悉的内容');
  return sealWith(r, text);
}

/** Sealed when a key is configured, else as it is (stores whose rows may carry restricted text). */
export function sealIfKeyed(text: string): string {
  const r = keyRing();
  return r ? sealWith(r, text) : text;
}

function explain(e: SealError): DataKeyError {
  switch (e.reason) {
    case 'no_key':
      return new DataKeyError('内容已加密，本机未配置解密密钥（LIANDONG_DATA_KEY_FILE 或 LIANDONG_DATA_KEY）');
    case 'unknown_key':
      return new DataKeyError(`内容已用密钥 ${e.keyId} 加密，本机的密钥中没有这一把：请在密钥文件中补回该密钥`);
    case 'tampered':
      return new DataKeyError(`内容无法解密：密钥 ${e.keyId} 不对，或内容已被改动（校验不符）`);
    default:
      return new DataKeyError('加密内容格式不对，无法解密');
  }
}

/** Opens a stored value (plain text passes through); a DataKeyError in Chinese when it cannot. */
export function open(value: string): string {
  if (!isSealed(value)) return value;
  let r = keyRing();
  const id = sealKeyId(value);
  // a key added by a rotation in another process since this one last looked
  if (r && id && !r.keys.has(id) && source.file) r = keyRing(true);
  try {
    return openWith(r, value);
  } catch (e) {
    if (e instanceof SealError) throw explain(e);
    throw e;
  }
}

/** Opens a value that may be null or absent. */
export function openMaybe<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' ? open(value) : value) as T;
}

/** For display: the text, or words saying it is sealed and cannot be opened here. Never throws. */
export function openOr(value: string): string {
  try {
    return open(value);
  } catch (e) {
    if (!(e instanceof DataKeyError)) throw e;
    return keyRing() ? LOCKED_WRONG : LOCKED_TEXT;
  }
}

/** A key ring file as it is on disk: the ring, and the keys a rotation under way still keeps. */
export function readKeyRingFile(file: string): { ring: KeyRing; retiring: string[] } {
  const ring = loadFile(file);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { retiring?: unknown };
  const retiring = Array.isArray(doc.retiring) ? doc.retiring.map(String).filter((id) => ring.keys.has(id)) : [];
  return { ring, retiring };
}

/** Writes a key ring file whole (a temporary file renamed over it: never half a file), readable by its owner only. */
export function writeKeyRingFile(file: string, ring: KeyRing, retiring: string[] = []): void {
  const doc = {
    current: ring.current,
    keys: Object.fromEntries([...ring.keys].map(([id, k]) => [id, k.toString('base64')])),
    ...(retiring.length ? { retiring } : {}),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(doc, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
