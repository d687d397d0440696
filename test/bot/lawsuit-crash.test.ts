// 行政应诉 and 咨询 on the real process (`liandong start`), killed with SIGKILL (kill -9) after each step that
// falls due: the 答辩举证 overdue notice, the consultation's overdue notice, the judgment becoming final and
// its compliance task each happen exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghai } from '../support/bot.js';
import { type ChildBot, startChild } from '../support/child.js';
import { freshDbUrl } from '../support/db.js';
import { rosterFile } from '../support/roster.js';

let bot: ChildBot | undefined;
afterEach(() => {
  bot?.stop();
  bot = undefined;
});

const ZHANG = '  - { name: 张敏, org: 示例县市场监督管理局, roles: [officer], ids: { sandbox: u-scj } }';
const roster = () =>
  rosterFile('', [
    [ZHANG, `${ZHANG}\n  - { name: 黄强, org: 示例县市场监督管理局, roles: [head], ids: { sandbox: u-scj-head } }`],
  ]);
const day = (m: { createdAt: string }) => shanghai(m.createdAt).slice(0, 10);

describe('行政应诉 and 咨询 across kill -9', () => {
  it('sends each notice once, makes the judgment final once and gives one compliance task', async () => {
    const file = roster();
    bot = await startChild(await freshDbUrl(), '2026-09-16T10:00:00+08:00', { LIANDONG_ROSTER: file });
    const b = bot;
    expect(
      await b.answer(
        'c-scj',
        'u-scj',
        '/应诉 新建 案号=（2026）示0101行初20号 被告=市场监管局 案由=行政许可 收到副本=2026-09-16',
      ),
    ).toContain('答辩举证期限届满日：2026-10-08');
    // 5 working days from 09-16: 09-17, 18, Sunday 09-20 (调休上班), 21, 22
    expect(await b.answer('c-scj', 'u-scj', '/咨询 新建 对象=检察院 问题=许可延续的审查标准 期限=5个工作日')).toContain(
      '答复期限：2026-09-22',
    );
    const counts = async () => ({
      defence: (await b.botSays('c-scj')).filter((m) => m.text.startsWith('【答辩举证逾期】')).map(day),
      consultation: (await b.botSays('c-joint')).filter((m) => m.text.startsWith('【咨询逾期】')).map(day),
      final: (await b.botSays('c-scj')).filter((m) => m.text.startsWith('【裁判生效】')).map(day),
      tasks: (await b.botSays('c-scj')).filter((m) => /RW-2026-00[2-9]/.test(m.text)).length,
    });
    await b.advance(23); // 10-09 10:00 (the consultation's notice went on 09-23)
    await b.kill9();
    expect(await counts()).toEqual({ defence: ['2026-10-09'], consultation: ['2026-09-23'], final: [], tasks: 0 });
    expect(await b.answer('c-scj', 'u-scj', '/应诉 答辩 YS-2026-001')).toContain('计为未按期答辩举证');

    await b.advance(45); // 11-23 10:00
    expect(await b.answer('c-scj', 'u-scj', '/判决 YS-2026-001 裁判=裁定 送达=2026-11-20')).toContain(
      '上诉期限届满日：2026-11-30', // a ruling: 10 days, Monday 11-30
    );
    await b.advance(8); // 12-01 10:00: final today
    await b.kill9();
    await b.advance(3);
    await b.kill9();
    const after = await counts();
    expect(after).toEqual({ defence: ['2026-10-09'], consultation: ['2026-09-23'], final: ['2026-12-01'], tasks: 0 });
    expect((await b.botSays('c-scj')).find((m) => m.text.startsWith('【裁判生效】'))!.text).toContain('RW-2026-001');
  }, 120_000);
});
