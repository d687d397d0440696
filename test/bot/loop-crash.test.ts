// The loop of issue 22 on the real `liandong start`, killed with SIGKILL (kill -9) between the steps
// and started again: on the Jiashan road an unanswered recommendation reaches the 司法局, which
// issues a 《行政执法监督通知书》 that the agency answers and the 司法局 evaluates; a 正在整改 reply is
// reminded before its expected date and overdue after it; a 督办 and a 批示 reach the agency once each;
// an urgent 诉前检察建议 gets its 15 days. Every notice exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { shanghai } from '../support/bot.js';
import { type ChildBot, startChild } from '../support/child.js';
import { freshDbUrl } from '../support/db.js';
import { JIASHAN_ROAD, rosterFile } from '../support/roster.js';

let bot: ChildBot | undefined;
afterEach(() => {
  bot?.stop();
  bot = undefined;
});

const jiashan = () => rosterFile(JIASHAN_ROAD);
const days = (msgs: Array<{ createdAt: string }>) => msgs.map((m) => shanghai(m.createdAt).slice(0, 10));

describe('the loop, across kill -9', () => {
  it('follows rectification to its end and presses along the Jiashan road, each notice once', async () => {
    bot = await startChild(await freshDbUrl(), '2026-09-01T10:00:00+08:00', { LIANDONG_ROSTER: jiashan() });
    const b = bot;
    // the notices of one matter (the urgent 诉前 one goes along the road in September)
    const says = async (chat: string, prefix: string, code = 'JY-2026-001') =>
      (await b.botSays(chat)).filter((m) => m.text.startsWith(prefix) && m.text.includes(code));
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/建议 新建 单位=市场监管局 标题="关于校园食品安全的检察建议" 送达=2026-09-01',
      ),
    ).toContain('JY-2026-001');
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/建议 新建 单位=住建局 标题="关于建筑工地扬尘治理的检察建议" 送达=2026-09-01',
      ),
    ).toContain('JY-2026-002');
    // urgent 诉前: 15 days (两高公益诉讼解释 第二十一条) — 09-01 + 15 = 09-16, a Wednesday
    const sq = await b.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 类型=诉前 紧急=是 单位=生态环境局 标题="关于饮用水水源地污染的诉前检察建议" 送达=2026-09-01',
    );
    expect(sq).toContain('已登记诉前检察建议 SQ-2026-001');
    expect(sq).toContain('期限届满日：2026-09-16');

    // 住建局 replies 正在整改, expected 2026-11-20: still owed, by that date
    await b.answer('c-zjj', 'u-zjj', '/反馈 JY-2026-002 措施=已对 12 个工地安装喷淋 状态=正在整改 预计=2026-11-20');
    await b.answer('c-zjj', 'u-zjj', '/跳过');
    expect(await b.answer('c-zjj', 'u-zjj', '确认')).toContain('整改期限为预计完成日期 2026-11-20');
    await b.kill9();

    await b.advance(63); // 11-03 10:00: JY-2026-001 overdue this morning (due 11-02)
    await b.kill9();
    expect(days(await says('c-scj', '【逾期通知】'))).toEqual(['2026-11-03']);
    // the supervisor presses with a limit; a leader instructs
    expect(
      await b.answer('c-supervisor', 'u-supervisor', '/督办 JY-2026-001 意见=请于限期内书面回复 期限=5个工作日'),
    ).toContain('须于 2026-11-10 前报告办理情况');
    expect(await b.answer('c-leaders', 'u-leader', '/批示 JY-2026-001 内容=请抓紧整改到位')).toContain(
      '已将对 JY-2026-001',
    );
    await b.kill9();

    await b.advance(7); // 11-10 10:00: the road reaches the 司法局; the 督办's limit is today
    await b.kill9();
    expect(days(await says('c-sfj', '【提级督办】'))).toEqual(['2026-11-10']);
    expect(days(await says('c-scj', '【督办到期】'))).toEqual(['2026-11-10']);
    const tz = await b.answer(
      'c-sfj',
      'u-sfj',
      '/监督通知书 新建 关联=JY-2026-001 事项=责令限期整改校园食品安全问题 期限=15日',
    );
    expect(tz).toContain('已登记行政执法监督通知书 TZ-2026-001');
    expect(tz).toContain('期限届满日：2026-11-25');
    await b.kill9();

    await b.advance(7); // 11-17 10:00: the leaders (10 working days after the notice)
    await b.kill9();
    expect(days(await says('c-leaders', '【提级督办】'))).toEqual(['2026-11-17']);
    // 住建局's expected date (Friday 11-20): reminded 7 and 3 working days before it, so far
    expect(days(await says('c-zjj', '【整改期限提醒】', 'JY-2026-002'))).toEqual(['2026-11-11', '2026-11-17']);
    // the agency answers the notice; the 司法局 evaluates it
    await b.answer('c-scj', 'u-scj', '/反馈 TZ-2026-001 措施=已对全县学校食堂开展专项检查 状态=已整改到位');
    await b.answer('c-scj', 'u-scj', '/跳过');
    await b.answer('c-scj', 'u-scj', '确认');
    expect(days(await says('c-sfj', '【整改反馈】', 'TZ-2026-001'))).toEqual(['2026-11-17']);
    expect(await b.answer('c-sfj', 'u-sfj', '/评估 TZ-2026-001 通过 意见=已纠正')).toContain('已评估通过 TZ-2026-001');
    await b.kill9();

    await b.advance(10); // 11-27: 住建局's expected date (11-20) passed with no 已整改到位 reply
    await b.kill9();
    await b.advance(20);
    await b.kill9();
    expect(days(await says('c-zjj', '【整改期限今日届满】', 'JY-2026-002'))).toEqual(['2026-11-20']);
    expect(days(await says('c-zjj', '【整改逾期】', 'JY-2026-002'))).toEqual(['2026-11-23']);
    expect(days(await says('c-scj', '【督办】'))).toEqual(['2026-11-03']);
    expect(days(await says('c-scj', '【领导批示】'))).toEqual(['2026-11-03']);
    expect(days(await says('c-scj', '【评估通过】', 'TZ-2026-001'))).toEqual(['2026-11-17']);
    expect(days(await says('c-sfj', '【提级督办】'))).toEqual(['2026-11-10']);
    expect(days(await says('c-leaders', '【提级督办】'))).toEqual(['2026-11-17']);
    const status = await b.answer('c-joint', 'u-liaison', '/状态 JY-2026-001');
    expect(status).toContain('示例县司法局制发《行政执法监督通知书》TZ-2026-001，期限届满 2026-11-25（已办结）');
    expect(status).toContain('陈县长批示：请抓紧整改到位');
  }, 180_000);
});
