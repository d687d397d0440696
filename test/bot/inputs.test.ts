// Bad input never crashes and never leaves a half-written record; every refusal says
// what was wrong and what to type instead.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterChanged } from '../../src/store/roster.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot({ start: '2026-09-10T10:00:00+08:00' });
});
afterAll(() => bot.stop());

const answer: TestBot['answer'] = (...args) => bot.answer(...args);

describe('commands and their mistakes', () => {
  it.each([
    ['/建议 新建 单位=市场监管局 标题=X 送达=2026-02-30', '日期“2026-02-30”无法识别'],
    ['/建议 新建 单位=市场监管局 标题=X 送达=2026-09-01 期限=2x', '期限“2x”无法识别，可写：15日'],
    ['/建议 新建 单位=局 标题=X 送达=2026-09-01', '对应多个单位'],
    ['/建议 新建 单位=税务局 标题=X 送达=2026-09-01', '名册中没有“税务局”'],
    ['/建议 新建 单位=检察院 标题=X 送达=2026-09-01', '“示例县人民检察院”不是本机制中的被建议单位（政府工作部门）'],
    ['/建议 新建 单位=市场监管局 标题=X 送达=2026-12-01', '晚于今天'],
    ['/建议 新建 单位=市场监管局 颜色=红 标题=X 送达=2026-09-01', '无法识别参数“颜色”'],
    ['/建议 删除', '命令格式不对。正确写法：/建议 新建'],
    [`/建议 新建 单位=市场监管局 标题=${'长'.repeat(201)} 送达=2026-09-01`, '“标题”过长（201 字）'],
    ['/评估 JY-2026-999 通过', '没有编号为 JY-2026-999 的事项'],
    ['/评估 hello 通过', '不是有效的事项编号'],
    ['/评估', '请写明事项编号'],
    ['/发射', '没有“/发射”这个命令'],
    ['/取消', '没有正在填写的表单'],
  ])('%s', async (text, expected) => {
    expect(await answer('c-joint', 'u-liaison', text)).toContain(expected);
    expect(await bot.rt.db.matter.count()).toBe(0);
  });

  it('names an ambiguous organisation’s candidates', async () => {
    const text = await answer('c-joint', 'u-liaison', '/建议 新建 单位=局 标题=X 送达=2026-09-01');
    expect(text).toContain('示例县市场监督管理局');
    expect(text).toContain('示例县应急管理局');
  });

  it('refuses a command to a role that may not use it, saying who may', async () => {
    expect(await answer('c-scj', 'u-scj', '/建议 新建 单位=市场监管局 标题=X 送达=2026-09-01')).toContain(
      '仅限检察院的联络员使用',
    );
    expect(await bot.rt.db.matter.count()).toBe(0);
  });

  it('lets a guest see /帮助 only', async () => {
    expect(await answer('c-scj', 'stranger', '/帮助')).toContain('请把您的用户 ID（stranger）发给管理员');
    expect(await answer('c-scj', 'stranger', '/台账')).toContain('只能使用 /帮助');
  });

  it('shows each role only its own commands in /帮助', async () => {
    const officer = await answer('c-scj', 'u-scj', '/help');
    expect(officer).toContain('/反馈 编号');
    expect(officer).not.toContain('/建议 新建');
    expect(officer).not.toContain('/绑定');
    const admin = await answer('c-joint', 'u-admin', '/帮助');
    expect(admin).toContain('/绑定');
    expect(admin).toContain('/建议 新建');
  });

  it('accepts English aliases, full-width separators and “” quotes', async () => {
    const text = await answer(
      'c-joint',
      'u-liaison',
      '/rec new org：应急局 title=“关于 消防通道 的检察建议” served=2026/9/1 period=15d',
    );
    expect(text).toContain('已登记检察建议 JY-2026-001');
    expect(text).toContain('期限届满日：2026-09-16');
    const m = await bot.rt.db.matter.findUnique({ where: { code: 'JY-2026-001' } });
    expect(m?.title).toBe('关于 消防通道 的检察建议');
  });

  it('keeps another agency out of a matter', async () => {
    expect(await answer('c-zrzy', 'u-zrzy', '/反馈 JY-2026-001')).toContain('只有该单位的经办人可以办理');
    expect(await answer('c-zrzy', 'u-zrzy', '/状态 JY-2026-001')).toContain('不是本单位的事项');
  });

  it('asks for what is missing with a form, and registers after 确认', async () => {
    let text = await answer('c-joint', 'u-liaison', '/建议 新建 单位=住建局');
    expect(text).toContain('请填写检察建议的标题');
    text = await answer('c-joint', 'u-liaison', '关于燃气安全的检察建议');
    expect(text).toContain('送达日期');
    text = await answer('c-joint', 'u-liaison', '九月一日');
    expect(text).toContain('日期无法识别');
    expect(text).toContain('还可以再试 2 次');
    text = await answer('c-joint', 'u-liaison', '2026-09-02');
    // the optional period is asked, counted honestly, and its default named
    expect(text).toContain('（第 3 项，共 3 项）请填写回复期限');
    expect(text).toContain('回复 /跳过 使用默认值：2个月');
    text = await answer('c-joint', 'u-liaison', '/跳过');
    expect(text).toContain('责任单位：示例县住房和城乡建设局');
    expect(text).toContain('回复期限：2个月（默认）');
    expect(text).toContain('期限届满：2026-11-02');
    expect(await bot.rt.db.matter.count()).toBe(1); // nothing saved before 确认
    text = await answer('c-joint', 'u-liaison', '确认');
    expect(text).toContain('已登记检察建议 JY-2026-002');
    expect(text).toContain('期限届满日：2026-11-02'); // default 2个月 from 09-02, 11-02 is a Monday
  });

  it('refuses a recommendation to an agency with no bound group, saying what is missing', async () => {
    await bot.rt.db.chatBinding.deleteMany({ where: { chatId: 'c-nyj' } });
    rosterChanged(); // edited behind the bot's back: it reads the roster again
    const before = await bot.rt.db.matter.count();
    const text = await answer('c-joint', 'u-liaison', '/建议 新建 单位=农业农村局 标题=X 送达=2026-09-01');
    expect(text).toContain('“示例县农业农村局”还没有绑定工作群');
    expect(text).toContain('/绑定 示例县农业农村局');
    expect(await bot.rt.db.matter.count()).toBe(before);
  });

  it('lets an admin bind a group, with a purpose word', async () => {
    expect(await answer('c-nyj', 'u-admin', '/绑定 农业农村局')).toContain(
      '已将本群绑定为“示例县农业农村局”的单位工作群',
    );
    expect(await answer('c-nyj', 'u-admin', '/绑定 督查室 督办')).toContain('督办群');
    expect(await answer('c-nyj', 'u-admin', '/绑定 督查室 飞机')).toContain('群用途“飞机”无法识别');
    expect(await answer('c-nyj', 'u-liaison', '/绑定 农业农村局')).toContain('仅限管理员使用');
    expect(await answer('dm:u-admin', 'u-admin', '/绑定 农业农村局')).toContain('请在要绑定的群里');
  });

  it('lists a new group before it is bound, and binds it', async () => {
    expect(await answer('c-new-group', 'u-admin', '/绑定 应急局')).toContain('示例县应急管理局');
    const chats = (await bot.request('GET', '/api/chats')).body as Array<{
      id: string;
      purpose: string;
      orgName: string;
    }>;
    expect(chats.find((c) => c.id === 'c-new-group')).toMatchObject({ purpose: 'agency', orgName: '示例县应急管理局' });
  });
});

describe('the JSON API refuses bad requests with 400, never a crash', () => {
  it.each([
    ['POST', '/api/chats/c-joint/messages', { text: 'x' }, 400, '缺少 senderId'],
    ['POST', '/api/chats/c-joint/messages', { senderId: 'u-liaison' }, 400, '缺少 text'],
    ['POST', '/api/chats/c-joint/messages', { senderId: 1, text: 'x' }, 400, 'senderId 应为字符串'],
    ['POST', '/api/chats/bad%20id!/messages', { senderId: 'u-liaison', text: 'x' }, 400, '只能由字母'],
    ['POST', '/api/chats/dm:u-scj/messages', { senderId: 'u-liaison', text: 'x' }, 400, '自己的私聊'],
    [
      'POST',
      '/api/chats/c-joint/messages',
      { senderId: 'u-liaison', text: 'x', quoteMessageId: 'zzz' },
      400,
      '没有 zzz',
    ],
    ['GET', '/api/chats/c-joint/messages?after=abc', undefined, 400, '游标'],
    ['GET', '/api/chats/c-joint/messages?after=99999999999', undefined, 400, '游标'],
    ['GET', '/api/chats/%E0%A4%A/messages', undefined, 400, '百分号编码'],
    ['POST', '/api/chats/c-joint/messages', { senderId: 'u-liaison', text: '/帮助\ud800' }, 400, '无效的字符'],
    ['POST', '/api/clock/advance', { days: -1 }, 400, '非负数'],
    ['POST', '/api/clock/advance', {}, 400, 'minutes 或 days'],
    ['POST', '/api/messages/nope/actions', { senderId: 'u-scj', action: 'x' }, 404, '没有这张卡片'],
    ['GET', '/api/nothing', undefined, 404, '没有这个地址'],
  ])('%s %s', async (method, path, body, status, error) => {
    const r = await bot.request(method, path, body);
    expect(r.status).toBe(status);
    expect(r.body.error).toContain(error);
  });

  it('rejects a body that is not JSON', async () => {
    const r = await fetch(`${bot.base}/api/chats/c-joint/messages`, { method: 'POST', body: '{oops' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toContain('JSON');
  });

  it('answers 409 for a clock advance on the real clock', async () => {
    const real = await startBot({ env: { LIANDONG_CLOCK: 'real' } });
    try {
      const r = await real.advance({ days: 1 });
      expect(r.status).toBe(409);
      expect((await real.request('GET', '/api/clock')).body.simulated).toBe(false);
    } finally {
      await real.stop();
    }
  });
});
