import { describe, expect, it } from 'vitest';
import { normalizeCode } from '../../src/domain/codes.js';

describe('normalizeCode', () => {
  it.each([
    ['JY-2026-002', 'JY-2026-002'],
    ['JY-2026-0002', 'JY-2026-002'],
    ['jy-2026-2', 'JY-2026-002'],
    ['ＪＹ－２０２６－００２', 'JY-2026-002'],
    [' xs-2026-012 ', 'XS-2026-012'],
    ['HY-2026-0001', 'HY-2026-001'],
    ['JY-2026-1234', 'JY-2026-1234'],
    ['JY-2026-01234', 'JY-2026-1234'],
    ['JY-26-002', 'JY-26-002'], // not a code: left for the caller to refuse
    ['某检行建〔2026〕3号', '某检行建〔2026〕3号'],
  ])('%s → %s', (raw, code) => {
    expect(normalizeCode(raw)).toBe(code);
  });
});
