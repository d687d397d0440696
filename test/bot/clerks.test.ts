// The recommendation's life as clerks meet it (issue 8): second clicks, stale cards,
// stray replies, quotes, two people in one group, abbreviations, typos — through the
// sandbox JSON API on the simulated clock, with dates the other tests don't use.
import { afterEach, describe, expect, it } from 'vitest';
import { type Msg, startBot, type TestBot } from '../support/bot.js';

let bot: TestBot;
afterEach(async () => {
  await bot?.stop();
});

const REGISTER = '/建议 新建 单位=市场监管局 标题=关于规范农贸市场计量器具的检察建议 送达=2026-03-09';
const texts = (list: Msg[]) => list.map((m) => m.text).join('\n');
const lastCard = async (chat: string, pred: (m: Msg) => boolean = () => true) =>
  (await bot.botSays(chat)).filter((m) => m.card && pred(m)).at(-1)!;
const formCard = (chat: string) => lastCard(chat, (m) => Boolean(m.card!.form));

async function openReply(chat = 'c-scj', who = 'u-scj', code = 'JY-2026-001'): Promise<Msg> {
  await bot.answer(chat, who, `/反馈 ${code}`);
  return formCard(chat);
}

describe('cards act once, and say where they stand', () => {
  it('records one reply for two clicks on 提交, and refuses the second saying why', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    const card = await openReply();
    const values = { measures: '已对 6 个农贸市场的计量器具开展检定', rectStatus: 'done' };
    const first = await bot.act(card.id, 'u-scj', 'submit', values);
    expect(texts(first.body.replies)).toContain('第 1 次整改反馈');
    const second = await bot.act(card.id, 'u-scj', 'submit', values);
    expect(texts(second.body.replies)).toMatch(
      /这张卡片已于 2026-03-10 10:00 由 张敏 处理（提交第 1 次整改反馈），无需重复操作/,
    );
    expect(await bot.rt.db.reply.count()).toBe(1);
    expect((await bot.botSays('c-joint')).filter((m) => m.card?.title === '整改反馈待评估 JY-2026-001')).toHaveLength(
      1,
    );
    // the form card was closed on the page: same card, no form, who used it
    const updates = await bot.cardUpdates('c-scj');
    const closed = updates.find((u) => u.updates === card.id)!;
    expect(closed.card!.form).toBeUndefined();
    expect(closed.card!.closedNote).toBe('已由 张敏 于 2026-03-10 10:00 处理：提交第 1 次整改反馈');
  });

  it('refuses an older form card, and one whose text form timed out', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    const older = await openReply();
    await bot.answer('c-scj', 'u-scj', '/取消');
    const newer = await openReply();
    const refused = await bot.act(older.id, 'u-scj', 'submit', { measures: '旧卡片', rectStatus: 'done' });
    expect(texts(refused.body.replies)).toContain('表单卡片已失效');
    expect(await bot.rt.db.reply.count()).toBe(0);

    await bot.advance({ minutes: 31 }); // the text form behind the newer card times out
    expect(texts(await bot.botSays('c-scj'))).toContain('已超过 30 分钟未回复');
    const late = await bot.act(newer.id, 'u-scj', 'submit', { measures: '超时后提交', rectStatus: 'done' });
    expect(texts(late.body.replies)).toContain('表单卡片已失效');
    expect(await bot.rt.db.reply.count()).toBe(0);
  });

  it('closes the notice card whose button opened the form, and refuses a click on it after', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    const notice = await lastCard('c-scj');
    await bot.act(notice.id, 'u-scj', '/反馈 JY-2026-001');
    for (const a of ['已完成整改', '1', '/跳过', '确认']) await bot.say('c-scj', 'u-scj', a);
    expect(await bot.rt.db.reply.count()).toBe(1);
    expect((await bot.cardUpdates('c-scj')).some((u) => u.updates === notice.id && u.card!.buttons.length === 0)).toBe(
      true,
    );
    const again = await bot.act(notice.id, 'u-scj', '/反馈 JY-2026-001');
    expect(texts(again.body.replies)).toContain('由 张敏 处理（提交第 1 次整改反馈）');
    expect(await bot.rt.db.formSession.count()).toBe(0);
  });

  it('says 您已在填写 for a second click on 填写整改反馈, instead of a new form', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    const notice = await lastCard('c-scj');
    await bot.act(notice.id, 'u-scj', '/反馈 JY-2026-001');
    await bot.say('c-scj', 'u-scj', '第一条措施');
    const again = await bot.act(notice.id, 'u-scj', '/反馈 JY-2026-001');
    const said = texts(again.body.replies);
    expect(said).toContain('您已在填写《整改反馈》');
    expect(said).toContain('（第 2 项，共 3–4 项）请选择整改状态');
    expect((await bot.botSays('c-scj')).filter((m) => m.card?.form)).toHaveLength(1);
  });

  it('lets nobody evaluate their own reply or decide their own extension', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    // 王芳 is liaison and admin: she may fill the agency's form as admin…
    await bot.say('c-scj', 'u-admin', '/延期 JY-2026-001 期限=15日 理由=等待检测');
    expect(await bot.answer('c-joint', 'u-admin', '/延期 JY-2026-001 批准')).toContain('是您本人提出的，不能由您答复');
    expect(await bot.rt.db.extensionRequest.count({ where: { status: 'pending' } })).toBe(1);
    await bot.answer('c-joint', 'u-liaison', '/延期 JY-2026-001 驳回 意见=期限充足');
    await openReply('c-scj', 'u-admin');
    for (const a of ['已整改', '1', '/跳过', '确认']) await bot.say('c-scj', 'u-admin', a);
    expect(await bot.answer('c-joint', 'u-admin', '/评估 JY-2026-001 通过 意见=好')).toContain(
      '是您本人提交的，不能由您评估',
    );
    expect((await bot.rt.db.matter.findFirst())!.status).toBe('replied');
    expect(await bot.answer('c-joint', 'u-liaison', '/评估 JY-2026-001 通过 意见=整改到位')).toContain('已评估通过');
  });
});

describe('forms count honestly and keep what was typed', () => {
  it('asks all four registration questions, names the default, refuses a future served date as typed', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    let said = await bot.answer('c-joint', 'u-liaison', '/建议 新建');
    expect(said).toContain('（第 1 项，共 4 项）请填写被建议单位');
    said = await bot.answer('c-joint', 'u-liaison', '县住建局');
    expect(said).toContain('（第 2 项，共 4 项）');
    said = await bot.answer('c-joint', 'u-liaison', '关于燃气管道巡检的检察建议');
    expect(said).toContain('（第 3 项，共 4 项）');
    said = await bot.answer('c-joint', 'u-liaison', '2026-03-20');
    expect(said).toContain('日期不能晚于今天（2026-03-10）');
    said = await bot.answer('c-joint', 'u-liaison', '2026-03-02');
    expect(said).toContain('（第 4 项，共 4 项）请填写回复期限');
    said = await bot.answer('c-joint', 'u-liaison', '/跳过');
    expect(said).toContain('回复期限：2个月（默认）');
    expect(said).toContain('期限届满：2026-05-06'); // 05-02 falls in 劳动节 (05-01..05)
    expect(said).not.toContain('（未填）');

    // three stray replies at the review keep every answer and say the choices
    for (const stray of ['好的', '稍等', '？？'])
      expect(await bot.answer('c-joint', 'u-liaison', stray)).toContain('已填写的内容都保留着。请回复“确认”提交');
    said = await bot.answer('c-joint', 'u-liaison', '确认');
    expect(said).toContain('已登记检察建议 JY-2026-001，被建议单位：示例县住房和城乡建设局');
  });

  it('counts the rectification form as 3–4 until the status decides, then exactly', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    expect(await bot.answer('c-scj', 'u-scj', '/反馈 JY-2026-001')).toContain('（第 1 项，共 3–4 项）');
    expect(await bot.answer('c-scj', 'u-scj', '已检定 6 个市场')).toContain('（第 2 项，共 3–4 项）');
    expect(await bot.answer('c-scj', 'u-scj', '正在整改')).toContain('（第 3 项，共 4 项）请填写预计完成日期');
    expect(await bot.answer('c-scj', 'u-scj', '2026-04-30')).toContain('（第 4 项，共 4 项）');
  });

  it('uses the text of a quoted reminder as the first answer, and says so', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    const notice = await lastCard('c-scj');
    const said = await bot.answer('c-scj', 'u-scj', '收到，我局正在整改，下周报送材料', { quoteMessageId: notice.id });
    expect(said).toContain('已将您引用回复的内容作为“整改措施”：收到，我局正在整改，下周报送材料');
    expect(said).toContain('（第 2 项，共 3–4 项）请选择整改状态');
    const session = await bot.rt.db.formSession.findFirst();
    expect(JSON.parse(session!.answers).measures).toBe('收到，我局正在整改，下周报送材料');
  });

  it('addresses each prompt to its person when two fill forms in one group', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    const cur = await bot.lastCursor('c-scj');
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001');
    await bot.say('c-scj', 'u-admin', '/延期 JY-2026-001');
    const said = (await bot.botSays('c-scj', cur)).filter((m) => !m.card).map((m) => m.text);
    expect(
      said.filter((t) => t.includes('请填写已采取或将要采取的整改措施')).every((t) => t.startsWith('张敏：')),
    ).toBe(true);
    expect(said.filter((t) => t.includes('请填写需要延长的期限')).every((t) => t.startsWith('王芳：'))).toBe(true);
    expect(said.some((t) => t.startsWith('王芳：'))).toBe(true);
  });

  it('opens a form for 评估通过 (opinion, then confirm) and 退回 (opinion and new period)', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.say('c-joint', 'u-liaison', REGISTER.replace('计量器具', '食品留样'));
    for (const code of ['JY-2026-001', 'JY-2026-002']) {
      await bot.say('c-scj', 'u-scj', `/反馈 ${code}`);
      for (const a of ['已整改', '1', '/跳过', '确认']) await bot.say('c-scj', 'u-scj', a);
    }
    const cards = (await bot.botSays('c-joint')).filter((m) => m.card?.title.startsWith('整改反馈待评估'));
    let r = await bot.act(cards[0]!.id, 'u-liaison', '/评估 JY-2026-001 通过');
    expect(texts(r.body.replies)).toContain('请用一句话填写评估意见');
    expect(await bot.answer('c-joint', 'u-liaison', '整改到位')).toContain('请核对《评估通过》');
    expect((await bot.rt.db.matter.findUnique({ where: { code: 'JY-2026-001' } }))!.status).toBe('replied');
    expect(await bot.answer('c-joint', 'u-liaison', '确认')).toContain('已评估通过 JY-2026-001');

    r = await bot.act(cards[1]!.id, 'u-liaison', '/评估 JY-2026-002 退回');
    expect(texts(r.body.replies)).toContain('请填写跟进监督意见');
    expect(await bot.answer('c-joint', 'u-liaison', '留样记录不全')).toContain('请填写重新整改的期限');
    const review = await bot.answer('c-joint', 'u-liaison', '15日');
    expect(review).toContain('期限届满：2026-03-25');
    expect(await bot.answer('c-joint', 'u-liaison', '确认')).toContain('已就 JY-2026-002《');

    // a closed matter says it is closed
    expect(await bot.answer('c-joint', 'u-liaison', '/评估 JY-2026-001 通过 意见=再次')).toContain(
      'JY-2026-001 已于 2026-03-10 办结，无需再办理',
    );
    // the used evaluation card refuses a second click
    r = await bot.act(cards[0]!.id, 'u-liaison', '/评估 JY-2026-001 通过');
    expect(texts(r.body.replies)).toContain('由 李明 处理（评估通过）');
  });
});

describe('the evaluator sees what was reported; notices say what is true', () => {
  it('shows the measures, status, expected date and files on the card and in /状态, with earlier replies', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001');
    const pdf = Buffer.from('%PDF-1.4 检定报告').toString('base64');
    for (const a of ['已对 6 个市场的 240 台计量器具开展检定', '2', '2026-04-30']) await bot.say('c-scj', 'u-scj', a);
    await bot.say('c-scj', 'u-scj', '', { attachments: [{ name: '检定报告.pdf', data: pdf }] });
    await bot.say('c-scj', 'u-scj', '确认');
    const card = await lastCard('c-joint', (m) => m.card!.title.startsWith('正在整改')); // a 正在整改 reply: still owed, by the expected date
    expect(card.card!.body).toContain('已对 6 个市场的 240 台计量器具开展检定');
    expect(card.card!.fields).toEqual(
      expect.arrayContaining([
        { label: '整改状态', value: '正在整改' },
        { label: '预计完成', value: '2026-04-30' },
        { label: '附件', value: '检定报告.pdf' },
      ]),
    );
    expect(card.text).toContain('已对 6 个市场的 240 台计量器具开展检定');

    const status = await bot.answer('c-joint', 'u-liaison', '/状态JY-2026-001');
    expect(status).toContain('最近一次整改反馈');
    expect(status).toContain('预计完成：2026-04-30');
    expect(status).toContain('附件：检定报告.pdf');

    // the file itself was kept, and can be sent again and downloaded
    const stored = await bot.rt.db.storedFile.findFirst();
    expect(stored).toMatchObject({ name: '检定报告.pdf', size: Buffer.from(pdf, 'base64').length });
    expect(stored!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const cur = await bot.lastCursor('c-joint');
    await bot.say('c-joint', 'u-liaison', '/附件 JY-2026-001');
    const sent = (await bot.botSays('c-joint', cur)).find((m) => m.attachments?.length);
    expect(sent!.attachments![0]!.name).toBe('检定报告.pdf');
    const download = await fetch(`${bot.base}/files/${sent!.attachments![0]!.ref.slice(5)}`);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('%PDF-1.4 检定报告');
  });

  it('refuses an executable or an oversized file with the reason, and keeps the form', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00', env: { LIANDONG_FILE_MAX_MB: '1' } });
    await bot.say('c-joint', 'u-liaison', REGISTER);
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001');
    for (const a of ['已整改', '1']) await bot.say('c-scj', 'u-scj', a);
    let said = await bot.answer('c-scj', 'u-scj', '', {
      attachments: [{ name: '报告.pdf.exe', data: Buffer.from('MZ\x90\x00').toString('base64') }],
    });
    expect(said).toContain('附件“报告.pdf.exe”未能保存：不接受可执行文件');
    said = await bot.answer('c-scj', 'u-scj', '', {
      attachments: [{ name: '照片.jpg', data: Buffer.alloc(1_200_000, 1).toString('base64') }],
    });
    expect(said).toContain('文件过大');
    expect(await bot.rt.db.storedFile.count()).toBe(0);
    expect(await bot.answer('c-scj', 'u-scj', '/跳过')).toContain('请核对《整改反馈》');
  });

  it('says how much time is left, how late it is, and tells the joint group when it is overdue', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER.replace('送达=2026-03-09', '送达=2026-03-10 期限=15日'));
    await bot.advance({ days: 30 });
    const cards = (await bot.botSays('c-scj')).filter((m) => m.card);
    const field = (m: Msg, label: string) => m.card!.fields!.find((f) => f.label === label)?.value;
    const t3 = cards.find((m) => m.text.includes('还剩 3 个工作日'))!;
    expect(field(t3, '期限状态')).toBe('还剩 3 个工作日');
    const overdue = cards.find((m) => m.card!.title.startsWith('逾期通知'))!;
    expect(field(overdue, '期限状态')).toMatch(/^已逾期 \d+ 天$/);
    expect(field(overdue, '状态')).toContain('已逾期');
    const joint = (await bot.botSays('c-joint')).filter((m) => m.text.startsWith('【逾期】'));
    expect(joint).toHaveLength(1);
    expect(joint[0]!.text).toContain('已于 2026-03-25 到期');
  });

  it('shows a closed matter as closed, with whether it was answered on time', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    await bot.say('c-joint', 'u-liaison', REGISTER.replace('送达=2026-03-09', '送达=2026-03-10 期限=15日'));
    await bot.advance({ days: 20 }); // 2026-03-30: five days late
    await bot.say('c-scj', 'u-scj', '/反馈 JY-2026-001');
    for (const a of ['已整改', '1', '/跳过', '确认']) await bot.say('c-scj', 'u-scj', a);
    await bot.say('c-joint', 'u-liaison', '/评估 JY-2026-001 通过 意见=到位');
    const status = await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-001');
    expect(status).toContain('已于 2026-03-30 办结，反馈逾期 5 天');
    expect(status).toContain('当前状态：已办结');
    expect(status).not.toContain('已逾期');
  });

  it('registers an already overdue matter only after confirmation, notifies once, escalates from the notice', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    let said = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题=关于过期食品下架的检察建议 送达=2025-12-01',
    );
    expect(said).toContain('期限已于 2026-02-02 届满（已逾期 36 天）');
    expect(await bot.rt.db.matter.count()).toBe(0);
    said = await bot.answer('c-joint', 'u-liaison', '确认');
    expect(said).toContain('已登记检察建议 JY-2025-001');
    expect(said).toContain('期限已于 2026-02-02 届满');
    await bot.advance({ days: 14 });
    const sup = (await bot.botSays('c-supervisor')).map((m) => ({ text: m.text, at: m.createdAt }));
    expect(sup.filter((m) => m.text.startsWith('【督办】'))).toHaveLength(1);
    const notice = sup.find((m) => m.text.startsWith('【督办】'))!;
    const escalation = (await bot.botSays('c-leaders')).filter((m) => m.text.startsWith('【提级督办】'));
    expect(escalation).toHaveLength(1);
    // five working days after the notice (2026-03-10 → 2026-03-17), not right away
    expect(notice.at.slice(0, 10)).toBe('2026-03-10');
    expect(escalation[0]!.createdAt.slice(0, 10)).toBe('2026-03-17');
    expect(escalation[0]!.text).toContain('逾期通知发出 5 个工作日后仍未反馈');
  });

  it('says why a due date on a Saturday is a working day', async () => {
    bot = await startBot({ start: '2026-02-10T10:00:00+08:00' });
    await bot.say(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监管局 标题=关于春节市场保供的检察建议 送达=2026-01-28 期限=1个月',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/状态 JY-2026-001')).toContain(
      '期限届满：2026-02-28（周六，春节调休上班）',
    );
  });
});

describe('dates, names and commands that people really type', () => {
  it.each([
    ['/建议 新建 单位=市场监管局 标题=X 送达=0026-03-01', '年份超出范围：只支持 2000–2099 年'],
    ['/建议 新建 单位=市场监管局 标题=X 送达=2026-03-01 期限=3650年', '期限“3650年”过长：最长 5年'],
    ['/建议 新建 单位=市场监管局 标题=X 送达=2026-03-01 期限=999年', '过长'],
    ['/建议 新建 单位=市场监管局 标题=X 送达=2026-03-01 期限=-3日', '应为正数'],
    ['/建议 新建 单位=督查室 标题=X 送达=2026-03-01', '“示例县人民政府督查室”不是本机制中的被建议单位（政府工作部门）'],
    ['/建议 新建 单位=司法局 标题=X 送达=2026-03-01', '“示例县司法局”不是本机制中的被建议单位（政府工作部门）'],
    ['/建议 新建 单位=县政府 标题=X 送达=2026-03-01', '“示例县人民政府”不是本机制中的被建议单位（政府工作部门）'],
    ['/建议 新建 单位=市场监管局 单位=应急局 标题=X 送达=2026-03-01', '参数“单位”写了不止一次'],
    ['/建议 新建 单位=市场监管局 标题=\u200b\u200b 送达=2026-03-01', '“标题”只有看不见的字符'],
    ['/建议 新建 单位=市场监管局 标题=关于\u0007检察建议 送达=2026-03-01', '“标题”含有控制字符'],
    ['/台仗', '您是不是要 /台账'],
    ['/STAUTS JY-2026-001', '没有“/STAUTS”这个命令。您是不是要 /status'],
  ])('%s', async (text, expected) => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    expect(await bot.answer('c-joint', 'u-liaison', text)).toContain(expected);
    expect(await bot.rt.db.matter.count()).toBe(0);
  });

  it('reads local abbreviations, asks 是否指 for a near miss, and takes 是', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    expect(
      await bot.answer(
        'c-joint',
        'u-liaison',
        '/建议 新建 单位=示例县住建局 标题=关于燃气安全的检察建议 送达=2026-03-09',
      ),
    ).toContain('被建议单位：示例县住房和城乡建设局');
    expect(
      await bot.answer('c-joint', 'u-liaison', '/REC NEW 单位=县住建局 标题=关于工地扬尘的检察建议 送达=2026-03-09'),
    ).toContain('JY-2026-002');
    const asked = await bot.answer(
      'c-joint',
      'u-liaison',
      '/建议 新建 单位=市场监督局 标题=关于计量的检察建议 送达=2026-03-09',
    );
    expect(asked).toContain('是否指 示例县市场监督管理局？回复 是');
    expect(await bot.rt.db.matter.count()).toBe(2);
    expect(await bot.answer('c-joint', 'u-liaison', '是')).toContain(
      '已登记检察建议 JY-2026-003，被建议单位：示例县市场监督管理局',
    );
    expect(await bot.answer('c-joint', 'u-liaison', '是')).toBe(''); // taken once
    expect(await bot.answer('c-joint', 'u-liaison', '/台帐')).toContain('未办结 3 件');
    expect(await bot.answer('c-joint', 'u-liaison', '/状态JY-2026-003')).toContain('关于计量的检察建议');
  });

  it('answers 帮助 without the slash in a group and in a direct chat', async () => {
    bot = await startBot({ start: '2026-03-10T10:00:00+08:00' });
    expect(await bot.answer('c-scj', 'u-scj', '帮助')).toContain('可用命令');
    expect(await bot.answer('dm:u-scj', 'u-scj', 'help')).toContain('可用命令');
    expect(await bot.answer('c-scj', 'u-scj', '今天开会吗')).toBe(''); // other chatter stays ignored
  });
});
