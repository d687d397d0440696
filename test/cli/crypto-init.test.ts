// `liandong crypto init`: a key ring file only its owner may read, never printed, never
// overwritten; the key it holds seals and opens.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cryptoCli } from '../../src/cli/crypto-command.js';
import { UsageError } from '../../src/cli/io.js';
import { configureSealing, open, seal, useKeyRing } from '../../src/store/sealed.js';

describe('liandong crypto init', () => {
  it('writes a key file readable by its owner only, says where, never shows the key, never overwrites', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-init-')), 'data-key.json');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await cryptoCli(io, ['init', '--out', file, '--key-id', 'office-2026'])).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.current).toBe('office-2026');
    const key = doc.keys['office-2026'] as string;
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(lines.join('\n')).toContain(`LIANDONG_DATA_KEY_FILE=${file}`);
    expect(lines.join('\n')).not.toContain(key);
    await expect(cryptoCli(io, ['init', '--out', file])).rejects.toThrow(UsageError);
    await expect(cryptoCli(io, ['init', '--out', `${file}.2`, '--key-id', 'a:b'])).rejects.toThrow('密钥号只能含字母');
    configureSealing({ file });
    try {
      expect(open(seal('某局长收受礼金')).length).toBe(7);
    } finally {
      useKeyRing(undefined);
    }
  });
});
