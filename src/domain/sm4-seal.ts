// The sealed form of restricted content (限制知悉的线索内容) at rest: SM4 (GB/T 32907-2016) in CTR
// mode with a random IV, then HMAC-SM3 (GB/T 32905-2016, HMAC per GB/T 15852.2) over the whole
// envelope head and ciphertext — encrypt-then-MAC, since Node offers no SM4-GCM. Every envelope
// names the key it was sealed under, so a key ring can hold old keys while a rotation runs:
//
//   sm4:v1:<keyId>:<iv base64>:<ciphertext base64>:<mac base64>
//
// One data key (32 random bytes) gives the SM4 key and the MAC key (both derived by HMAC-SM3
// under fixed labels, so one key never serves two purposes). Pure: no file, no database, no
// environment — the key ring is given by the caller (src/store/sealed.ts loads it).
// This is the office's own protection of stored data; it is not a 商用密码 product certified
// under the 密码法 (a 密评 needs certified products).
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SEAL_PREFIX = 'sm4:v1:';
/** A key id: letters, digits, '-' and '_' (it is written in every envelope). */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
export const DATA_KEY_BYTES = 32;

export interface KeyRing {
  /** the key new content is sealed under */
  current: string;
  /** every key that may still open content: id → 32 bytes */
  keys: Map<string, Buffer>;
}

/** Why an envelope could not be opened (the store says it in Chinese). */
export type OpenFailure = 'no_key' | 'unknown_key' | 'tampered' | 'malformed';

export class SealError extends Error {
  constructor(
    readonly reason: OpenFailure,
    readonly keyId?: string,
  ) {
    super(`sealed content cannot be opened: ${reason}${keyId ? ` (key ${keyId})` : ''}`);
  }
}

interface Derived {
  enc: Buffer;
  mac: Buffer;
}
const derived = new WeakMap<Buffer, Derived>();

function derive(key: Buffer): Derived {
  let d = derived.get(key);
  if (!d) {
    d = {
      enc: createHmac('sm3', key).update('liandong sm4-ctr encryption key').digest().subarray(0, 16),
      mac: createHmac('sm3', key).update('liandong hmac-sm3 authentication key').digest(),
    };
    derived.set(key, d);
  }
  return d;
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(SEAL_PREFIX);
}

/** The key id an envelope names (undefined for plain text). */
export function sealKeyId(value: string): string | undefined {
  if (!isSealed(value)) return undefined;
  return value.slice(SEAL_PREFIX.length).split(':', 1)[0];
}

/** Seals text under the ring's current key. */
export function sealWith(ring: KeyRing, text: string): string {
  const key = ring.keys.get(ring.current);
  if (!key) throw new SealError('no_key', ring.current);
  const { enc, mac } = derive(key);
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-ctr', enc, iv);
  const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  const head = `${SEAL_PREFIX}${ring.current}:${iv.toString('base64')}:${ct.toString('base64')}`;
  return `${head}:${createHmac('sm3', mac).update(head).digest('base64')}`;
}

/** Opens an envelope (plain text is returned as it is); throws SealError when it cannot. */
export function openWith(ring: KeyRing | undefined, value: string): string {
  if (!isSealed(value)) return value;
  const parts = value.slice(SEAL_PREFIX.length).split(':');
  if (parts.length !== 4) throw new SealError('malformed');
  const [keyId, ivText, ctText, macText] = parts as [string, string, string, string];
  if (!ring) throw new SealError('no_key', keyId);
  const key = ring.keys.get(keyId);
  if (!key) throw new SealError('unknown_key', keyId);
  const { enc, mac } = derive(key);
  const head = value.slice(0, value.length - macText.length - 1);
  const want = createHmac('sm3', mac).update(head).digest();
  const got = Buffer.from(macText, 'base64');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw new SealError('tampered', keyId);
  const iv = Buffer.from(ivText, 'base64');
  if (iv.length !== 16) throw new SealError('malformed', keyId);
  const decipher = createDecipheriv('sm4-ctr', enc, iv);
  return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64')), decipher.final()]).toString('utf8');
}

/** A new random data key (32 bytes). */
export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}
