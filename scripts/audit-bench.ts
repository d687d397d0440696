// What the audit chain costs (issue 29): 1,000 registrations through the whole pipeline with the
// chain (SM3 link, HMAC-SM3, the head read and moved on) and 1,000 without it (rows written as
// before the chain), in one run, alternating one by one so that both see the same load on the machine.
// SQLite always; PostgreSQL too with BENCH_PG=1 (a throwaway cluster, scripts/pg-throwaway.mjs).
// BENCH_AA=1 runs both arms with the chain: the difference it still shows is the noise floor.
//   node --import tsx scripts/audit-bench.ts        BENCH_PG=1 node --import tsx scripts/audit-bench.ts
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../src/config/env.js';
import { addDays } from '../src/domain/civil-date.js';
import { silentLogger } from '../src/log.js';
import { type Runtime, startRuntime } from '../src/runtime.js';
import { appendAudits, auditBench } from '../src/store/audit.js';
import { verifyChain } from '../src/store/audit-read.js';
import { migrateDeploy } from '../src/store/db.js';
import { transaction } from '../src/store/lane.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-bench-'));
const ORGS = ['市场监管局', '自然资源局', '生态环境局', '住建局', '农业农村局', '应急局'];
// two neighbours (one with the chain, one without) get the same unit, date and period: only the title differs
const text = (i: number) => {
  const k = i >> 1;
  return `/建议 新建 单位=${ORGS[k % ORGS.length]} 标题=基准测试第${i}号 送达=${addDays('2026-08-01', k % 30)} 期限=${k % 4 < 2 ? '2个月' : '15日'}`;
};

async function runtime(url: string): Promise<Runtime> {
  const rt = await startRuntime({
    config: readConfig({
      DATABASE_URL: url,
      LIANDONG_PLATFORM: 'sandbox',
      LIANDONG_CLOCK: 'simulated',
      LIANDONG_CLOCK_START: '2026-09-01T10:00:00+08:00',
      LIANDONG_FILES_DIR: path.join(dir, 'files'),
      LIANDONG_HOLIDAYS_FILE: '/nonexistent.json',
      LIANDONG_AUDIT_KEY: 'a5'.repeat(32),
    }),
    log: silentLogger,
    migrate: false,
    listen: false,
  });
  await rt.ready;
  return rt;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function measure(name: string, url: string) {
  await migrateDeploy(url);
  const rt = await runtime(url);
  const times = { chained: [] as number[], plain: [] as number[] };
  // the first 100 warm up and are not counted; then 1,000 of each, alternating
  for (let i = 0; i < 2000 + 100; i++) {
    // in pairs, one of each (which goes first alternates): neighbours see the same load on the machine
    const linked = ((i >> 1) + i) % 2 === 0;
    auditBench.linked = process.env.BENCH_AA ? true : linked;
    const inc = await rt.sandbox!.adapter.accept({ chatId: 'c-joint', senderId: 'u-liaison', text: text(i) });
    const t = performance.now();
    await rt.app.receive(inc);
    if (i >= 100) (linked ? times.chained : times.plain).push(performance.now() - t);
  }
  // the append step alone: 1,000 transactions of two audit rows each way, alternating
  const step = { chained: [] as number[], plain: [] as number[] };
  for (let i = 0; i < 2100; i++) {
    const linked = ((i >> 1) + i) % 2 === 0;
    auditBench.linked = linked;
    const at = new Date();
    const t = performance.now();
    await transaction(rt.db, (tx) =>
      appendAudits(tx, [
        { actor: '李明（示例县人民检察院）', action: 'matter.reply', subject: `JY-2026-${i}`, detail: { i }, at },
        { actor: 'system', action: 'remind.sent', subject: `JY-2026-${i}`, detail: { i }, at },
      ]),
    );
    if (i >= 100) (linked ? step.chained : step.plain).push(performance.now() - t);
  }
  auditBench.linked = true;
  const chainedRows = await rt.db.auditEvent.count({ where: { chainSeq: { not: null } } });
  const plainRows = await rt.db.auditEvent.count({ where: { chainSeq: null } });
  // the chained rows' own walk (the plain ones are outside the chain, as a row inserted would be)
  const t0 = performance.now();
  const report = await verifyChain(rt.db);
  const verifyMs = performance.now() - t0;
  await rt.stop();
  const line = (label: string, xs: number[]) =>
    console.log(
      `${name} ${label}: ${xs.length} registrations, total ${(sum(xs) / 1000).toFixed(2)} s, median ${pct(xs, 50).toFixed(2)} ms, p90 ${pct(xs, 90).toFixed(2)} ms`,
    );
  line('with the chain   ', times.chained);
  line('without the chain', times.plain);
  const ratio = sum(times.chained) / sum(times.plain);
  console.log(
    `${name} cost of the chain: ${((ratio - 1) * 100).toFixed(1)}% of the total, median ${(pct(times.chained, 50) - pct(times.plain, 50)).toFixed(3)} ms per registration`,
  );
  console.log(
    `${name} the append step alone (a transaction of 2 audit rows, 1,000 each way): median ${pct(step.chained, 50).toFixed(3)} ms with the chain, ${pct(step.plain, 50).toFixed(3)} ms without (+${(pct(step.chained, 50) - pct(step.plain, 50)).toFixed(3)} ms)`,
  );
  console.log(
    `${name} rows: ${chainedRows} chained, ${plainRows} plain; verify walked ${report.checked} in ${verifyMs.toFixed(0)} ms (${report.problem?.kind ?? 'no fault before the plain rows'})`,
  );
}

await measure('SQLite', `file:${path.join(dir, 'bench.db')}`);
if (process.env.BENCH_PG) {
  const { startCluster, stopCluster } = await import('./pg-throwaway.mjs');
  const cluster = startCluster();
  try {
    await measure('PostgreSQL', cluster.url);
  } finally {
    stopCluster(cluster.dir);
  }
}
