// 牵头单位 as a setting: the roster's `lead:` decides who convenes the joint meetings and records their
// minutes (the procuratorate when it names none); a task is evaluated and closed by the unit that issued it.
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../support/bot.js';
import { rosterFile } from '../support/roster.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** The example roster with `lead: 示例县司法局` appended, written to a file. */
const sfjLeads = () => rosterFile('lead: 示例县司法局');

const NOT_LEAD = (unit: string) => `召集联席会议、记录纪要由牵头单位（${unit}）的联络员办理`;

/** The minutes of a held meeting, through the form, by one person in one chat: the answer to 确认. */
async function minutes(b: TestBot, chat: string, user: string, code: string, resolutions: string): Promise<string> {
  expect(await b.answer(chat, user, `/纪要 ${code}`)).toContain('请填写会议纪要的摘要');
  await b.answer(chat, user, '会议研究了行政执法监督与检察监督衔接等议题。');
  await b.answer(chat, user, resolutions);
  return b.answer(chat, user, '确认');
}

async function orgId(b: TestBot, name: string): Promise<string> {
  return (await b.rt.db.org.findUniqueOrThrow({ where: { name } })).id;
}

describe('the lead unit named in the roster (司法局牵头)', () => {
  it('lets the 司法局 liaison convene and minute, refuses the procuratorate liaison, and the 司法局 closes its tasks', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00', env: { LIANDONG_ROSTER: sfjLeads() } });
    // /帮助 lists /纪要 to the lead unit's liaison only
    expect(await bot.answer('c-sfj', 'u-sfj', '/帮助')).toContain('/纪要 会议编号');
    expect(await bot.answer('c-joint', 'u-liaison', '/帮助')).not.toContain('/纪要 会议编号');
    expect(await bot.answer('c-scj', 'u-scj', '/帮助')).not.toContain('/纪要 会议编号');
    const b = bot;
    const meetings = () => b.rt.db.meeting.count();

    // the procuratorate liaison may not convene: the refusal names the lead unit, nothing is written
    const refused = await b.answer('c-joint', 'u-liaison', '/会议 计划 频次=每半年 月份=9,12');
    expect(refused).toContain(`您没有权限使用 /会议 计划：${NOT_LEAD('示例县司法局')}`);
    expect(refused).toContain('请联系示例县司法局的联络员');
    expect(await b.answer('c-joint', 'u-liaison', '/会议 新建 日期=2026-09-15 主题=专题会议')).toContain(
      NOT_LEAD('示例县司法局'),
    );
    expect(await meetings()).toBe(0);

    // the 司法局 liaison plans the series; the procuratorate liaison may not confirm or move its meeting
    const planned = await b.answer('c-joint', 'u-sfj', '/会议 计划 频次=每半年 月份=9,12 地点=县司法局会议室');
    expect(planned).toContain('已设立联席会议《府检联动联席会议》：每半年召开（9月、12月）');
    const [, code, held] = planned.match(/下一次：(HY-2026-\d{3})，建议 (\d{4}-\d\d-\d\d)/)!;
    expect(await b.answer('c-joint', 'u-liaison', `/会议 确认 ${code}`)).toContain(
      `您没有权限使用 /会议 确认：${NOT_LEAD('示例县司法局')}`,
    );
    expect(await b.answer('c-joint', 'u-liaison', `/会议 改期 ${code} 日期=2026-09-25`)).toContain(
      NOT_LEAD('示例县司法局'),
    );
    expect((await b.rt.db.meeting.findUniqueOrThrow({ where: { code } })).status).toBe('proposed');
    expect(await b.answer('c-joint', 'u-sfj', `/会议 确认 ${code}`)).toContain(
      `已确定 ${code}《府检联动联席会议》于 ${held}`,
    );
    // an admin may act for the mechanism too (u-admin is a procuratorate liaison and an admin)
    expect(await b.answer('c-joint', 'u-admin', '/会议 新建 日期=2026-10-20 主题=专题会议')).toContain(
      '已安排专题会议 HY-2026-002《专题会议》',
    );

    // held: the procuratorate liaison may not record the minutes; the 司法局 liaison does, and they become a task
    await b.advance({ to: `${held}T18:00:00+08:00` });
    expect(await b.answer('c-scj', 'u-scj', `/议题 ${code} 内容=x`)).toContain(
      '如有紧急议题，请直接联系牵头单位（示例县司法局）的联络员',
    );
    expect(await b.answer('c-joint', 'u-liaison', `/纪要 ${code}`)).toContain(
      `您没有权限使用 /纪要：${NOT_LEAD('示例县司法局')}`,
    );
    const saved = await minutes(b, 'c-joint', 'u-sfj', code!, '清理涉企收费文件｜市场监管局｜1个月\n加强信息共享');
    expect(saved).toContain('已登记任务 RW-2026-001，责任单位：示例县市场监督管理局');
    expect((await b.botSays('c-joint')).some((m) => m.text.startsWith(`【联席会议纪要】${code}`))).toBe(true);

    // and a task of its own with /任务 新建: both are issued by the 司法局
    expect(
      await b.answer('c-sfj', 'u-sfj', '/任务 新建 单位=市场监管局 内容=梳理行政处罚裁量基准 期限=1个月'),
    ).toContain('已登记任务 RW-2026-002，责任单位：示例县市场监督管理局');
    const sfj = await orgId(b, '示例县司法局');
    const tasks = await b.rt.db.matter.findMany({ where: { kind: 'task' }, orderBy: { code: 'asc' } });
    expect(tasks.map((m) => [m.code, m.issuingOrgId])).toEqual([
      ['RW-2026-001', sfj],
      ['RW-2026-002', sfj],
    ]);

    // a task is given (交办), and answered in a task's words: its progress, not a rectification
    const given = (await b.botSays('c-scj')).find((m) => m.text.startsWith('【任务】RW-2026-001'))!;
    expect(given.text).toContain('已交办贵单位');
    expect(given.text).toContain('报送进展或完成情况');
    expect(given.card!.title).toBe('任务交办通知 RW-2026-001');
    expect(given.card!.buttons.map((x) => x.label)).toContain('报送进展情况');

    // the officer replies to each; the procuratorate liaison may not evaluate, the 司法局 liaison passes and closes
    for (const task of ['RW-2026-001', 'RW-2026-002']) {
      const opened = await b.answer('c-scj', 'u-scj', `/反馈 ${task}`);
      expect(opened).toContain('开始填写《任务进展情况》');
      expect(opened).toContain('请填写任务的进展或完成情况');
      for (const a of ['已完成清理并公布目录', '1', '/跳过']) await b.answer('c-scj', 'u-scj', a);
      expect(await b.answer('c-scj', 'u-scj', '确认')).toMatch(
        new RegExp(
          `已收到示例县市场监督管理局对 ${task}《.+》的第 1 次进展情况报告（已完成），已转示例县司法局联络员评估`,
        ),
      );
      const told = (await b.botSays('c-sfj')).filter((m) => m.text.startsWith('【任务进展】') && m.text.includes(task));
      expect(told).toHaveLength(1);
      expect(told[0]!.text).toContain('第 1 次进展情况（已完成');
      expect(told[0]!.text).toContain('完成情况：已完成');
      expect(await b.answer('c-joint', 'u-liaison', `/评估 ${task} 通过`)).toContain(
        `${task} 由示例县司法局评估和答复延期申请，只有示例县司法局的联络员可以办理`,
      );
      expect((await b.rt.db.matter.findUniqueOrThrow({ where: { code: task } })).status).toBe('replied');
      expect(await b.answer('c-sfj', 'u-sfj', `/评估 ${task} 通过 意见=已按期完成`)).toContain(`已评估通过 ${task}`);
      const closed = await b.rt.db.matter.findUniqueOrThrow({ where: { code: task }, include: { evaluations: true } });
      expect(closed.status).toBe('closed');
      expect(closed.evaluations.map((e) => e.verdict)).toEqual(['pass']);
    }
  }, 120_000);
});

describe('the lead unit when the roster names none (the procuratorate leads)', () => {
  it('lets the procuratorate liaison convene and minute, and refuses the 司法局 liaison naming the procuratorate', async () => {
    bot = await startBot({ start: '2026-09-01T10:00:00+08:00' });
    const b = bot;
    expect(await b.answer('c-sfj', 'u-sfj', '/会议 新建 日期=2026-09-15 主题=专题会议')).toContain(
      `您没有权限使用 /会议 新建：${NOT_LEAD('示例县人民检察院')}`,
    );
    expect(await b.answer('c-sfj', 'u-sfj', '/会议 计划 频次=每半年')).toContain(NOT_LEAD('示例县人民检察院'));
    expect(await b.rt.db.meeting.count()).toBe(0);
    expect(await b.answer('c-joint', 'u-liaison', '/会议 新建 日期=2026-09-15 主题=专题会议')).toContain(
      '已安排专题会议 HY-2026-001《专题会议》',
    );
    await b.advance({ to: '2026-09-15T18:00:00+08:00' });
    expect(await b.answer('c-sfj', 'u-sfj', '/纪要 HY-2026-001')).toContain(
      `您没有权限使用 /纪要：${NOT_LEAD('示例县人民检察院')}`,
    );
    const saved = await minutes(b, 'c-joint', 'u-liaison', 'HY-2026-001', '清理涉企收费文件｜市场监管局｜1个月');
    expect(saved).toContain('已登记任务 RW-2026-001，责任单位：示例县市场监督管理局');
    const task = await b.rt.db.matter.findUniqueOrThrow({ where: { code: 'RW-2026-001' } });
    expect(task.issuingOrgId).toBe(await orgId(b, '示例县人民检察院'));
  }, 60_000);
});
