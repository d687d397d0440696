// npm run bench — speed and memory figures, each beside its baseline, printed (never
// asserted: tests don't time anything). It seeds its own large database: 100,000 open
// matters (40,000 for one agency) with 400,000 pending jobs, in a temporary folder.
//
//   1. deadline arithmetic and reminder planning (pure functions)
//   2. Feishu webhook: a burst of 1,000 signed, encrypted events at 1,000/s, answered by
//      the bot, beside a bare node:http server answering the same requests
//   3. the webhook after a restart with 252 unsent messages: listening, catch-up behind
//   4. one registration through the whole pipeline: time, statements, transactions, beside
//      the same statements replayed on bare better-sqlite3
//   5. the simulated clock +1 day on the large database, beside the bare replay
//   6. /台账 for the agency with 40,000 open matters: time, message size, memory
//   7. npm start in sandbox mode: time to answer, idle memory, beside the same command
//      without its Node options
//   8. Feishu rate limits: one chat's busiest second; 100 chats against the app limit
//   9. the leaders' weekly digest
//  10. PostgreSQL beside SQLite (registration, the day's sweep, db copy), and 3 bot
//      processes beside 1 on one PostgreSQL database (a throwaway cluster, or BENCH_POSTGRES_URL)
//  11. a 10,000-row ledger imported by /导入 while another chat keeps asking /帮助: how long that
//      chat waits, beside its answers with no import; memory; hostile workbooks refused
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadCalendar } from '../src/config/calendar-source.js';
import { readConfig } from '../src/config/env.js';
import { addDays } from '../src/domain/civil-date.js';
import { computeDeadline } from '../src/domain/deadline.js';
import { parsePeriod } from '../src/domain/period.js';
import { planActions } from '../src/domain/reminder-plan.js';
import { silentLogger } from '../src/log.js';
import { encryptEvent, signature } from '../src/platforms/lark/crypto.js';
import { type Runtime, startRuntime } from '../src/runtime.js';
import { migrateDeploy, openDb } from '../src/store/db.js';
import { toSqlite } from '../src/store/lane.js';
import { enqueue } from '../src/store/outbox.js';
import { statementStats } from '../src/store/serial-adapter.js';
import { sqlTime } from '../src/store/sql.js';
import { npmStart } from '../test/support/child.js';
import { FakeLark, larkWebhookEnv, messageEvent } from '../test/support/lark-fake.js';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean },
) => {
  prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): unknown[]; reader: boolean };
  exec(sql: string): void;
  pragma(p: string): unknown;
  close(): void;
};

const MiB = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const rate = (n: number, t: number) => `${Math.round((n / t) * 1000).toLocaleString('en')}/s`;
function sorted(v: number[]) {
  return [...v].sort((a, b) => a - b);
}
function pct(v: number[], p: number) {
  const s = sorted(v);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
/** min / median / max */
function mmm(v: number[], fmt = ms) {
  const s = sorted(v);
  return `${fmt(s[0]!)} / ${fmt(s[Math.floor(s.length / 2)]!)} / ${fmt(s.at(-1)!)}`;
}
const line = (what: string, figure: string, target = '') =>
  console.log(`  ${what.padEnd(58)} ${figure}${target ? `   [target ${target}]` : ''}`);
const heading = (s: string) => console.log(`\n${s}`);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

// the bot's own figures are measured under the Node options `npm start` runs it with (package.json)
const NPM_START = npmStart();
const missing = NPM_START.options.filter((o) => !process.execArgv.includes(o));
if (missing.length) console.log(`(this run lacks ${missing.join(' ')}, which npm start uses: run it as npm run bench)`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-bench-'));
/** BENCH_ONLY=4,5 runs only those sections (the seeding always runs) */
const only = process.env.BENCH_ONLY?.split(',').map(Number);
const run = (n: number) => !only || only.includes(n);
const TODAY = '2026-11-25'; // a Wednesday: a day's sweep meets one day's jobs (a Monday also gets the weekend's)
const START = new Date(`${TODAY}T08:00:00+08:00`);

// ---------------------------------------------------------------------------- 1
if (run(1)) {
  heading('1. pure rules');
  {
    const calendar = loadCalendar();
    const periods = ['15日', '2个月', '1年', '5个工作日', '30d', '20wd'].map((p) => parsePeriod(p)!);
    let t0 = performance.now();
    for (let i = 0; i < 200_000; i++)
      computeDeadline(addDays('2025-01-01', i % 700), periods[i % periods.length]!, calendar);
    line('deadline computations (200,000)', rate(200_000, performance.now() - t0));
    t0 = performance.now();
    for (let i = 0; i < 20_000; i++)
      planActions({
        matterId: `m${i}`,
        dueOn: addDays('2025-03-01', i % 600),
        calendar,
        hours: { start: 540, end: 1050 },
        reminderOffsets: [7, 3, 1, 0],
        escalationAfterWorkdays: 5,
      });
    line('reminder plans (20,000)', rate(20_000, performance.now() - t0));
  }
}

/** BENCH_PROFILE=FILE: a CPU profile of one measured step (open it in Chrome's DevTools). */
async function profileTo(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const inspector = await import('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) => session.post(method, (err, v) => (err ? reject(err) : resolve(v))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    (await import('node:fs')).writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

// ---------------------------------------------------------------------------- seed
function env(file: string, over: Record<string, string> = {}) {
  return {
    DATABASE_URL: `file:${file}`,
    LIANDONG_PLATFORM: 'sandbox',
    LIANDONG_CLOCK: 'simulated',
    LIANDONG_CLOCK_START: START.toISOString(),
    LIANDONG_FILES_DIR: path.join(dir, 'files'),
    LIANDONG_HOLIDAYS_FILE: '/nonexistent.json',
    ...over,
  };
}
async function runtime(file: string, over: Record<string, string> = {}): Promise<Runtime> {
  const rt = await startRuntime({
    config: readConfig(env(file, over)),
    log: silentLogger,
    migrate: false,
    listen: false,
  });
  await rt.ready;
  return rt;
}

const big = path.join(dir, 'big.db');
const TEMPLATE = path.join(dir, 'template.db');
await migrateDeploy(`file:${TEMPLATE}`);
heading('seeding: 100,000 open matters (40,000 for 示例县市场监督管理局) and their jobs');
{
  const t0 = performance.now();
  copyFileSync(TEMPLATE, big);
  const rt = await runtime(big); // loads the demo roster
  await rt.stop();
  const db = new Database(big);
  const orgs = db.prepare(`SELECT "id", "name", "kind" FROM "Org"`).all() as Array<{
    id: string;
    name: string;
    kind: string;
  }>;
  const agencies = orgs.filter((o) => o.kind === 'agency');
  const scj = agencies.find((o) => o.name === '示例县市场监督管理局')!;
  const others = agencies.filter((o) => o !== scj);
  const proc = orgs.find((o) => o.kind === 'procuratorate')!;
  const matter = db.prepare(
    `INSERT INTO "Matter" ("id","code","kind","title","summary","confidentiality","urgent","issuingOrgId","responsibleOrgId","servedOn","periodRule","dueOn","originalDueOn","dueProvisional","dueBasis","status","isOpen","createdAt","updatedAt")
     VALUES (?,?,'recommendation',?,'','internal',0,?,?,?,'2个月',?,?,0,'{}','registered',1,?,?)`,
  );
  const job = db.prepare(
    `INSERT INTO "ScheduledJob" ("id","kind","matterId","dueAt","idempotencyKey","payload","state","attempts","createdAt") VALUES (?,?,?,?,?,?,?,0,?)`,
  );
  const calendar = loadCalendar();
  const created = sqlTime(START);
  db.exec('BEGIN');
  for (let i = 0; i < 100_000; i++) {
    const id = `seed-${i}`;
    const org = i < 40_000 ? scj : others[i % others.length]!;
    // due dates spread over 250 days around today, as if registered over time: the jobs
    // already past were done then, so a day's sweep meets a steady day's load
    const dueOn = addDays(TODAY, -20 + (i % 250));
    matter.run(
      id,
      `JY-2025-${String(i + 1).padStart(6, '0')}`,
      `基准测试检察建议第${i + 1}号`,
      proc.id,
      org.id,
      addDays(dueOn, -61),
      dueOn,
      dueOn,
      created,
      created,
    );
    for (const a of planActions({
      matterId: id,
      dueOn,
      calendar,
      hours: { start: 540, end: 1050 },
      reminderOffsets: [3, 1],
      escalationAfterWorkdays: 5,
    }))
      job.run(
        `${id}-${a.kind}-${a.workdaysLeft ?? ''}`,
        a.kind,
        id,
        sqlTime(a.at),
        a.key,
        JSON.stringify({ dueOn, on: a.on, workdaysLeft: a.workdaysLeft ?? null }),
        a.at < START ? 'done' : 'pending',
        created,
      );
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  const n = db.prepare(`SELECT count(*) AS n FROM "ScheduledJob" WHERE "state" = 'pending'`).all() as Array<{
    n: number;
  }>;
  db.close();
  line('seeded in', `${((performance.now() - t0) / 1000).toFixed(1)} s (${n[0]!.n.toLocaleString('en')} pending jobs)`);
  // BENCH_KEEP_BIG=file keeps a copy of the seeded database, to look into a row by hand
  if (process.env.BENCH_KEEP_BIG) copyFileSync(big, process.env.BENCH_KEEP_BIG);
}

// ---------------------------------------------------------------------------- 2
/** A load generator in its own thread: posts prepared requests at their times, returns each latency. */
function burst(
  port: number,
  pathName: string,
  requests: Array<{ body: string; headers: Record<string, string>; at: number }>,
): Promise<number[] & { fresh?: boolean[] }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const { port, path, requests } = workerData;
    const latencies = new Array(requests.length);
    const fresh = new Array(requests.length).fill(false);
    let done = 0;
    const start = performance.now() + 50;
    const finish = () => { if (++done === requests.length) { agent.destroy(); parentPort.postMessage({ latencies, fresh }); } };
    requests.forEach((r, i) => setTimeout(() => {
      const t0 = performance.now();
      const req = http.request({ port, host: '127.0.0.1', path, method: 'POST', agent, headers: { ...r.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) } }, (res) => {
        res.resume();
        res.on('end', () => { latencies[i] = performance.now() - t0; finish(); });
      });
      req.on('socket', (s) => { fresh[i] = s.connecting; });
      req.on('error', () => { latencies[i] = Infinity; finish(); });
      req.end(r.body);
    }, Math.max(0, start + r.at - performance.now())));`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { port, path: pathName, requests } });
    w.once(
      'message',
      (m: { latencies: number[]; fresh: boolean[] }) =>
        void w.terminate().then(() => resolve(Object.assign(m.latencies, { fresh: m.fresh }))),
    );
    w.once('error', reject);
  });
}

/** Of a burst's requests, those that opened a new connection (the server had to accept it first): how many, their p99. */
function onNewConnections(lat: number[] & { fresh?: boolean[] }): string {
  const fresh = lat.filter((_, i) => lat.fresh?.[i]);
  return `${fresh.length} (p99 ${fresh.length ? ms(pct(fresh, 99)) : '–'} ms)`;
}

const KEY = 'bench-encrypt-key';
const TOKEN = 'bench-token';
function larkEnv(file: string, domain: string) {
  return larkWebhookEnv({
    file,
    domain,
    encryptKey: KEY,
    token: TOKEN,
    clockStart: new Date().toISOString(),
    over: { LIANDONG_FILES_DIR: path.join(dir, 'files') },
  });
}
function signed(payload: unknown, at: number) {
  const body = JSON.stringify({ encrypt: encryptEvent(KEY, JSON.stringify(payload)) });
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = Math.random().toString(36).slice(2);
  return {
    body,
    at,
    headers: {
      'x-lark-request-timestamp': ts,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature(ts, nonce, KEY, body),
    },
  };
}

if (run(2)) {
  heading(
    '2. Feishu webhook: 1,000 signed, encrypted events at 1,000/s (3 runs after a warm-up; p50 / p99 in ms; the fake Open API in its own thread)',
  );
  {
    const bot: { p50: number[]; p99: number[] } = { p50: [], p99: [] };
    const bare: { p50: number[]; p99: number[] } = { p50: [], p99: [] };
    const ratios: number[] = [];
    const fresh: { bot: string[]; bare: string[] } = { bot: [], bare: [] };
    let processedOnce = true;
    let cold = 0;
    // run 0 is the first burst after the process started (cold code paths): shown apart, not counted
    for (let run = 0; run < 4; run++) {
      // the fake Open API in its own thread: in production it is another machine
      const fakeThread = new Worker(new URL('./bench-fake-lark.mjs', import.meta.url));
      const ask = (m: string) =>
        new Promise<any>((r) => {
          fakeThread.once('message', r);
          fakeThread.postMessage(m);
        });
      const { domain } = await new Promise<{ domain: string }>((r) => fakeThread.once('message', r));
      const file = path.join(dir, `hook-${run}.db`);
      copyFileSync(TEMPLATE, file);
      const rt = await startRuntime({ config: readConfig(larkEnv(file, domain)), log: silentLogger, migrate: false });
      await rt.ready;
      // 20 group chats, 50 events each: the answers are paced per chat like any other messages
      const requests = Array.from({ length: 1000 }, (_, i) =>
        signed(
          messageEvent({ token: TOKEN, chatId: `oc_b${i % 20}`, sender: 'ou_liaison', text: '/帮助', at: new Date() }),
          i,
        ),
      );
      const lat = await burst(rt.lark!.port, '/lark/events', requests);
      if (run === 0) cold = pct(lat, 99);
      else {
        bot.p50.push(pct(lat, 50));
        bot.p99.push(pct(lat, 99));
      }
      await rt.lark!.idle();
      const processed = await rt.db.platformInbox.count({ where: { processedAt: { not: null } } });
      await rt.app.dispatcher.flush();
      const answered = (await ask('count')).messages as number;
      if (processed !== 1000 || answered !== 1000) processedOnce = false;
      await rt.stop();
      await ask('stop');
      await fakeThread.terminate();

      // the baseline: a bare node:http server that reads the body and answers 200 {}
      const server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{}');
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const base = await burst((server.address() as AddressInfo).port, '/', requests);
      server.close();
      if (run === 0) continue;
      bare.p50.push(pct(base, 50));
      bare.p99.push(pct(base, 99));
      fresh.bot.push(onNewConnections(lat));
      fresh.bare.push(onNewConnections(base));
      ratios.push(pct(lat, 99) / pct(base, 99));
    }
    line('bot: p50, min/median/max over runs', mmm(bot.p50));
    line('bot: p99, min/median/max over runs', mmm(bot.p99), '≤ 100 ms');
    line('bare node:http: p50', mmm(bare.p50));
    line('bare node:http: p99', mmm(bare.p99));
    line(
      'ratio p99 bot / bare',
      mmm(ratios, (n) => `${n.toFixed(1)}×`),
      '≤ 10×',
    );
    // the slowest answers are those that waited for a new connection to be accepted
    line('bot: requests on a new connection, per run', fresh.bot.join(', '));
    line('bare node:http: requests on a new connection, per run', fresh.bare.join(', '));
    line('every event processed once (1,000 stored, 1,000 answered)', processedOnce ? 'yes' : 'NO');
    line('the first burst after the process started (not counted): p99', `${ms(cold)} ms`);
  }
}

// ---------------------------------------------------------------------------- 3
if (run(3)) {
  heading('3. the webhook after a restart with 252 unsent messages (3 runs)');
  {
    const listen: number[] = [];
    const dbReady: number[] = [];
    const catchUp: number[] = [];
    for (let run = 0; run < 3; run++) {
      const file = path.join(dir, `restart-${run}.db`);
      copyFileSync(TEMPLATE, file);
      const { openDb } = await import('../src/store/db.js');
      let t0 = performance.now();
      const db = await openDb(`file:${file}`);
      await db.$queryRawUnsafe('SELECT 1');
      dbReady.push(performance.now() - t0);
      await enqueue(
        db,
        Array.from({ length: 252 }, (_, i) => ({
          key: `left-${i}`,
          at: new Date(),
          message: { platform: 'lark', to: { chatId: `oc_${i % 30}` }, text: `积压第${i}条` },
        })),
      );
      await db.$disconnect();
      const fake = new FakeLark();
      fake.sendDelayMs = 20; // a real Open API takes tens of milliseconds a message
      const domain = await fake.start();
      t0 = performance.now();
      const rt = await startRuntime({ config: readConfig(larkEnv(file, domain)), log: silentLogger, migrate: false });
      const hook = `http://127.0.0.1:${rt.lark!.port}/lark/events`;
      for (;;) {
        const r = await fetch(hook, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'url_verification', challenge: 'x', token: TOKEN }),
        }).catch(() => undefined);
        if (r?.ok) break;
      }
      listen.push(performance.now() - t0);
      await rt.ready;
      catchUp.push(performance.now() - t0);
      await rt.stop();
      await fake.stop();
    }
    line('database ready (open + first statement), ms', mmm(dbReady));
    line('webhook answering after the start began, ms', mmm(listen), '≤ 1 s after the database is ready');
    line('catch-up (252 messages sent) finished after, ms', mmm(catchUp));
  }
}

// ---------------------------------------------------------------------------- replay
type Replay = Array<{ sql: string; args: unknown[] }>;
/**
 * Bare better-sqlite3 on a copy of the file as it was before: runs captured statements
 * with the same BEGIN / COMMIT, each statement prepared once and kept (as the fast lane
 * keeps them), and returns the ms a group (one registration, one day's sweep) took.
 */
class Replayer {
  private readonly db: InstanceType<typeof Database>;
  private readonly prepared = new Map<string, ReturnType<InstanceType<typeof Database>['prepare']>>();
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
  }
  run(group: Replay): number {
    const steps = group.map((s) => {
      const stmt = this.prepared.get(s.sql) ?? this.db.prepare(s.sql);
      this.prepared.set(s.sql, stmt);
      return { stmt, args: s.args.map(toSqlite) };
    });
    const t0 = performance.now();
    for (const p of steps) p.stmt.reader ? p.stmt.all(...p.args) : p.stmt.run(...p.args);
    return performance.now() - t0;
  }
  close(): void {
    this.db.close();
  }
}

// ---------------------------------------------------------------------------- 4
if (run(4)) {
  heading('4. one registration through the whole pipeline, on the large database (200 runs)');
  {
    const copy = path.join(dir, 'replay.db');
    copyFileSync(big, copy); // the replay runs on the database as it was before
    const rt = await runtime(big);
    const adapter = rt.sandbox!.adapter;
    const orgs = ['市场监管局', '自然资源局', '生态环境局', '住建局', '农业农村局', '应急局'];
    const times: number[] = [];
    const statements: number[] = [];
    const transactions: number[] = [];
    // each registration is replayed right after it ran, on the copy as it was before it:
    // the two side by side in the same moments (this machine's speed drifts between minutes)
    const replayer = new Replayer(copy);
    const bare: number[] = [];
    for (let i = 0; i < 200; i++) {
      const inc = await adapter.accept({
        chatId: 'c-joint',
        senderId: 'u-liaison',
        text: `/建议 新建 单位=${orgs[i % orgs.length]} 标题=基准测试第${i}号 送达=${addDays('2026-10-01', i % 40)} 期限=${i % 2 ? '2个月' : '15日'}`,
      });
      statementStats.statements = 0;
      statementStats.transactions = 0;
      statementStats.replay = [];
      const t0 = performance.now();
      await rt.app.receive(inc);
      times.push(performance.now() - t0);
      statements.push(statementStats.statements);
      transactions.push(statementStats.transactions);
      bare.push(replayer.run(statementStats.replay));
    }
    statementStats.replay = undefined;
    replayer.close();
    await rt.stop();
    line('registration, ms (min / median / max)', mmm(times));
    line('statements per registration', mmm(statements, String), '≤ 12');
    line('transactions per registration', mmm(transactions, String));
    line('the same statements and commits on bare better-sqlite3, ms', mmm(bare));
    line('ratio median pipeline / median bare replay', `${(pct(times, 50) / pct(bare, 50)).toFixed(1)}×`, 'within 4×');
  }
}

// ---------------------------------------------------------------------------- 5
if (run(5)) {
  heading('5. the simulated clock +1 day on the large database (3 runs, each on a fresh copy)');
  {
    const totals: number[] = [];
    const bares: number[] = [];
    let jobs = 0;
    let messages = 0;
    for (let run = 0; run < 3; run++) {
      const file = path.join(dir, `sweep-${run}.db`);
      copyFileSync(big, file);
      copyFileSync(big, `${file}.replay`);
      const rt = await runtime(file);
      const before = await rt.db.scheduledJob.count({ where: { state: 'pending' } });
      const sentBefore = await rt.db.outboxMessage.count();
      statementStats.replay = [];
      const stopProfile = run === 0 ? await profileTo(process.env.BENCH_PROFILE) : async () => undefined;
      const t0 = performance.now();
      await rt.advance!(86_400_000);
      totals.push(performance.now() - t0);
      await stopProfile();
      const captured = statementStats.replay;
      statementStats.replay = undefined;
      jobs = before - (await rt.db.scheduledJob.count({ where: { state: 'pending' } }));
      messages = (await rt.db.outboxMessage.count()) - sentBefore;
      await rt.stop();
      const replayer = new Replayer(`${file}.replay`);
      bares.push(replayer.run(captured));
      replayer.close();
    }
    line(
      `+1 day: ${jobs.toLocaleString('en')} jobs fired, ${messages.toLocaleString('en')} messages sent, ms`,
      mmm(totals),
      '≤ 3 s, or within 3× of the bare replay',
    );
    line('the same statements and commits on bare better-sqlite3, ms', mmm(bares));
    line('ratio median / median', `${(pct(totals, 50) / pct(bares, 50)).toFixed(1)}×`);
    line('per job, ms', ms(pct(totals, 50) / Math.max(1, jobs)));
  }
}

// ---------------------------------------------------------------------------- 6
if (run(6)) {
  heading('6. /台账 for the agency with 40,000 open matters (5 runs)');
  {
    const rt = await runtime(big);
    const adapter = rt.sandbox!.adapter;
    const times: number[] = [];
    let bytes = 0;
    gc();
    const rss0 = process.memoryUsage().rss;
    const exports: number[] = [];
    for (let i = 0; i < 5; i++) {
      const inc = await adapter.accept({ chatId: 'c-scj', senderId: 'u-scj', text: '/台账' });
      const t0 = performance.now();
      await rt.app.receive(inc);
      times.push(performance.now() - t0);
      // the complete file is made by a job behind the answer: timed on its own
      const t1 = performance.now();
      await rt.app.scheduler.runDue();
      exports.push(performance.now() - t1);
    }
    const rows = await rt.db.sandboxMessage.findMany({
      where: { chatId: 'c-scj', fromBot: true },
      orderBy: { seq: 'desc' },
      take: 2,
    });
    bytes = rows.map((r) => Buffer.byteLength(r.text) + Buffer.byteLength(r.card ?? '')).reduce((a, b) => a + b, 0);
    gc();
    const rss1 = process.memoryUsage().rss;
    const file = await rt.db.storedFile.findFirst({ where: { platform: 'bot' }, orderBy: { createdAt: 'desc' } });
    await rt.stop();
    line('/台账 answered (figures and the first page), ms', mmm(times), '≤ 200 ms');
    line('the complete workbook (.xlsx, streamed), made behind the answer, ms', mmm(exports));
    line('the page message (text + card) and the file notice, bytes', bytes.toLocaleString('en'));
    line('the complete list as a file', file ? `${file.name}, ${(file.size / 1048576).toFixed(1)} MiB` : 'none');
    line('RSS after 5 runs and a GC, against before', `${MiB(rss1)} (${rss1 >= rss0 ? '+' : ''}${MiB(rss1 - rss0)})`);
  }
}

// ---------------------------------------------------------------------------- 7
/** The database's simulated clock, moved on (a restart after the office's server was down for days). */
function moveClock(file: string, to: Date): void {
  const db = new Database(file);
  db.prepare(`UPDATE "Setting" SET "value" = ? WHERE "key" = 'clock.simulated'`).run(to.toISOString());
  db.close();
}

/** Counts in a stopped bot's database file. */
function countIn(file: string, sql: string): number {
  const db = new Database(file);
  const r = db.prepare(sql).all() as Array<{ n: number }>;
  db.close();
  return r[0]!.n;
}

/**
 * `npm start` (or the same without its Node options) on `file`: ms to the first answer, the
 * idle RSS once the start-up catch-up is done (nothing due left unfired, nothing left to send).
 */
async function startOnce(file: string, port: number, which: 'npm' | 'plain', clock = START) {
  const t0 = performance.now();
  const child = spawn(process.execPath, which === 'npm' ? [...NPM_START.options, ...NPM_START.args] : NPM_START.args, {
    cwd: dir,
    // the simulated clock the seeding left in the file (pinned to the seed, not to today's date)
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env(file, { SANDBOX_PORT: String(port) }) },
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const api = (p: string, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}${p}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    }).catch(() => undefined);
  for (;;) {
    const r = await api('/api/chats/c-joint/messages', { senderId: 'u-liaison', text: '/帮助' });
    if (r?.status === 202) break;
    if (exited || performance.now() - t0 > 60_000)
      throw new Error(`npm start did not answer (port ${port} taken, or the start failed)`);
    await new Promise((r2) => setTimeout(r2, 10));
  }
  const answered = performance.now() - t0;
  // caught up: every job due by the clock fired, and the outbox empty (the sandbox sends at once)
  const behind = `SELECT (SELECT count(*) FROM "ScheduledJob" WHERE "state" = 'pending' AND "dueAt" <= '${sqlTime(clock)}') + (SELECT count(*) FROM "OutboxMessage" WHERE "state" = 'pending') AS n`;
  for (;;) {
    const db = new Database(file, { readonly: true });
    const left = (db.prepare(behind).all() as Array<{ n: number }>)[0]!.n;
    db.close();
    if (left === 0 || performance.now() - t0 > 300_000) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // idle: the RSS a few seconds after
  await new Promise((r) => setTimeout(r, 3000));
  const caughtUp = performance.now() - t0;
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { answered, caughtUp, rss };
}

if (run(7)) {
  heading('7. npm start in sandbox mode on the large database (5 runs of each, alternating)');
  {
    // exactly what `npm start` runs (package.json's "start", its Node options included), without npm's
    // own process; beside it the same command without the options, to show what they are worth. The
    // clock is the seed's (simulated, ${TODAY}): the row does not depend on the day the bench runs.
    const answered = { npm: [] as number[], plain: [] as number[] };
    const rss = { npm: [] as number[], plain: [] as number[] };
    for (let run = 0; run < 10; run++) {
      const which = run % 2 === 0 ? 'npm' : 'plain';
      const file = path.join(dir, `start-${run}.db`);
      copyFileSync(big, file);
      const r = await startOnce(file, 39_000 + run, which);
      answered[which].push(r.answered);
      rss[which].push(r.rss);
      rmSync(file, { force: true });
    }
    line('start → first answer (/帮助), ms (clock: the seed’s)', mmm(answered.npm), '≤ 1.5 s');
    line('idle RSS after the start', mmm(rss.npm, MiB), '≤ 130 MiB');
    line(`the same without ${NPM_START.options.join(' ')}: answer, ms`, mmm(answered.plain));
    line('the same without them: idle RSS', mmm(rss.plain, MiB));

    // a restart after downtime: the clock 3 and 10 days past the last run, a real backlog to catch up
    for (const days of [3, 10]) {
      const first: number[] = [];
      const done: number[] = [];
      const mem: number[] = [];
      let fired = 0;
      let queued = 0;
      let posted = 0;
      for (let run = 0; run < 3; run++) {
        const file = path.join(dir, `down-${days}-${run}.db`);
        copyFileSync(big, file);
        const to = new Date(START.getTime() + days * 86_400_000);
        moveClock(file, to);
        const r = await startOnce(file, 39_100 + days * 10 + run, 'npm', to);
        first.push(r.answered);
        done.push(r.caughtUp);
        mem.push(r.rss);
        const since = `'${sqlTime(START)}'`;
        fired = countIn(
          file,
          `SELECT count(*) AS n FROM "ScheduledJob" WHERE "state" = 'done' AND "dueAt" >= ${since}`,
        );
        queued = countIn(file, `SELECT count(*) AS n FROM "OutboxMessage" WHERE "createdAt" >= ${since}`);
        // each outbox row is posted once (the sandbox keeps the outbox key of each message it posted)
        posted = countIn(
          file,
          `SELECT count(*) AS n FROM "SandboxMessage" WHERE "fromBot" = 1 AND "idempotencyKey" IS NOT NULL`,
        );
        rmSync(file, { force: true });
      }
      line(`down ${days} days: start → first answer, ms`, mmm(first), '≤ 1.5 s');
      line(`down ${days} days: caught up after, ms (${fired.toLocaleString('en')} jobs fired)`, mmm(done));
      line(`down ${days} days: idle RSS once caught up`, mmm(mem, MiB), '≤ 130 MiB');
      line(
        `down ${days} days: messages queued / posted (last run)`,
        `${queued.toLocaleString('en')} / ${posted.toLocaleString('en')}`,
        'equal',
      );
    }
  }
}

// ---------------------------------------------------------------------------- 8
if (run(8)) {
  heading('8. Feishu rate limits, on the real clock against a fake that answers 429 past the limits');
  {
    const { LarkAdapter } = await import('../src/platforms/lark/adapter.js');
    const { Dispatcher } = await import('../src/outbox/dispatcher.js');
    const { RealClock } = await import('../src/schedule/clock.js');
    const { openDb } = await import('../src/store/db.js');
    const { readConfig: rc } = await import('../src/config/env.js');
    const fake = new FakeLark();
    fake.enforceLimits = true;
    const domain = await fake.start();
    const file = path.join(dir, 'rate.db');
    copyFileSync(TEMPLATE, file);
    const db = await openDb(`file:${file}`);
    const config = rc(larkEnv(file, domain));
    const adapter = new LarkAdapter(config.lark, silentLogger, { whenRequired: () => '' });
    const clock = new RealClock();
    const dispatcher = new Dispatcher({
      db,
      clock,
      adapters: [adapter],
      log: silentLogger,
      sleep: (t) => new Promise((r) => setTimeout(r, t)),
    });
    await enqueue(
      db,
      Array.from({ length: 40 }, (_, i) => ({
        key: `one-${i}`,
        at: new Date(),
        message: { platform: 'lark', to: { chatId: 'oc_busy' }, text: `第${i}条` },
      })),
    );
    let t0 = performance.now();
    while ((await db.outboxMessage.count({ where: { state: 'pending' } })) > 0) await dispatcher.flush();
    const one = fake.arrivals.filter((a) => a.chat === 'oc_busy').map((a) => a.at);
    let busiest = 0;
    for (const t of one) busiest = Math.max(busiest, one.filter((u) => u >= t && u <= t + 1000).length);
    line('one chat, 40 messages: most in any 1-second window', String(busiest), 'never more than 4');
    line('one chat, 40 messages: time, s', ((performance.now() - t0) / 1000).toFixed(1));

    fake.arrivals.length = 0;
    const limited = fake.rateLimited;
    await enqueue(
      db,
      Array.from({ length: 600 }, (_, i) => ({
        key: `many-${i}`,
        at: new Date(),
        message: { platform: 'lark', to: { chatId: `oc_${i % 100}` }, text: `第${i}条` },
      })),
    );
    t0 = performance.now();
    while ((await db.outboxMessage.count({ where: { state: 'pending' } })) > 0) await dispatcher.flush();
    const seconds = (performance.now() - t0) / 1000;
    const perSecond = 600 / seconds;
    line(
      '100 chats, 600 messages: messages a second',
      `${perSecond.toFixed(1)} (${Math.round((perSecond / 50) * 100)}% of Feishu's 50/s)`,
      '≥ 85% of the app limit',
    );
    line('429 answers', String(fake.rateLimited - limited), 'none');
    await db.$disconnect();
    await fake.stop();
  }
}

// ---------------------------------------------------------------------------- 9
if (run(9)) {
  heading('9. the leaders’ weekly digest: 500 units, 100,000 matters (issue 12)');
  {
    const file = path.join(dir, 'digest.db');
    copyFileSync(big, file);
    const sql = new Database(file);
    const now = sqlTime(START);
    const addOrg = sql.prepare(
      `INSERT INTO "Org" ("id","name","shortNames","kind","createdAt") VALUES (?,?,'[]','agency',?)`,
    );
    const bind = sql.prepare(
      `INSERT INTO "ChatBinding" ("id","platform","chatId","name","purpose","orgId","bindingCode","createdAt","updatedAt") VALUES (?,'sandbox',?,?,'agency',?,?,?,?)`,
    );
    sql.exec('BEGIN');
    for (let i = 0; i < 494; i++) {
      addOrg.run(`bench-org-${i}`, `基准县第${i + 1}行政执法局`, now);
      bind.run(`bench-bind-${i}`, `c-bench-${i}`, `第${i + 1}局工作群`, `bench-org-${i}`, `bench-code-${i}`, now, now);
    }
    // the 100,000 matters spread over the 500 agencies
    const ids = (
      sql.prepare(`SELECT "id" FROM "Org" WHERE "kind" = 'agency' ORDER BY "id"`).all() as Array<{ id: string }>
    ).map((r) => r.id);
    const move = sql.prepare(`UPDATE "Matter" SET "responsibleOrgId" = ? WHERE "id" = ?`);
    for (let i = 0; i < 100_000; i++) move.run(ids[i % ids.length]!, `seed-${i}`);
    sql.exec('COMMIT');
    sql.close();
    const db = await openDb(`file:${file}`);
    const { cliCtx } = await import('../src/cli/context.js');
    const { buildDigest } = await import('../src/bot/digest/service.js');
    const { matterFacts } = await import('../src/store/statistics.js');
    const config = readConfig(env(file));
    const read: number[] = [];
    const build: number[] = [];
    const total: number[] = [];
    let pngBytes = 0;
    for (let i = 0; i < 6; i++) {
      const ctx = cliCtx(config, db, START);
      const t0 = performance.now();
      const facts = await matterFacts(db, file, { slim: true });
      const t1 = performance.now();
      const d = await buildDigest(ctx, addDays(TODAY, -9), TODAY, facts); // the week before (Mon–Sun)
      const t2 = performance.now();
      pngBytes = d.png.length;
      if (i === 0) continue; // the first run loads ECharts, resvg and the font
      read.push(t1 - t0);
      build.push(t2 - t1);
      total.push(t2 - t0);
    }
    line('read the facts (100,000 matters), ms', mmm(read));
    line('figures, text, chart SVG and PNG, ms', mmm(build));
    line('the whole digest, ms', mmm(total), 'under 1 s');
    line('PNG size', `${Math.round(pngBytes / 1024)} KB`);
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------- 10
if (run(10)) {
  heading('10. PostgreSQL beside SQLite on the large database; 3 processes beside 1 (issue 13)');
  {
    const { startCluster, stopCluster } = await import('./pg-throwaway.mjs');
    const { default: pg } = await import('pg');
    const { copySqliteToPostgres } = await import('../src/store/copy.js');
    const { startChild } = await import('../test/support/child.js');
    const cluster = process.env.BENCH_POSTGRES_URL ? undefined : startCluster();
    const server: string = process.env.BENCH_POSTGRES_URL || cluster!.url;
    const urlOf = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();
    /** One statement on its own connection (the bench's bookkeeping, not the bot's). */
    const query = async (url: string, sql: string, params: unknown[] = []) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    };
    const admin = (sql: string) => query(server, sql);
    const work = async (url: string) => {
      const [r] = await query(
        url,
        `SELECT (SELECT count(*) FROM "ScheduledJob" WHERE "state" IN ('done','superseded','cancelled')) AS jobs, (SELECT count(*) FROM "OutboxMessage" WHERE "state" = 'sent') AS sent`,
      );
      return { jobs: Number(r.jobs), sent: Number(r.sent) };
    };
    const pending = async (url: string) => {
      const [r] = await query(
        url,
        `SELECT (SELECT count(*) FROM "OutboxMessage" WHERE "state" = 'pending') + (SELECT count(*) FROM "ScheduledJob" WHERE "state" = 'pending' AND "dueAt" <= $1) AS n`,
        [new Date(START.getTime() + 86_400_000)],
      );
      return Number(r.n);
    };
    try {
      const base = `bench_${process.pid}`;
      await admin(`CREATE DATABASE "${base}"`);
      await migrateDeploy(urlOf(base));
      let t0 = performance.now();
      const copied = await copySqliteToPostgres(big, urlOf(base));
      line(
        `db copy of the large SQLite database: ${copied.total.toLocaleString('en')} rows, ${copied.tables.length} tables, ms`,
        ms(performance.now() - t0),
      );
      let n = 0;
      const fresh = async () => {
        const name = `${base}_${++n}`;
        await admin(`CREATE DATABASE "${name}" TEMPLATE "${base}"`);
        return urlOf(name);
      };

      // one process: registration and the day's sweep, SQLite and PostgreSQL side by side
      const orgs = ['市场监管局', '自然资源局', '生态环境局', '住建局', '农业农村局', '应急局'];
      const text = (i: number) =>
        `/建议 新建 单位=${orgs[i % orgs.length]} 标题=基准测试第${i}号 送达=${addDays('2026-10-01', i % 40)} 期限=${i % 2 ? '2个月' : '15日'}`;
      const registration = async (over: Record<string, string>, file: string) => {
        const rt = await runtime(file, over);
        const times: number[] = [];
        for (let i = 0; i < 100; i++) {
          const inc = await rt.sandbox!.adapter.accept({ chatId: 'c-joint', senderId: 'u-liaison', text: text(i) });
          const t = performance.now();
          await rt.app.receive(inc);
          times.push(performance.now() - t);
        }
        await rt.stop();
        return times;
      };
      const sweep = async (over: Record<string, string>, file: string) => {
        const rt = await runtime(file, over);
        const t = performance.now();
        await rt.advance!(86_400_000);
        const took = performance.now() - t;
        await rt.stop();
        return took;
      };
      const sqliteCopy = (tag: string) => {
        const f = path.join(dir, `pg-side-${tag}.db`);
        copyFileSync(big, f);
        return f;
      };
      const regSqlite = await registration({}, sqliteCopy('reg'));
      const regPg = await registration({ DATABASE_URL: await fresh() }, '');
      line('registration, SQLite, ms (min / median / max of 100)', mmm(regSqlite));
      line('registration, PostgreSQL, ms (min / median / max of 100)', mmm(regPg));
      const sweepSqlite: number[] = [];
      const sweepPg: number[] = [];
      for (let r = 0; r < 2; r++) {
        sweepSqlite.push(await sweep({}, sqliteCopy(`sweep-${r}`)));
        sweepPg.push(await sweep({ DATABASE_URL: await fresh() }, ''));
      }
      line('+1 day sweep, SQLite, ms (2 runs)', sweepSqlite.map(ms).join(' / '));
      line('+1 day sweep, PostgreSQL, ms (2 runs)', sweepPg.map(ms).join(' / '));

      // 1 and 3 `liandong start` processes on one PostgreSQL database: 300 registrations
      // through the sandbox API (3 streams at once), then the day's sweep with every process
      // moving the shared clock, until every due job is fired and every message sent
      for (const count of [1, 3]) {
        const url = await fresh();
        const bots: Awaited<ReturnType<typeof startChild>>[] = [];
        for (let i = 0; i < count; i++)
          bots.push(await startChild(url, START.toISOString(), { LIANDONG_FILES_DIR: path.join(dir, 'files') }));
        try {
          t0 = performance.now();
          await Promise.all(
            [0, 1, 2].map(async (stream) => {
              const bot = bots[stream % count]!;
              for (let i = stream; i < 300; i += 3)
                await bot.api('POST', '/api/chats/c-joint/messages', { senderId: 'u-liaison', text: text(i) });
            }),
          );
          const reg = performance.now() - t0;
          const before = await work(url);
          t0 = performance.now();
          await Promise.all(bots.map((b) => b.api('POST', '/api/clock/advance', { days: 1 })));
          while ((await pending(url)) > 0) await new Promise((r) => setTimeout(r, 20));
          const day = performance.now() - t0;
          const after = await work(url);
          line(
            `${count} process${count > 1 ? 'es' : ''}: 300 registrations (3 at a time), s / rate`,
            `${(reg / 1000).toFixed(1)} s / ${rate(300, reg)}`,
          );
          line(
            `${count} process${count > 1 ? 'es' : ''}: +1 day (${(after.jobs - before.jobs).toLocaleString('en')} jobs, ${(after.sent - before.sent).toLocaleString('en')} messages) until all done, ms`,
            ms(day),
          );
        } finally {
          for (const b of bots) b.stop();
        }
      }
    } finally {
      if (cluster) stopCluster(cluster.dir);
    }
  }
}

/** An import's reminders are planned in steps after its answer: until the last step is done. */
async function remindersPlanned(rt: Runtime): Promise<void> {
  while (await rt.db.scheduledJob.count({ where: { kind: 'import_reminders', state: 'pending' } }))
    await new Promise((r) => setTimeout(r, 20));
}

/**
 * A ledger of 10,000 recommendations to one unit, each with the legal two months, served on
 * `lastServed` or up to `spreadDays` days before it (an office's ledger spans months of dates).
 */
async function tenThousandFor(unit: string, lastServed: string, spreadDays = 0): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检察建议');
  ws.addRow(['编号', '被建议单位', '标题', '送达日期', '回复期限']);
  const last = Date.parse(`${lastServed}T00:00:00Z`);
  for (let i = 0; i < 10_000; i++) {
    const served = new Date(last - ((i * 7919) % (spreadDays + 1)) * 86_400_000);
    ws.addRow(['', unit, `关于第 ${i + 1} 号问题的检察建议`, served, '2个月']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------- 11
if (run(11)) {
  heading(
    '11. /导入 of a 10,000-row ledger (served over 40 days, all still open) while another chat asks /帮助 every 50 ms (issue 20)',
  );
  {
    const ExcelJS = (await import('exceljs')).default;
    const { keepFile } = await import('../src/store/files.js');
    const { readSheet } = await import('../src/documents/workbook-reader.js');
    const file = path.join(dir, 'import.db');
    copyFileSync(TEMPLATE, file);
    const rt = await runtime(file, { LIANDONG_FILE_MAX_MB: '50' });
    const adapter = rt.sandbox!.adapter;
    const say = async (chatId: string, senderId: string, text: string, attachments?: never[]) =>
      rt.app.receive(await adapter.accept({ chatId, senderId, text, attachments }));
    // the other chat, alone: its answers without an import, as the baseline
    const alone: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await say('c-joint', 'u-liaison', '/帮助');
      alone.push(performance.now() - t0);
    }
    const bytes = await tenThousandFor('示例县市场监督管理局', TODAY, 40);
    gc();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const waits: number[] = [];
    let importing = true;
    const asker = (async () => {
      while (importing) {
        const t0 = performance.now();
        await say('c-joint', 'u-liaison', '/帮助');
        waits.push(performance.now() - t0);
        peak = Math.max(peak, process.memoryUsage().rss);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    await say('dm:u-admin', 'u-admin', '/导入');
    const kept = await keepFile(
      rt.db,
      { dir: path.join(dir, 'files'), maxBytes: 50 * 1048576 },
      {
        platform: 'sandbox',
        ref: 'bench-ledger',
        name: '台账.xlsx',
        kind: 'file',
        bytes,
        at: rt.clock.now(),
      },
    );
    const tc = performance.now();
    await say('dm:u-admin', 'u-admin', '', [kept] as never[]); // the file: checked at the review
    const checked = performance.now() - tc;
    const tw = performance.now();
    const stopProfile = await profileTo(process.env.BENCH_PROFILE);
    await say('dm:u-admin', 'u-admin', '确认');
    const written = performance.now() - tw;
    // the reminders follow in steps after the answer: the other chat keeps asking until they are all planned
    await remindersPlanned(rt);
    await stopProfile();
    const planned = performance.now() - tw;
    const total = performance.now() - t0;
    importing = false;
    await asker;
    const imported = await rt.db.matter.count();
    const jobs = await rt.db.scheduledJob.count();
    gc();
    const rss1 = process.memoryUsage().rss;
    await rt.stop();
    const far = new ExcelJS.Workbook();
    far.addWorksheet('检察建议').getCell('A1048576').value = '某';
    const farBytes = Buffer.from(await far.xlsx.writeBuffer());
    const tf = performance.now();
    const farRead = await readSheet(farBytes, '检察建议');
    const farMs = performance.now() - tf;
    line('the workbook', `10,000 rows, ${(bytes.length / 1024).toFixed(0)} KiB`);
    line(
      'checked (the review), answered (确认), reminders all planned, the whole /导入, ms',
      `${ms(checked)} / ${ms(written)} / ${ms(planned)} / ${ms(total)}`,
    );
    line('imported: matters / their jobs', `${imported.toLocaleString('en')} / ${jobs.toLocaleString('en')}`);
    line('the other chat alone: /帮助, ms', mmm(alone));
    line('the other chat during the import: /帮助 answered, ms', mmm(waits), 'slowest ≤ 1,000 ms');
    line('RSS peak during the import, against before', `${MiB(peak)} (+${MiB(peak - rss0)})`, '+150 MiB at most');
    line('RSS after, and a GC', `${MiB(rss1)} (${rss1 >= rss0 ? '+' : ''}${MiB(rss1 - rss0)})`);
    line(
      `a ${(farBytes.length / 1024).toFixed(1)} KiB file whose only cell is A1048576: refused, ms`,
      `${ms(farMs)} (${'refused' in farRead ? farRead.refused : 'read!'})`,
      '< 1,000 ms',
    );
  }
}

// ---------------------------------------------------------------------------- 12
if (run(12)) {
  heading('12. the reminder wave after 10,000 recommendations for one agency (issue 20, item 4)');
  {
    const { keepFile } = await import('../src/store/files.js');
    const file = path.join(dir, 'wave.db');
    copyFileSync(TEMPLATE, file);
    const rt = await runtime(file, { LIANDONG_FILE_MAX_MB: '50' });
    const adapter = rt.sandbox!.adapter;
    const say = async (chatId: string, senderId: string, text: string, attachments?: never[]) =>
      rt.app.receive(await adapter.accept({ chatId, senderId, text, attachments }));
    // the ledger an office would import: 10,000 served on one day, each with the legal two months
    const bytes = await tenThousandFor('示例县市场监督管理局', TODAY);
    await say('dm:u-admin', 'u-admin', '/导入');
    const kept = await keepFile(
      rt.db,
      { dir: path.join(dir, 'files'), maxBytes: 50 * 1048576 },
      { platform: 'sandbox', ref: 'wave-ledger', name: '台账.xlsx', kind: 'file', bytes, at: rt.clock.now() },
    );
    await say('dm:u-admin', 'u-admin', '', [kept] as never[]);
    await say('dm:u-admin', 'u-admin', '确认');
    await remindersPlanned(rt);
    const first = await rt.db.scheduledJob.findFirst({
      where: { kind: 'reminder', state: 'pending' },
      orderBy: { dueAt: 'asc' },
    });
    const seq0 = (await rt.db.sandboxMessage.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
    const rows0 = await rt.db.outboxMessage.count({ where: { chatId: 'c-scj' } });
    const t0 = performance.now();
    await rt.advance!(first!.dueAt.getTime() + 3_600_000 - rt.clock.now().getTime());
    const advanced = performance.now() - t0;
    const notices = (await rt.db.outboxMessage.count({ where: { chatId: 'c-scj' } })) - rows0;
    const posted = await rt.db.sandboxMessage.count({ where: { chatId: 'c-scj', seq: { gt: seq0 } } });
    const pending = await rt.db.outboxMessage.count({ where: { state: 'pending' } });
    await rt.stop();
    // Feishu takes at most 4 messages a second in one group (README「工作方式」)
    line(
      'the agency group: notices queued (one message each, as before) / messages posted',
      `${notices.toLocaleString('en')} / ${posted.toLocaleString('en')}`,
      'one message per kind',
    );
    line(
      'posting them at 4 a second: one each / as posted, s',
      `${(notices / 4).toFixed(0)} / ${(posted / 4).toFixed(1)}`,
    );
    line('the clock moved to the wave (+1 h), ms; left unsent', `${ms(advanced)}; ${pending}`);
  }
}

// ---------------------------------------------------------------------------- 13
if (run(13)) {
  heading(
    '13. what issue 29 costs: the audit chain and SM4 sealing, on the large database (arms alternating, 2 rounds)',
  );
  {
    const { auditBench } = await import('../src/store/audit.js');
    const KEY = { LIANDONG_DATA_KEY: Buffer.alloc(32, 9).toString('base64') };
    // 无: neither (the rows as before the chain, no data key); 链: the chain; 链+密: the chain and a data key
    const arms = [
      { name: '无', chain: false, over: {} },
      { name: '链', chain: true, over: {} },
      { name: '链+密', chain: true, over: KEY },
    ];
    const reg = new Map<string, number[]>(arms.map((a) => [a.name, []]));
    const sweep = new Map<string, number[]>(arms.map((a) => [a.name, []]));
    for (let round = 0; round < 2; round++)
      for (const arm of arms) {
        const file = path.join(dir, `c29-${round}-${arm.chain}-${Object.keys(arm.over).length}.db`);
        copyFileSync(big, file);
        auditBench.linked = arm.chain;
        const rt = await runtime(file, arm.over);
        for (let i = 0; i < 60; i++) {
          const inc = await rt.sandbox!.adapter.accept({
            chatId: 'c-joint',
            senderId: 'u-liaison',
            text: `/建议 新建 单位=市场监管局 标题=成本第${i}号 送达=${addDays('2026-10-01', i % 40)} 期限=2个月`,
          });
          const t0 = performance.now();
          await rt.app.receive(inc);
          reg.get(arm.name)!.push(performance.now() - t0);
        }
        const t0 = performance.now();
        await rt.advance!(86_400_000);
        sweep.get(arm.name)!.push(performance.now() - t0);
        await rt.stop();
        rmSync(file, { force: true });
      }
    auditBench.linked = true;
    const base = pct(reg.get('无')!, 50);
    const baseSweep = pct(sweep.get('无')!, 50);
    for (const arm of arms) {
      const r = pct(reg.get(arm.name)!, 50);
      const w = pct(sweep.get(arm.name)!, 50);
      const more = (x: number, b: number) => `${x >= b ? '+' : ''}${(((x - b) / b) * 100).toFixed(1)}%`;
      line(`${arm.name}: registration median (120), ms`, `${ms(r)} (${more(r, base)})`, arm.chain ? '≤ +10%' : '');
      line(
        `${arm.name}: +1 day sweep, ms (2 runs)`,
        `${mmm(sweep.get(arm.name)!)} (${more(w, baseSweep)})`,
        arm.chain ? '≤ +10%' : '',
      );
    }
  }
}

rmSync(dir, { recursive: true, force: true });
console.log('');
