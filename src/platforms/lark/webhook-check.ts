// Checking one Feishu webhook request before anything of it is stored: JSON, decryption with
// the Encrypt Key, the verification token, the signature and the replay window. A refusal is
// an HttpError with its 4xx status.
import type http from 'node:http';
import type { LarkConfig } from '../../config/env.js';
import { HttpError } from '../http.js';
import { decryptEvent, signature, signatureMatches } from './crypto.js';

export const REPLAY_WINDOW_MS = 5 * 60_000;

/** a refused webhook request */
const Reject = HttpError;

/** Reads, checks and decrypts one webhook request; returns the event as plain JSON. */
export function checkWebhook(
  config: LarkConfig,
  now: Date,
  headers: http.IncomingHttpHeaders,
  raw: string,
): Record<string, any> {
  const { encryptKey, verificationToken, allowUnencrypted } = config;
  let body: Record<string, any>;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new Reject(400, 'body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Reject(400, 'body is not a JSON object');
  let data = body;
  if (encryptKey) {
    if (typeof body.encrypt !== 'string') {
      // a plain url_verification reveals nothing; it is still checked against the token below
      if (!allowUnencrypted && body.type !== 'url_verification') throw new Reject(400, 'unencrypted event refused');
    } else {
      try {
        data = JSON.parse(decryptEvent(encryptKey, body.encrypt));
      } catch {
        throw new Reject(400, 'cannot decrypt');
      }
      if (!data || typeof data !== 'object' || Array.isArray(data))
        throw new Reject(400, 'decrypted event is not a JSON object');
    }
  }
  const isChallenge = data.type === 'url_verification';
  const token = data.header?.token ?? data.token;
  if (verificationToken && token !== verificationToken) throw new Reject(401, 'wrong verification token');
  if (encryptKey && !isChallenge) {
    const ts = String(headers['x-lark-request-timestamp'] ?? '');
    const nonce = String(headers['x-lark-request-nonce'] ?? '');
    const given = headers['x-lark-signature'];
    if (!signatureMatches(signature(ts, nonce, encryptKey, raw), typeof given === 'string' ? given : undefined))
      throw new Reject(401, 'bad signature');
    const sent = Number(ts) * 1000;
    if (!Number.isFinite(sent) || Math.abs(now.getTime() - sent) > REPLAY_WINDOW_MS)
      throw new Reject(401, 'stale timestamp');
  }
  return data;
}
