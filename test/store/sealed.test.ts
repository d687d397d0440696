// The data key as the process gets it: a key ring file (read again when a rotation changes it) or
// one key in the environment; a key named but unusable is refused with the reason in Chinese,
// and sealed content that cannot be opened reads as words saying so — never a crash.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restrictedText } from '../../src/bot/clues/service.js';
import type { Ctx } from '../../src/bot/core/context.js';
import { newDataKey } from '../../src/domain/sm4-seal.js';
import {
  configureSealing,
  DataKeyError,
  isSealed,
  LOCKED_TEXT,
  open,
  openOr,
  readKeyRingFile,
  seal,
  sealIfKeyed,
  sealingOn,
  useKeyRing,
  writeKeyRingFile,
} from '../../src/store/sealed.js';

afterEach(() => useKeyRing(undefined));

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'liandong-sealed-'));
const TEXT = '某镇党委书记违规收受礼金';

function message(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof DataKeyError ? e.message : `not a DataKeyError: ${String(e)}`;
  }
}

describe('the data key', () => {
  it('without a key: nothing sealed silently, seal() refuses in Chinese', () => {
    configureSealing({});
    expect(sealingOn()).toBe(false);
    expect(sealIfKeyed(TEXT)).toBe(TEXT);
    expect(message(() => seal(TEXT))).toContain('本机未配置数据密钥（LIANDONG_DATA_KEY_FILE 或 LIANDONG_DATA_KEY）');
  });

  it('one key in the environment, with or without its id', () => {
    const key = newDataKey();
    configureSealing({ inline: `office1:${key.toString('base64')}` });
    const sealed = seal(TEXT);
    expect(sealed.startsWith('sm4:v1:office1:')).toBe(true);
    configureSealing({ inline: key.toString('hex') });
    expect(seal(TEXT).startsWith('sm4:v1:env:')).toBe(true);
    expect(message(() => configureSealing({ inline: 'c2hvcnQ=' }))).toContain('数据密钥应为 32 字节');
  });

  it('a key ring file: refused with the reason when unusable, read again when it changes', async () => {
    const d = dir();
    const file = path.join(d, 'key.json');
    expect(message(() => configureSealing({ file }))).toContain(`读不到密钥文件 ${file}`);
    writeFileSync(file, 'not json');
    expect(message(() => configureSealing({ file }))).toContain('不是有效的 JSON');
    writeFileSync(file, JSON.stringify({ current: 'k9', keys: { k1: newDataKey().toString('base64') } }));
    expect(message(() => configureSealing({ file }))).toContain('current 应为 keys 中的一个密钥号，收到 "k9"');

    const k1 = newDataKey();
    writeKeyRingFile(file, { current: 'k1', keys: new Map([['k1', k1]]) });
    configureSealing({ file });
    const old = seal(TEXT);
    // a rotation in another process adds k2 and makes it current: seen within a second
    const k2 = newDataKey();
    const ring = (current: string, ...keys: Array<[string, Buffer]>) => ({ current, keys: new Map(keys) });
    writeKeyRingFile(file, ring('k2', ['k1', k1], ['k2', k2]), ['k1']);
    await new Promise((r) => setTimeout(r, 1050));
    const fresh = seal(TEXT);
    expect(fresh.startsWith('sm4:v1:k2:')).toBe(true);
    expect(open(old)).toBe(TEXT);
    expect(readKeyRingFile(file).retiring).toEqual(['k1']);
    // an envelope under a key not seen yet makes the file be read again at once
    const k3 = newDataKey();
    useKeyRing(ring('k3', ['k3', k3]));
    const underK3 = seal(TEXT);
    configureSealing({ file });
    writeKeyRingFile(file, ring('k3', ['k2', k2], ['k3', k3]));
    expect(open(underK3)).toBe(TEXT);
    expect(open(fresh)).toBe(TEXT);
  });

  it('content it cannot open: a clear error to open(), words in its place for display', () => {
    useKeyRing({ current: 'k1', keys: new Map([['k1', newDataKey()]]) });
    const sealed = seal(TEXT);
    expect(isSealed(sealed)).toBe(true);
    useKeyRing({ current: 'k1', keys: new Map([['k1', newDataKey()]]) });
    expect(message(() => open(sealed))).toContain('内容无法解密：密钥 k1 不对，或内容已被改动');
    expect(openOr(sealed)).toContain('本机的密钥无法解开');
    useKeyRing({ current: 'k2', keys: new Map([['k2', newDataKey()]]) });
    expect(message(() => open(sealed))).toContain('内容已用密钥 k1 加密，本机的密钥中没有这一把');
    useKeyRing(undefined);
    expect(message(() => open(sealed))).toContain('内容已加密，本机未配置解密密钥');
    expect(openOr(sealed)).toBe(LOCKED_TEXT);
    expect(openOr('plain')).toBe('plain');
  });

  it('a real platform without a key refuses a restricted clue; the sandbox keeps it as it is', () => {
    const ctx = (platforms: string[]) => ({ services: { config: { platforms } } }) as unknown as Ctx;
    useKeyRing(undefined);
    expect(restrictedText(ctx(['sandbox']), TEXT)).toBe(TEXT);
    expect(() => restrictedText(ctx(['lark']), TEXT)).toThrow(
      expect.objectContaining({ key: 'clue.error.no_data_key' }),
    );
    useKeyRing({ current: 'k1', keys: new Map([['k1', newDataKey()]]) });
    expect(isSealed(restrictedText(ctx(['lark']), TEXT))).toBe(true);
  });
});
