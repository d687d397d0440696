// The sandbox page on a machine without a CJK font: the page names the project's own font
// (Noto Sans SC, the charts' GB2312 subset) first, and the sandbox server serves it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { SandboxAdapter } from '../../src/platforms/sandbox/adapter.js';
import { SandboxServer } from '../../src/platforms/sandbox/server.js';
import type { Db } from '../../src/store/db.js';

const FONT = readFileSync(path.join(PROJECT_ROOT, 'assets/fonts/NotoSansSC-subset.ttf'));

let server: SandboxServer;
let base: string;

beforeAll(async () => {
  // the page and its font need neither the database nor the chat
  server = new SandboxServer({} as Db, {} as SandboxAdapter, {} as never, silentLogger);
  base = `http://127.0.0.1:${await server.listen(0)}`;
});
afterAll(() => server.close());

describe('the sandbox page’s font', () => {
  it('is declared with @font-face and named first, the system fonts after it', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const face = /@font-face\s*{([^}]*)}/.exec(html)?.[1] ?? '';
    const family = /font-family:\s*"([^"]+)"/.exec(face)?.[1];
    expect(family).toBeTruthy();
    expect(face).toMatch(/url\("\/fonts\/NotoSansSC-subset\.ttf"\)/);
    const body = /body\s*{[^}]*font:\s*[^;]*?px\/[\d.]+\s+([^;]+);/.exec(html)?.[1] ?? '';
    const families = body.split(',').map((f) => f.trim().replace(/"/g, ''));
    expect(families[0]).toBe(family);
    expect(families.slice(1)).toEqual(expect.arrayContaining(['PingFang SC', 'Microsoft YaHei', 'sans-serif']));
    // buttons and inputs do not inherit a font by default: they must, or their labels are boxes too
    expect(html).toMatch(/button, input, select, textarea\s*{\s*font-family:\s*inherit;/);
  });

  it('is served at the URL the page names: the font’s bytes, as a font', async () => {
    const r = await fetch(`${base}/fonts/NotoSansSC-subset.ttf`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('font/ttf');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.length).toBe(FONT.length);
    expect(bytes.equals(FONT)).toBe(true);
    // a TrueType file: version 1.0
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
  });

  it('answers another font path with 404', async () => {
    expect((await fetch(`${base}/fonts/other.ttf`)).status).toBe(404);
  });
});
