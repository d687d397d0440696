// The audit chain's key: from LIANDONG_AUDIT_KEY or LIANDONG_AUDIT_KEY_FILE, else generated once in
// data/audit.key (mode 600) and read again at every start; wrong settings are refused with the
// variable's name. The retention is never under six months (网络安全法 第二十一条).
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditKeyError, loadAuditKey, readAuditSettings } from '../../src/config/audit-settings.js';
import { ConfigError, readConfig } from '../../src/config/env.js';

const settings = (env: Record<string, string>) => {
  const problems: string[] = [];
  const s = readAuditSettings({ get: (n) => env[n], problems });
  return { s, problems };
};

describe('the audit key', () => {
  it('is generated once in the default file, readable by its owner only, and the same at the next start', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-key-'));
    const defaultFile = path.join(dir, 'data', 'audit.key');
    const first = loadAuditKey({ defaultFile });
    expect(first).toMatchObject({ source: defaultFile, defaulted: true });
    expect(first.key.length).toBe(32);
    expect(statSync(defaultFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(defaultFile, 'utf8').trim()).toBe(first.key.toString('hex'));
    expect(loadAuditKey({ defaultFile }).key.equals(first.key)).toBe(true);
  });

  it('comes from the variable or the file when set, and a wrong one is refused by name', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-key-'));
    const file = path.join(dir, 'audit.key');
    writeFileSync(file, `${'1f'.repeat(32)}\n`);
    expect(loadAuditKey(settings({ LIANDONG_AUDIT_KEY_FILE: file }).s).key.toString('hex')).toBe('1f'.repeat(32));
    expect(loadAuditKey(settings({ LIANDONG_AUDIT_KEY: '2e'.repeat(32) }).s)).toMatchObject({
      source: 'LIANDONG_AUDIT_KEY',
      defaulted: false,
    });
    writeFileSync(file, 'not a key');
    expect(() => loadAuditKey(settings({ LIANDONG_AUDIT_KEY_FILE: file }).s)).toThrow(AuditKeyError);
    expect(settings({ LIANDONG_AUDIT_KEY: 'abc' }).problems[0]).toContain('LIANDONG_AUDIT_KEY 应为 64 个十六进制字符');
    expect(settings({ LIANDONG_AUDIT_KEY_FILE: path.join(dir, 'none') }).problems[0]).toContain('不存在');
  });

  it('keeps audit rows for ever by default, and refuses a retention under six months', () => {
    expect(readConfig({}).audit?.keepMonths).toBeUndefined();
    expect(readConfig({ LIANDONG_AUDIT_KEEP_MONTHS: '12' }).audit?.keepMonths).toBe(12);
    expect(() => readConfig({ LIANDONG_AUDIT_KEEP_MONTHS: '5' })).toThrow(ConfigError);
  });
});
