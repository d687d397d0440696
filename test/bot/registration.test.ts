// Registering a recommendation (issue 22). Item 3: `/建议 新建 类型=诉前 …` gives an SQ code with two months
// to answer, fifteen days when 紧急 (两高公益诉讼解释 第二十一条), and is answered as a recommendation is.
// Item 10: the same line sent twice (a double send) is asked about instead of registering a second matter.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('a 诉前检察建议', () => {
  it('is registered by command with an SQ code: two months, fifteen days when urgent', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const urgent = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 类型=诉前 单位=市场监管局 标题="关于督促整治河道非法采砂的诉前检察建议" 送达=2026-09-01 紧急=是',
    );
    expect(urgent).toContain('已登记诉前检察建议 SQ-2026-001');
    expect(urgent).toContain('期限届满日：2026-09-16'); // 15日 from 09-01: a Wednesday
    const plain = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 类型=诉前 单位=市场监管局 标题="关于督促保护耕地的诉前检察建议" 送达=2026-09-01',
    );
    expect(plain).toContain('已登记诉前检察建议 SQ-2026-002');
    expect(plain).toContain('期限届满日：2026-11-02'); // 2个月 ends on Sunday 11-01: the next working day
    const notices = (await bot.botSays('c-scj')).map((m) => m.text);
    expect(notices[0]).toContain('【诉前检察建议】SQ-2026-001《关于督促整治河道非法采砂的诉前检察建议》已送达贵单位');
    expect(notices[0]).toContain('请在 15日 内书面回复');
    // answered by the agency as any recommendation is
    expect(await bot.answer('c-scj', 'u-scj', '/反馈 SQ-2026-001')).toContain('整改反馈');
    // an ordinary recommendation keeps its JY code
    expect(
      await bot.answer('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 标题="关于计量的检察建议" 送达=2026-09-01'),
    ).toContain('已登记检察建议 JY-2026-001');
  });

  it('says what to write for a type it does not know, and registers nothing', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const said = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 类型=诉钱 单位=市场监管局 标题="关于督促保护耕地的诉前检察建议" 送达=2026-09-01',
    );
    expect(said).toContain('类型“诉钱”无法识别。诉前检察建议请写 类型=诉前');
    expect(await bot.rt.db.matter.count()).toBe(0);
  });

  it('is registered through the form when the line lacks its title, and keeps its type', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', '/建议 新建 类型=诉前 单位=市场监管局 送达=2026-09-01 紧急=是');
    await bot.answer('c-joint', 'u-liaison', '关于督促整治河道非法采砂的诉前检察建议');
    const review = await bot.answer('c-joint', 'u-liaison', '/跳过'); // the default period: 15日, as urgent
    expect(review).toContain('· 类型：诉前检察建议\n· 期限届满：2026-09-16（期限 15日）');
    expect(await bot.answer('c-joint', 'u-liaison', '确认')).toContain('已登记诉前检察建议 SQ-2026-001');
    // the agency's card says it is urgent
    const [notice] = await bot.botSays('c-scj');
    expect(notice!.card!.fields).toContainEqual({ label: '紧急程度', value: '紧急（限期较短，请优先办理）' });
  });

  it('marks a due date in a year without holiday data 【待核】 at the review, as the answer does', async () => {
    bot = await startBot({ start: '2026-12-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', '/建议 新建 单位=市场监管局 送达=2026-12-01');
    await bot.answer('c-joint', 'u-liaison', '关于冬季燃气安全的检察建议');
    const review = await bot.answer('c-joint', 'u-liaison', '/跳过'); // 2个月: into 2027, which has no data
    expect(review).toMatch(/· 期限届满：2027-02-0\d（期限 2个月）【待核】/);
  });
});

describe('the same registration sent twice', () => {
  const line = '/建议 新建 单位=市场监管局 标题="关于农贸市场计量的检察建议" 送达=2026-09-01';

  it('is asked about, not registered twice; 是 registers the second on purpose', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    expect(await bot.answer('c-joint', 'u-liaison', line)).toContain('已登记检察建议 JY-2026-001');
    const asked = await bot.answer('c-joint', 'u-liaison', line);
    expect(asked).toContain(
      '您刚已登记 JY-2026-001《关于农贸市场计量的检察建议》（同一单位、同一标题，一天之内）。是否重复登记？',
    );
    expect(await bot.rt.db.matter.count()).toBe(1);
    expect(await bot.answer('c-joint', 'u-liaison', '是')).toContain('已登记检察建议 JY-2026-002');
    expect(await bot.rt.db.matter.count()).toBe(2);
  });

  it('is registered again without a question by another person, for another unit, or a day later', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    await bot.answer('c-joint', 'u-liaison', line);
    expect(await bot.answer('c-joint', 'u-admin', line)).toContain('已登记检察建议 JY-2026-002');
    expect(await bot.answer('c-joint', 'u-liaison', line.replace('市场监管局', '住建局'))).toContain('JY-2026-003');
    await bot.advance({ days: 1, minutes: 1 });
    expect(await bot.answer('c-joint', 'u-liaison', line)).toContain('已登记检察建议 JY-2026-004');
  });
});
