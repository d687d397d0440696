// The cost of sealing, measured (SEAL_TIMING=1 npx vitest run test/store/sealed-timing.test.ts):
// restricted clues registered, and the day sweeps over them, with and without a data key, on
// the same script, in alternation; the medians of this process's CPU time are printed (the
// machine's other load does not count). Skipped in the ordinary run.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDataKey } from '../../src/domain/sm4-seal.js';
import { writeKeyRingFile } from '../../src/store/sealed.js';
import { startBot } from '../support/bot.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** this process's CPU time in ms (the bot runs in it): other processes on the machine do not count */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run(keyed: boolean, clues: number, days: number) {
  const env: Record<string, string> = {};
  if (keyed) {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-key-')), 'k.json');
    writeKeyRingFile(file, { current: 'k1', keys: new Map([['k1', newDataKey()]]) });
    env.LIANDONG_DATA_KEY_FILE = file;
  }
  const bot = await startBot({ start: '2026-06-01T10:00:00+08:00', env });
  const reg: number[] = [];
  let cursor = 0;
  for (let i = 0; i < clues; i++) {
    // the turn and the bot's answers read back (only the new messages: the harness's own cost kept out)
    const t = cpu();
    await bot.say(
      'dm:u-liaison',
      'u-liaison',
      `/线索 新建 类别=违纪 来源=群众举报 摘要=第${i}号线索：某单位负责人收受礼金，涉及金额若干，群众多次反映 涉及单位=某局`,
    );
    const said = await bot.messages('dm:u-liaison', cursor);
    reg.push(cpu() - t);
    cursor = said.at(-1)?.cursor ?? cursor;
    expect(said.map((m) => m.text).join('\n')).toContain('已登记线索');
  }
  const sweep: number[] = [];
  for (let d = 0; d < days; d++) {
    const t = cpu();
    await bot.advance({ days: 1 });
    sweep.push(cpu() - t);
  }
  await bot.stop();
  return { reg: median(reg.slice(3)), sweep: sweep.reduce((a, b) => a + b, 0) };
}

describe.runIf(process.env.SEAL_TIMING)('the cost of sealing', () => {
  it('registration and day sweep, with and without a key', async () => {
    const plain: Array<{ reg: number; sweep: number }> = [];
    const sealed: Array<{ reg: number; sweep: number }> = [];
    for (let round = 0; round < 4; round++) {
      plain.push(await run(false, 40, 20));
      sealed.push(await run(true, 40, 20));
    }
    const f = (xs: Array<{ reg: number; sweep: number }>, k: 'reg' | 'sweep') => median(xs.map((x) => x[k])).toFixed(2);
    console.log(
      `CPU ms — registration: plain ${f(plain, 'reg')} sealed ${f(sealed, 'reg')}; 20 day sweeps (total): plain ${f(plain, 'sweep')} sealed ${f(sealed, 'sweep')}`,
    );
  }, 600_000);
});
