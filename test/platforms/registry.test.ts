// The platform registry: one factory per folder, named as the configuration names them,
// lightweight to load (the SDKs only inside create), and the runtime building the
// configured platforms through it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError, type PlatformName, readConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { type ListedPlatform, PLATFORMS } from '../../src/platforms/registry.js';
import { startRuntime } from '../../src/runtime.js';
import { freshDbUrl } from '../support/db.js';

const names = PLATFORMS.map((f) => f.name);

/** The modules a file imports statically (not `import type`, not `await import(…)`). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) specs.push(m[1]!);
  return specs;
}

/** Every package reached from a source file through static imports of this repository's files. */
function packagesReached(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (!spec.startsWith('.')) packages.add(spec);
      else visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
    }
  };
  visit(entry);
  return packages;
}

describe('platform registry', () => {
  it('lists each platform once, each exported by src/platforms/<name>/index.ts', async () => {
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['sandbox', 'lark', 'wechat', 'wecom']));
    for (const factory of PLATFORMS) {
      const file = path.join(PROJECT_ROOT, 'src/platforms', factory.name, 'index.ts');
      expect(existsSync(file), file).toBe(true);
      const mod = (await import(file)) as Record<string, unknown>;
      expect(Object.values(mod), factory.name).toContain(factory);
    }
  });

  it('names the same platforms as the configuration accepts', () => {
    // compile time: a name the configuration accepts without a factory (or the reverse) fails tsc
    expectTypeOf<ListedPlatform>().toEqualTypeOf<PlatformName>();
    for (const name of names) expect(readConfig({ LIANDONG_PLATFORM: name }).platforms).toEqual([name]);
    let error: unknown;
    try {
      readConfig({ LIANDONG_PLATFORM: 'sandbox,foo' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const [problem] = (error as ConfigError).problems;
    expect(problem).toContain('收到 "foo"');
    // the clear message lists exactly the registry's platforms
    const listed = /LIANDONG_PLATFORM 只能是 (\S+?)（/.exec(problem ?? '')?.[1]?.split('、');
    expect(listed?.sort()).toEqual([...names].sort());
  });

  it("loads no platform's SDK until the platform is configured", () => {
    const reached = packagesReached(path.join(PROJECT_ROOT, 'src/platforms/registry.ts'));
    expect(reached.size).toBeGreaterThan(0);
    expect([...reached].filter((p) => /^(@larksuiteoapi\/|wechaty|@wecom\/)/.test(p))).toEqual([]);
  });

  it('builds the configured platforms, and the sandbox when none is available', async () => {
    const lines: string[] = [];
    const log = createLogger('warn', { write: (line: string) => void lines.push(line) });
    const env = { DATABASE_URL: await freshDbUrl(), LIANDONG_PLATFORM: 'lark,wechat', LIANDONG_CLOCK: 'simulated' };
    const rt = await startRuntime({ config: readConfig(env), log, migrate: false, listen: false });
    try {
      await rt.ready;
      expect(rt.lark).toBeUndefined();
      expect(rt.wechat).toBeUndefined();
      expect(rt.sandbox).toEqual({ port: 0, adapter: expect.objectContaining({ platform: 'sandbox' }) });
      const warned = lines.map((l) => JSON.parse(l) as { platform?: string; msg: string });
      expect(warned.filter((w) => w.msg.includes('not configured')).map((w) => w.platform)).toEqual(['lark', 'wechat']);
      expect(warned.some((w) => w.msg.includes('running the local sandbox'))).toBe(true);
    } finally {
      await rt.stop();
    }
  });
});
