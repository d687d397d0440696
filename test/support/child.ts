// The real `liandong start` in a child process on a sandbox port, for tests that kill it
// with SIGKILL (kill -9) and start it again on the same database.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Msg } from './bot.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** What `npm start` runs (package.json's "start"): its Node options, and the arguments after them with paths made absolute. */
export function npmStart(): { options: string[]; args: string[] } {
  const [node, ...rest] = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string
  ).split(/\s+/);
  if (node !== 'node') throw new Error('package.json "start" no longer begins with node');
  return {
    options: rest.filter((a) => a.startsWith('--')),
    args: rest.filter((a) => !a.startsWith('--')).map((a) => (a.startsWith('bin/') ? path.join(ROOT, a) : a)),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ChildBot {
  api(method: string, p: string, body?: unknown): Promise<any>;
  /** says something; returns what the bot answered in that chat */
  answer(chatId: string, senderId: string, text: string): Promise<string>;
  /** the bot's messages in a chat (not card updates) */
  botSays(chatId: string): Promise<Msg[]>;
  advance(days: number): Promise<void>;
  /** SIGKILL, then start again on the same file and port (restart=false: stays dead) */
  kill9(restart?: boolean): Promise<void>;
  /** the process id of the running `liandong start` */
  pid(): number;
  stop(): void;
}

/** `where`: a SQLite file, or a database URL (file:… or postgresql://…). */
export async function startChild(where: string, start: string, env: Record<string, string> = {}): Promise<ChildBot> {
  const port = await freePort();
  const url = /^(file:|postgres)/.test(where) ? where : `file:${where}`;
  const filesDir = url.startsWith('file:')
    ? path.join(path.dirname(url.slice(5)), 'files')
    : mkdtempSync(path.join(os.tmpdir(), 'liandong-files-'));
  let child: ChildProcess;
  const launch = async () => {
    // as `npm start` runs it, Node options included
    const { options, args } = npmStart();
    child = spawn(process.execPath, [...options, ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: url,
        LIANDONG_PLATFORM: 'sandbox',
        LIANDONG_CLOCK: 'simulated',
        LIANDONG_CLOCK_START: start,
        SANDBOX_PORT: String(port),
        LIANDONG_HOLIDAYS_FILE: '/nonexistent/holidays.json',
        LIANDONG_FILES_DIR: filesDir,
        LOG_LEVEL: process.env.CHILD_LOG ? 'info' : 'warn',
        ...env,
      },
      // CHILD_LOG=dir keeps each child's log there (debugging a failed run)
      stdio: process.env.CHILD_LOG
        ? ['ignore', openSync(path.join(process.env.CHILD_LOG, `child-${port}-${Date.now()}.log`), 'a'), 'inherit']
        : 'ignore',
    });
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/clock`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('liandong start did not answer');
  };
  await launch();
  const api = async (method: string, p: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${port}${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  const botSays = async (chatId: string) =>
    ((await api('GET', `/api/chats/${encodeURIComponent(chatId)}/messages`)) as Msg[]).filter(
      (m) => m.fromBot && !m.updates,
    );
  return {
    api,
    botSays,
    async answer(chatId, senderId, text) {
      const before = (await api('GET', `/api/chats/${encodeURIComponent(chatId)}/messages`)) as Msg[];
      const cursor = before.at(-1)?.cursor ?? 0;
      await api('POST', `/api/chats/${encodeURIComponent(chatId)}/messages`, { senderId, text });
      return ((await api('GET', `/api/chats/${encodeURIComponent(chatId)}/messages?after=${cursor}`)) as Msg[])
        .filter((m) => m.fromBot && !m.updates)
        .map((m) => m.text)
        .join('\n');
    },
    async advance(days) {
      await api('POST', '/api/clock/advance', { days });
    },
    async kill9(restart = true) {
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      if (restart) await launch();
    },
    pid: () => child.pid!,
    stop() {
      child.kill('SIGKILL');
    },
  };
}
