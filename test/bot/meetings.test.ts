// A half-yearly joint meeting series through a whole year (2026, meetings in May and
// November: dates no other test uses), on the real `liandong start` in a child process
// killed with SIGKILL along the way: proposals on working days, notices with a calendar
// file, agenda collection and the nudge to silent units, the compiled agenda, receipts,
// a move that re-plans without the old reminders, minutes whose resolutions become tasks
// with their reminders and overdue notices, each once.
import { afterEach, describe, expect, it } from 'vitest';
import { type Msg, shanghai, startBot, type TestBot } from '../support/bot.js';
import { type ChildBot, startChild } from '../support/child.js';
import { freshDbUrl } from '../support/db.js';

let child: ChildBot | undefined;
let bot: TestBot | undefined;
afterEach(async () => {
  child?.stop();
  child = undefined;
  await bot?.stop();
  bot = undefined;
});

const UNIT_GROUPS = ['c-sfj', 'c-jw', 'c-scj', 'c-zrzy', 'c-sthj', 'c-zjj', 'c-nyj', 'c-yjj'];
const day = (m: Msg) => shanghai(m.createdAt).slice(0, 10);

/** A calendar file read as RFC 5545 says: lines unfolded, then NAME;PARAMS:VALUE. */
function parseIcs(text: string): Map<string, string> {
  expect(text.endsWith('\r\n')).toBe(true);
  // a line that starts with a blank continues the one before it (RFC 5545 folding)
  const lines: string[] = [];
  for (const l of text.split('\r\n')) {
    if (l.startsWith(' ')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  for (const l of text.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  const props = new Map<string, string>();
  for (const l of lines.slice(lines.indexOf('BEGIN:VEVENT'))) {
    const i = l.indexOf(':');
    if (i > 0) props.set(l.slice(0, i), l.slice(i + 1));
  }
  return props;
}

describe('a half-yearly joint meeting series through 2026', () => {
  it('plans, prepares, moves and minutes its meetings, and the tasks from the minutes run their course', async () => {
    child = await startChild(await freshDbUrl(), '2026-01-05T10:00:00+08:00');
    const b = child;
    const to = async (date: string) => {
      const now = Date.parse((await b.api('GET', '/api/clock')).now);
      const days = Math.round((Date.parse(`${date}T10:00:00+08:00`) - now) / 86_400_000);
      if (days > 0) await b.advance(days);
    };
    /** the calendar files sent to a chat, in order, read */
    const icsIn = async (chat: string) => {
      const out: Array<{ day: string; props: Map<string, string> }> = [];
      for (const m of await b.botSays(chat)) {
        const a = m.attachments?.find((x) => x.name.endsWith('.ics'));
        if (a) out.push({ day: day(m), props: parseIcs(await b.api('GET', `/files/${a.ref.replace('file:', '')}`)) });
      }
      return out;
    };

    const planned = await b.answer('c-joint', 'u-liaison', '/会议 计划 频次=每半年 月份=5,11 地点=县检察院三楼会议室');
    expect(planned).toContain('已设立联席会议《府检联动联席会议》：每半年召开（5月、11月）');
    expect(planned).toContain('下一次：HY-2026-001，建议 2026-05-15（周五）');
    expect(await b.answer('c-joint', 'u-liaison', '/会议 确认 HY-2026-001')).toContain(
      '2026-04-23 起向各单位发出会议通知',
    );

    // T-14 working days (劳动节 5/1–5/5 skipped, 5/9 调休上班 counted): the notice, with the calendar file
    await to('2026-04-23');
    for (const chat of ['c-joint', ...UNIT_GROUPS]) {
      const notices = (await b.botSays(chat)).filter((m) => m.text.startsWith('【联席会议通知】'));
      expect({ chat, days: notices.map(day) }).toEqual({ chat, days: ['2026-04-23'] });
    }
    const notice = (await b.botSays('c-scj')).find((m) => m.text.startsWith('【联席会议通知】'))!;
    expect(notice.text).toContain(
      'HY-2026-001《府检联动联席会议》定于 2026-05-15（周五）09:30 召开，地点：县检察院三楼会议室',
    );
    expect(notice.text).toContain('请各单位在 2026-05-07 前提交议题');
    // every unit's group and the joint group got the same calendar entry, valid as RFC 5545 reads it
    for (const chat of ['c-joint', ...UNIT_GROUPS])
      expect({
        chat,
        files: (await icsIn(chat)).map((f) => [f.day, f.props.get('UID'), f.props.get('SEQUENCE')]),
      }).toEqual({ chat, files: [['2026-04-23', expect.stringMatching(/@liandong$/), '0']] });
    const [first] = (await icsIn('c-scj')).map((x) => x.props);
    expect(first!.get('DTSTART;TZID=Asia/Shanghai')).toBe('20260515T093000');
    expect(first!.get('DTEND;TZID=Asia/Shanghai')).toBe('20260515T113000');
    expect(first!.get('SEQUENCE')).toBe('0');
    expect(first!.get('LOCATION')).toBe('县检察院三楼会议室');
    const uid = first!.get('UID')!;

    // two units send items (one by the form), one has none; five say nothing
    await to('2026-04-24');
    expect(await b.answer('c-scj', 'u-scj', '/议题 HY-2026-001 内容=农贸市场计量监管的衔接')).toContain(
      '已收到示例县市场监督管理局为 HY-2026-001 提交的议题',
    );
    expect(await b.answer('c-sfj', 'u-sfj', '/议题 HY-2026-001')).toContain('请填写本单位提请会议研究的议题');
    await b.answer('c-sfj', 'u-sfj', '规范性文件备案审查情况通报');
    expect(await b.answer('c-sfj', 'u-sfj', '确认')).toContain('已收到示例县司法局为 HY-2026-001 提交的议题');
    expect(await b.answer('c-zrzy', 'u-zrzy', '/无议题 HY-2026-001')).toContain(
      '示例县自然资源局在 HY-2026-001 无议题',
    );
    await b.kill9();

    // T-7: the call closes; each silent unit is nudged once, and the liaison told which
    await to('2026-05-08');
    const silent = ['c-jw', 'c-sthj', 'c-zjj', 'c-nyj', 'c-yjj'];
    for (const chat of UNIT_GROUPS) {
      const nudges = (await b.botSays(chat)).filter((m) => m.text.startsWith('【议题征集今日截止】'));
      expect({ chat, days: nudges.map(day) }).toEqual({ chat, days: silent.includes(chat) ? ['2026-05-07'] : [] });
    }
    const report = (await b.botSays('dm:u-liaison')).find((m) => m.text.includes('议题征集今日截止，尚未答复的单位'))!;
    expect(report.text).toContain(
      '（5 个）：示例县纪委监委、示例县生态环境分局、示例县住房和城乡建设局、示例县农业农村局、示例县应急管理局',
    );
    expect(await b.answer('c-zjj', 'u-zjj', '/议题 HY-2026-001 内容=迟到的议题')).toContain(
      '议题征集已于 2026-05-07 截止',
    );

    // T-3: the agenda, compiled from the two units' items and the one 无议题
    await to('2026-05-12');
    const agenda = (await b.botSays('c-joint')).find((m) => m.text.startsWith('【联席会议议程】'))!;
    expect(agenda.text).toContain(
      '1. 规范性文件备案审查情况通报（示例县司法局）\n2. 农贸市场计量监管的衔接（示例县市场监督管理局）\n无议题：示例县自然资源局\n未答复：示例县纪委监委、示例县生态环境分局、示例县住房和城乡建设局、示例县农业农村局、示例县应急管理局',
    );

    // T-1: reminders; receipts by a command and by the reminder's button
    await to('2026-05-14');
    expect(await b.answer('c-scj', 'u-scj', '/回执 HY-2026-001 参会人=张敏 副局长')).toContain(
      '已记录示例县市场监督管理局参加 HY-2026-001（2026-05-15）的人员：张敏 副局长',
    );
    const remind = (await b.botSays('c-sfj')).find(
      (m) => m.text.startsWith('【会议提醒】') && m.text.includes('将于 明天 2026-05-15（周五）'),
    )!;
    await b.api('POST', `/api/messages/${remind.id}/actions`, {
      senderId: 'u-sfj',
      action: remind.card!.buttons[0]!.command,
    });
    await b.answer('c-sfj', 'u-sfj', '冯涛 科长');
    await b.answer('c-sfj', 'u-sfj', '确认');
    await to('2026-05-15');
    const receipts = (await b.botSays('dm:u-liaison')).filter((m) => m.text.includes('参会回执'));
    expect(receipts.at(-1)!.text).toContain('已收到参会回执 2 份；尚未报送的单位：示例县纪委监委、示例县自然资源局');
    expect((await b.botSays('c-joint')).map((m) => m.text).join('\n')).toContain(
      '下一次联席会议 HY-2026-002《府检联动联席会议》建议于 2026-11-16（周一）召开',
    );

    // the minutes: two resolutions become tasks, one is recorded only
    expect(await b.answer('c-joint', 'u-liaison', '/纪要 HY-2026-001')).toContain('请填写会议纪要的摘要');
    await b.answer('c-joint', 'u-liaison', '会议通报了上半年府检联动工作情况，研究了农贸市场计量监管等议题。');
    const review = await b.answer(
      'c-joint',
      'u-liaison',
      '1. 清理涉企收费文件｜市场监管局｜1个月\n2. 完善行政执法与检察监督衔接机制｜司法局｜2个月\n3. 加强信息共享',
    );
    expect(review).toContain('议定事项 1：清理涉企收费文件 → 交办任务，责任单位 示例县市场监督管理局，期限 1个月');
    expect(review).toContain('议定事项 3：加强信息共享（不设任务）');
    const saved = await b.answer('c-joint', 'u-liaison', '确认');
    expect(saved).toContain('已登记任务 RW-2026-001，责任单位：示例县市场监督管理局');
    expect(saved).toContain('已登记任务 RW-2026-002，责任单位：示例县司法局');
    expect(saved).toContain('1. 清理涉企收费文件——示例县市场监督管理局，期限 1个月，任务编号 RW-2026-001');
    await b.kill9();

    // the tasks live as recommendations do: reminders, then the overdue notice, once each across kill -9
    await to('2026-06-12');
    await b.kill9();
    await to('2026-06-16');
    await b.kill9();
    await to('2026-07-20');
    const scj = await b.botSays('c-scj');
    expect(scj.filter((m) => m.text.startsWith('【到期提醒】任务 RW-2026-001')).map(day)).toEqual([
      '2026-06-04',
      '2026-06-10',
      '2026-06-12',
    ]);
    expect(scj.filter((m) => m.text.startsWith('【今日到期】') && m.text.includes('RW-2026-001')).map(day)).toEqual([
      '2026-06-15',
    ]);
    expect(scj.filter((m) => m.text.startsWith('【逾期通知】任务 RW-2026-001')).map(day)).toEqual(['2026-06-16']);
    const sfj = await b.botSays('c-sfj');
    expect(sfj.filter((m) => m.text.startsWith('【逾期通知】任务 RW-2026-002')).map(day)).toEqual(['2026-07-16']);
    expect(
      (await b.botSays('c-supervisor'))
        .filter((m) => m.text.startsWith('【督办】') && m.text.includes('RW-2026-00'))
        .map(day),
    ).toEqual(['2026-06-16', '2026-07-16']);

    // the second meeting: confirmed, noticed, then moved by the liaison after its notice
    expect(await b.answer('c-joint', 'u-liaison', '/会议 列表')).toContain(
      '《府检联动联席会议》每半年（5月、11月），下一次：2026-11-16（周一）',
    );
    await b.answer('c-joint', 'u-liaison', '/会议 确认 HY-2026-002');
    await to('2026-10-28');
    expect(
      (await b.botSays('c-nyj'))
        .filter((m) => m.text.startsWith('【联席会议通知】') && m.text.includes('HY-2026-002'))
        .map(day),
    ).toEqual(['2026-10-27']);
    const moved = await b.answer('c-joint', 'u-liaison', '/会议 改期 HY-2026-002 日期=2026-11-20');
    expect(moved).toContain('已将 HY-2026-002《府检联动联席会议》由 2026-11-16 改至 2026-11-20（周五）');
    // the update goes right after the answer, not with it
    let update: Msg | undefined;
    for (let i = 0; i < 50 && !update; i++, await new Promise((r) => setTimeout(r, 100)))
      update = (await b.botSays('c-nyj')).find((m) => m.text.startsWith('【联席会议改期通知】'));
    if (!update) throw new Error('no 改期通知 in the unit group');
    expect(day(update)).toBe('2026-10-28');
    let files = await icsIn('c-nyj');
    for (let i = 0; i < 50 && files.length < 3; i++, await new Promise((r) => setTimeout(r, 100)))
      files = await icsIn('c-nyj');
    // the first meeting's, the second's, and the second's again after the move: same UID, next SEQUENCE
    expect(files.map((f) => [f.day, f.props.get('DTSTART;TZID=Asia/Shanghai'), f.props.get('SEQUENCE')])).toEqual([
      ['2026-04-23', '20260515T093000', '0'],
      ['2026-10-27', '20261116T093000', '0'],
      ['2026-10-28', '20261120T093000', '1'],
    ]);
    expect(files[2]!.props.get('UID')).toBe(files[1]!.props.get('UID'));
    expect(files[1]!.props.get('UID')).not.toBe(uid);
    await b.kill9();
    await to('2026-12-31');
    const reminders = (await b.botSays('c-nyj')).filter(
      (m) => m.text.startsWith('【会议提醒】') && m.text.includes('HY-2026-002'),
    );
    expect(reminders.map(day)).toEqual(['2026-11-19', '2026-11-20']); // none on 11-13 or 11-16, the old dates
    // and the series goes on: its next meeting proposed in May 2027 (a year without holiday data: 待核)
    const list = await b.answer('c-joint', 'u-liaison', '/会议 列表');
    expect(list).toMatch(/HY-2027-001《府检联动联席会议》2027-05-\d\d（周.）09:30 · 待确认（待核/);
  }, 240_000);
});

describe('meetings: bad input', () => {
  it('refuses a past date, asks to confirm a rest day, refuses minutes before the meeting and an unknown unit, writing nothing', async () => {
    bot = await startBot({ start: '2026-08-03T10:00:00+08:00' });
    const counts = async () => ({
      meetings: await bot!.rt.db.meeting.count(),
      tasks: await bot!.rt.db.matter.count(),
      jobs: await bot!.rt.db.scheduledJob.count({ where: { kind: { startsWith: 'meeting' } } }),
    });
    const before = await counts();
    expect(await bot.answer('c-joint', 'u-liaison', '/会议 新建 日期=2026-07-30 主题=专题会议')).toContain(
      '会议日期 2026-07-30 早于今天（2026-08-03）',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/会议 新建 日期=2026-10-01 主题=专题会议')).toContain(
      '2026-10-01 是国庆节，不是工作日。确定在这一天开会请回复 是',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/会议 计划 频次=每两年')).toContain('频次“每两年”无法识别');
    expect(await bot.answer('c-joint', 'u-liaison', '/会议 计划 频次=每半年 月份=6')).toContain(
      '每半年召开应写 2 个月份',
    );
    expect(await bot.answer('c-scj', 'u-scj', '/会议 新建 日期=2026-09-15 主题=x')).toContain(
      '召集联席会议、记录纪要由牵头单位（示例县人民检察院）的联络员办理',
    );
    expect(await counts()).toEqual(before);
    // 是 confirms the holiday meeting
    expect(await bot.answer('c-joint', 'u-liaison', '是')).toContain(
      '已安排专题会议 HY-2026-001《专题会议》：2026-10-01（周四）',
    );
    // minutes before it is held; then held, with an unknown unit in a resolution
    expect(await bot.answer('c-joint', 'u-liaison', '/纪要 HY-2026-001')).toContain(
      'HY-2026-001 定于 2026-10-01 召开，尚未举行',
    );
    await bot.advance({ days: 60 });
    await bot.answer('c-joint', 'u-liaison', '/纪要 HY-2026-001');
    await bot.answer('c-joint', 'u-liaison', '研究了执法衔接。');
    const refused = await bot.answer('c-joint', 'u-liaison', '清理收费文件｜水务局｜1个月');
    expect(refused).toContain('第 1 行的责任单位“水务局”不在名册中');
    const mid = await counts();
    expect(await bot.answer('c-joint', 'u-liaison', '清理收费文件｜市场监管局')).toContain(
      '第 1 行“清理收费文件”只写了责任单位或期限之一',
    );
    expect(await counts()).toEqual(mid);
    expect(mid.tasks).toBe(before.tasks);
    expect(await bot.answer('c-joint', 'u-liaison', '/会议 查看 HY-2026-009')).toContain(
      '没有编号为 HY-2026-009 的会议',
    );
  });
});

describe('the key-task list and its quarterly circular (季通报)', () => {
  it('asks units with open tasks for progress, then names the units behind schedule with correct counts', async () => {
    bot = await startBot({ start: '2026-07-06T10:00:00+08:00' });
    const task = async (org: string, content: string, period: string) =>
      (await bot!.answer('c-joint', 'u-liaison', `/任务 新建 单位=${org} 内容=${content} 期限=${period}`)).match(
        /RW-2026-\d{3}/,
      )![0];
    const scj1 = await task('市场监管局', '清理涉企收费文件', '1个月'); // due 08-06: overdue by October
    await task('市场监管局', '建立计量监管台账', '6个月'); // due in January: on schedule
    const sfj = await task('司法局', '修订行政执法监督办法', '1个月'); // done on time
    await task('住建局', '排查燃气管道隐患', '15日'); // overdue
    await task('住建局', '整治违建投诉推诿', '1个月'); // overdue
    const nyj = await task('农业农村局', '农资市场联合检查', '15日'); // done late
    expect(scj1).toBe('RW-2026-001');
    // and one recommendation, never answered: the circular carries the statistics too
    await bot.answer('c-joint', 'u-liaison', '/建议 新建 单位=住建局 标题="关于燃气安全的检察建议" 送达=2026-07-06');

    // 司法局 answers in time, and the procuratorate passes it
    await bot.advance({ days: 10 });
    await bot.answer('c-sfj', 'u-sfj', `/反馈 ${sfj}`);
    for (const a of ['已完成修订并印发', '1', '/跳过']) await bot.answer('c-sfj', 'u-sfj', a);
    await bot.answer('c-sfj', 'u-sfj', '确认');
    expect(await bot.answer('c-joint', 'u-liaison', `/评估 ${sfj} 通过 意见=按期完成`)).toContain(`已评估通过 ${sfj}`);
    // 农业农村局 answers after its 15 days
    await bot.advance({ days: 15 });
    await bot.answer('c-nyj', 'u-nyj', `/反馈 ${nyj}`);
    for (const a of ['已开展联合检查 3 次', '1', '/跳过']) await bot.answer('c-nyj', 'u-nyj', a);
    await bot.answer('c-nyj', 'u-nyj', '确认');
    await bot.answer('c-joint', 'u-liaison', `/评估 ${nyj} 通过 意见=已完成`);

    // 09-01: the progress request to each unit with open tasks, once
    await bot.advance({ days: 40 });
    for (const [chat, n] of [
      ['c-scj', 1],
      ['c-zjj', 1],
      ['c-sfj', 0],
      ['c-nyj', 0],
    ] as const)
      expect({
        chat,
        n: (await bot.botSays(chat)).filter((m) => m.text.startsWith('【季度进展报送】2026Q3')).length,
      }).toEqual({ chat, n });
    expect((await bot.botSays('c-zjj')).find((m) => m.text.startsWith('【季度进展报送】'))!.text).toContain(
      '贵单位有 2 项重点任务尚未完成',
    );

    // after the quarter (国庆节 over): the circular to the joint group
    await bot.advance({ days: 40 });
    const circulars = (await bot.botSays('c-joint')).filter((m) => m.text.startsWith('【重点任务季度通报】'));
    expect(circulars).toHaveLength(1);
    const text = circulars[0]!.text;
    expect(text).toContain('【重点任务季度通报】2026Q3');
    expect(text).toContain('· 示例县住房和城乡建设局：未完成 2 件（其中逾期 2 件），已完成 0 件（其中按期 0 件）');
    expect(text).toContain('· 示例县市场监督管理局：未完成 2 件（其中逾期 1 件），已完成 0 件（其中按期 0 件）');
    expect(text).toContain('· 示例县司法局：未完成 0 件（其中逾期 0 件），已完成 1 件（其中按期 1 件）');
    expect(text).toContain('· 示例县农业农村局：未完成 0 件（其中逾期 0 件），已完成 1 件（其中按期 0 件）');
    expect(text).toContain(
      '进度滞后、需加快落实的单位：示例县住房和城乡建设局（逾期 2 件）、示例县市场监督管理局（逾期 1 件）。',
    );
    expect(text).toContain(
      '今年检察建议办理情况：\n· 示例县住房和城乡建设局：收到 1 件，按期反馈率 0%，整改到位 0 件，目前逾期 1 件',
    );
    // the list by unit says the same
    expect(await bot.answer('c-joint', 'u-liaison', '/任务清单 住建局')).toContain(
      '示例县住房和城乡建设局：未完成 2 件（其中逾期 2 件）',
    );
  });
});
