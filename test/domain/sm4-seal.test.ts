// The sealed form: the engine is the standard SM4 and SM3 (their published test vectors), an
// envelope names its key, opens only under that key, and any changed byte is caught by the MAC.
import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, type KeyRing, openWith, SealError, sealKeyId, sealWith } from '../../src/domain/sm4-seal.js';

const ring = (id: string, byte: number): KeyRing => ({ current: id, keys: new Map([[id, Buffer.alloc(32, byte)]]) });
const TEXT = '钱塘巷七号收受购物卡甲，涉及副局长丁某某';

function reason(f: () => unknown): string {
  try {
    f();
    return 'opened';
  } catch (e) {
    return e instanceof SealError ? e.reason : String(e);
  }
}

describe('SM4 seal', () => {
  it('rests on the standard algorithms (GB/T 32907 example 1, GB/T 32905 "abc")', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const c = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(Buffer.concat([c.update(k), c.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('seals under the current key, names it, and opens back to the same text', () => {
    const r = ring('k1', 7);
    const a = sealWith(r, TEXT);
    const b = sealWith(r, TEXT);
    expect(a.split(':').slice(0, 3)).toEqual(['sm4', 'v1', 'k1']);
    expect(a.split(':')).toHaveLength(6);
    expect(isSealed(a)).toBe(true);
    expect(sealKeyId(a)).toBe('k1');
    expect(a).not.toBe(b); // a fresh IV each time
    expect(a).not.toContain(TEXT.slice(0, 4));
    expect(Buffer.from(a.split(':')[4]!, 'base64').length).toBe(Buffer.byteLength(TEXT)); // CTR: no padding
    expect(openWith(r, a)).toBe(TEXT);
    expect(openWith(r, '')).toBe('');
    expect(openWith(undefined, 'plain text')).toBe('plain text');
  });

  it('refuses a missing key, another key of the same id, and any changed part', () => {
    const a = sealWith(ring('k1', 7), TEXT);
    expect(reason(() => openWith(undefined, a))).toBe('no_key');
    expect(reason(() => openWith(ring('k2', 7), a))).toBe('unknown_key');
    expect(reason(() => openWith(ring('k1', 8), a))).toBe('tampered');
    const parts = a.split(':');
    const flip = (i: number) => {
      const p = [...parts];
      const bytes = Buffer.from(p[i]!, 'base64');
      bytes[0]! ^= 1;
      p[i] = bytes.toString('base64');
      return p.join(':');
    };
    for (const i of [3, 4, 5]) expect(reason(() => openWith(ring('k1', 7), flip(i)))).toBe('tampered');
    // the key id is under the MAC too: a ring that gives k1's bytes to k9 does not accept a relabelled envelope
    const relabelled = a.replace('sm4:v1:k1:', 'sm4:v1:k9:');
    expect(reason(() => openWith({ current: 'k9', keys: new Map([['k9', Buffer.alloc(32, 7)]]) }, relabelled))).toBe(
      'tampered',
    );
    expect(reason(() => openWith(ring('k1', 7), 'sm4:v1:k1:abc'))).toBe('malformed');
  });

  it('opens what an old key of the ring sealed, and seals new text under the current one', () => {
    const old = sealWith(ring('k1', 1), TEXT);
    const both: KeyRing = { current: 'k2', keys: new Map([...ring('k1', 1).keys, ...ring('k2', 2).keys]) };
    expect(openWith(both, old)).toBe(TEXT);
    expect(sealKeyId(sealWith(both, TEXT))).toBe('k2');
  });
});
