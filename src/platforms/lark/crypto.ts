// Feishu's event encryption and signature (开放平台 → 事件订阅 → 加密策略):
// - body {"encrypt": base64(IV ‖ AES-256-CBC(key = sha256(encryptKey), IV, json))}
// - X-Lark-Signature = sha256 hex of (timestamp + nonce + encryptKey + raw body)
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const keyOf = (encryptKey: string) => createHash('sha256').update(encryptKey).digest();

export function decryptEvent(encryptKey: string, encrypt: string): string {
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32) throw new Error('encrypted payload too short');
  const decipher = createDecipheriv('aes-256-cbc', keyOf(encryptKey), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

export function encryptEvent(encryptKey: string, plaintext: string, iv = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function signature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest('hex');
}

export function signatureMatches(expected: string, given: string | undefined): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}
