// npm run bench — speed and memory figures (printed, never asserted by tests).
//   1. deadline arithmetic   2. reminder planning   3. the whole bot on SQLite:
//      registrations through the pipeline, then 120 simulated days of reminders.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCalendar } from '../src/config/calendar-source.js';
import { readConfig } from '../src/config/env.js';
import { computeDeadline } from '../src/domain/deadline.js';
import { addDays } from '../src/domain/civil-date.js';
import { parsePeriod } from '../src/domain/period.js';
import { planActions } from '../src/domain/reminder-plan.js';
import { silentLogger } from '../src/log.js';
import { startRuntime } from '../src/runtime.js';
import { migrateDeploy } from '../src/store/db.js';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;

const calendar = loadCalendar();
const periods = ['15日', '2个月', '1年', '5个工作日', '30d', '20wd'].map((p) => parsePeriod(p)!);

{
  const n = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) computeDeadline(addDays('2025-01-01', i % 700), periods[i % periods.length]!, calendar);
  const ms = performance.now() - t0;
  console.log(`deadline: ${n.toLocaleString('en')} computations in ${ms.toFixed(0)} ms (${rate(n, ms)})`);
}
{
  const n = 20_000;
  const hours = { start: 540, end: 1050 };
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    planActions({ matterId: `m${i}`, dueOn: addDays('2025-03-01', i % 600), calendar, hours, reminderOffsets: [7, 3, 1, 0], escalationAfterWorkdays: 5 });
  const ms = performance.now() - t0;
  console.log(`reminder plans: ${n.toLocaleString('en')} in ${ms.toFixed(0)} ms (${rate(n, ms)})`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-bench-'));
try {
  const url = `file:${path.join(dir, 'bench.db')}`;
  let t0 = performance.now();
  await migrateDeploy(url);
  console.log(`prisma migrate deploy (fresh file): ${(performance.now() - t0).toFixed(0)} ms`);
  const config = readConfig({ DATABASE_URL: url, LIANDONG_PLATFORM: 'sandbox', LIANDONG_CLOCK: 'simulated', LIANDONG_CLOCK_START: '2026-09-01T10:00:00+08:00' });
  const rt = await startRuntime({ config, log: silentLogger, migrate: false, listen: false });
  await rt.ready;
  const adapter = rt.sandbox!.adapter;
  const orgs = ['市场监管局', '自然资源局', '生态环境局', '住建局', '农业农村局', '应急局'];
  const n = 300;
  t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const served = addDays('2026-06-01', i % 90);
    const inc = await adapter.accept({ chatId: 'c-joint', senderId: 'u-liaison', text: `/建议 新建 单位=${orgs[i % orgs.length]} 标题=基准测试第${i}号 送达=${served} 期限=${i % 2 ? '2个月' : '15日'}` });
    await rt.app.receive(inc);
  }
  let ms = performance.now() - t0;
  console.log(`registrations through the pipeline (parse, transaction, jobs, outbox, send): ${n} in ${ms.toFixed(0)} ms (${rate(n, ms)}, ${(ms / n).toFixed(1)} ms each)`);
  const jobs = await rt.db.scheduledJob.count({ where: { state: 'pending' } });
  t0 = performance.now();
  await rt.advance!(120 * 86_400_000);
  ms = performance.now() - t0;
  const sent = await rt.db.outboxMessage.count({ where: { state: 'sent' } });
  console.log(`120 simulated days: ${jobs} pending jobs fired or folded, ${sent} messages sent in all, in ${ms.toFixed(0)} ms`);
  const mem = process.memoryUsage();
  console.log(`memory: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
  await rt.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
