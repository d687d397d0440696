// A clue nobody accepts: its acknowledge reminder, its overdue notice to the supervisor
// group and its escalation to the leaders go out exactly once each, with the real
// `liandong start` killed with SIGKILL (kill -9) after each of them and started again.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDbFile } from '../support/db.js';
import { shanghai } from '../support/bot.js';

const BIN = path.resolve('bin/liandong.mjs');
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function start(file: string, port: number): Promise<ChildProcess> {
  const p = spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: `file:${file}`,
      LIANDONG_PLATFORM: 'sandbox',
      LIANDONG_CLOCK: 'simulated',
      LIANDONG_CLOCK_START: '2026-06-01T10:00:00+08:00',
      SANDBOX_PORT: String(port),
      LIANDONG_HOLIDAYS_FILE: '/nonexistent/holidays.json',
      LIANDONG_FILES_DIR: path.join(path.dirname(file), 'files'),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/clock`)).ok) return p;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('liandong start did not answer');
}

describe('a clue never accepted, across kill -9', () => {
  it('gets its acknowledge reminder, overdue notice and escalation exactly once each', async () => {
    const file = freshDbFile();
    const port = await freePort();
    const api = async (method: string, p: string, body?: unknown) => {
      const r = await fetch(`http://127.0.0.1:${port}${p}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return r.json() as Promise<any>;
    };
    const bot = (chat: string) => api('GET', `/api/chats/${chat}/messages`).then((ms: Array<{ fromBot: boolean; updates?: string; text: string; createdAt: string }>) => ms.filter((m) => m.fromBot && !m.updates));
    const kill = async () => {
      child!.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      child = await start(file, port);
    };

    child = await start(file, port);
    // the judicial bureau refers a public-interest clue to the procuratorate (5 working days to accept: 06-08)
    await api('POST', '/api/chats/c-sfj/messages', { senderId: 'u-sfj', text: '/线索 新建 类别=公益诉讼 来源=执法检查 摘要="化工厂夜间偷排"' });
    expect((await bot('c-sfj')).at(-1)!.text).toContain('已登记线索 XS-2026-001，移送示例县人民检察院');

    const counts = async () => ({
      reminder: (await bot('c-joint')).filter((m) => m.text.includes('尚未受理，受理期限 2026-06-08')).map((m) => shanghai(m.createdAt).slice(0, 10)),
      overdue: (await bot('c-supervisor')).filter((m) => m.text.startsWith('【督办】')).map((m) => shanghai(m.createdAt).slice(0, 10)),
      escalation: (await bot('c-leaders')).filter((m) => m.text.startsWith('【督办升级】')).map((m) => shanghai(m.createdAt).slice(0, 10)),
    });

    await api('POST', '/api/clock/advance', { days: 4 }); // 06-05 10:00: the working day before the limit
    await kill();
    expect(await counts()).toEqual({ reminder: ['2026-06-05'], overdue: [], escalation: [] });

    await api('POST', '/api/clock/advance', { days: 4 }); // 06-09 10:00: the first working day after it
    await kill();
    expect(await counts()).toEqual({ reminder: ['2026-06-05'], overdue: ['2026-06-09'], escalation: [] });
    expect((await bot('c-sfj')).map((m) => m.text).join('\n')).toContain('示例县人民检察院逾期未受理（受理期限 2026-06-08），已报督办群');

    await api('POST', '/api/clock/advance', { days: 7 }); // 06-16 10:00: five working days after the notice
    await kill();
    await api('POST', '/api/clock/advance', { days: 30 });
    await kill();
    expect(await counts()).toEqual({ reminder: ['2026-06-05'], overdue: ['2026-06-09'], escalation: ['2026-06-16'] });
    expect((await bot('c-leaders'))[0]!.text).toContain('线索 XS-2026-001（公益诉讼）逾期通知发出 5 个工作日后，示例县人民检察院仍未受理');
  }, 120_000);
});
