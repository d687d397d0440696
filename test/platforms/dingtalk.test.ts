// DingTalk (钉钉 / 政务钉钉 / 专属钉钉) with the REAL Stream SDK (dingtalk-stream, through the bot's
// subclass of its DWClient) against a local fake of the gateway, the stream WebSocket and the
// OpenAPI (test/support/dingtalk-fake.ts). Simulated clock; each test one bot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/store/outbox.js';
import { DingtalkWorld, TOPIC_CARD, TOPIC_ROBOT } from '../support/dingtalk-bot.js';

let w: DingtalkWorld;
beforeEach(async () => {
  w = new DingtalkWorld();
  await w.start();
});
afterEach(() => w.stop());

const REGISTER = '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01';
const GROUPS = ['cidJoint==', 'cidSup==', 'cidScj==', 'cidSfj==', 'cidJw=='];
const buttonsOf = (card: { params: Record<string, string> }) =>
  JSON.parse(card.params.buttons!) as Array<{ text: string; command: string }>;

describe('DingTalk stream', () => {
  it('opens the stream through the configured gateway, and answers an @-message in a group and a direct message', async () => {
    await w.boot();
    expect(w.fake.opens[0]!.subscriptions).toEqual(
      expect.arrayContaining([
        { type: 'CALLBACK', topic: TOPIC_ROBOT },
        { type: 'CALLBACK', topic: TOPIC_CARD },
      ]),
    );
    await w.say('cidJoint==', 'liming01', '/帮助');
    expect(w.fake.textsTo('cidJoint==')[0]).toContain('您好，李明');
    expect(w.fake.sent[0]!.msgKey).toBe('sampleMarkdown');
    // a direct chat needs no @, and is answered by userId (oToMessages/batchSend)
    await w.say(undefined, 'zhangmin01', '/帮助');
    expect(w.fake.textsTo('zhangmin01')[0]).toContain('您好，张敏');
    // someone not in the roster learns the userId to give the administrator (README step 6)
    await w.say(undefined, 'manager4220', '/帮助');
    expect(w.fake.textsTo('manager4220').join('\n')).toContain('manager4220');
    // the stream's ping is answered by the SDK with the same messageId
    const ping = w.fake.ping();
    await expect.poll(() => w.fake.upstream.some((f) => f.headers?.messageId === ping && f.code === 200)).toBe(true);
  });

  it('acknowledges only what it stored: a frame delivered twice is handled once, one stored before a crash after the restart', async () => {
    const file = await w.boot();
    const data = w.message(
      { chat: 'cidJoint==', user: 'liming01', msgId: 'm-dup' },
      { msgtype: 'text', text: { content: '/帮助' } },
    );
    w.fake.push(TOPIC_ROBOT, data);
    await w.settled('m-dup');
    expect(w.fake.unacked.size).toBe(0);
    w.fake.push(TOPIC_ROBOT, data); // DingTalk delivers it again (another stream messageId)
    await expect.poll(() => w.fake.unacked.size).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(w.fake.textsTo('cidJoint==')).toHaveLength(1);
    // processing fails (as if the process died after storing the frame): stored and acknowledged, it waits in the inbox
    w.bot.app.receive = async () => {
      throw new Error('crash');
    };
    const crash = w.message(
      { chat: 'cidJoint==', user: 'liming01', msgId: 'm-crash' },
      { msgtype: 'text', text: { content: '/帮助' } },
    );
    w.fake.push(TOPIC_ROBOT, crash);
    await expect.poll(() => w.bot.db.platformInbox.count({ where: { processedAt: null } }), { interval: 10 }).toBe(1);
    expect(w.fake.unacked.size).toBe(0);
    await w.bot.stop();
    await w.boot(file);
    await w.settled('m-crash');
    expect(w.fake.textsTo('cidJoint==')).toHaveLength(2);
  });
});

describe('DingTalk: the recommendation’s story', () => {
  it('registration → notice card → form answered with @ in the group → the card closes in place; evaluation', async () => {
    await w.boot();
    await w.say('cidJoint==', 'liming01', REGISTER);
    expect(w.fake.textsTo('cidJoint==')[0]).toContain('已登记检察建议 JY-2026-001');
    const [notice] = w.fake.cardsTo('cidScj==');
    expect(notice!.params).toMatchObject({ title: '检察建议送达通知 JY-2026-001', closed: 'false' });
    expect(notice!.outTrackId).toMatch(/^ld_[0-9a-f]{40}$/);
    expect(buttonsOf(notice!).map((b) => b.text)).toEqual(['填写整改反馈', '申请延期', '查看详情']);
    expect(notice!.params.markdown).toContain('期限届满：2026-11-02');

    // 填写整改反馈: the text form starts in the group; each prompt names 张敏 and says to @ the robot
    await w.click('cidScj==', 'zhangmin01', '填写整改反馈');
    const prompt = w.fake.textsTo('cidScj==').at(-1)!;
    expect(prompt).toMatch(/^张敏：/);
    expect(prompt).toContain('请先 @机器人');
    for (const answer of ['已检查全县 12 所学校食堂', '1', '/跳过']) await w.say('cidScj==', 'zhangmin01', answer);
    expect(w.fake.textsTo('cidScj==').at(-1)).toContain('整改措施：已检查全县 12 所学校食堂');
    await w.say('cidScj==', 'zhangmin01', '确认');
    expect(await w.bot.db.reply.count()).toBe(1);

    // the notice card was updated (PUT /v1.0/card/instances) to its closed form: no buttons, who used it
    expect(w.fake.updates).toHaveLength(1);
    const closed = w.fake.updates[0]!;
    expect(closed.outTrackId).toBe(notice!.outTrackId);
    expect(closed.params.closed).toBe('true');
    expect(JSON.parse(closed.params.buttons!)).toEqual([]);
    expect(closed.params.markdown).toContain('已由 张敏 于 2026-09-01 10:00 处理：提交第 1 次整改反馈');
    // clicking the closed card again is refused, saying who used it
    const again = w.clickRaw({
      user: 'zhangmin01',
      outTrackId: notice!.outTrackId,
      command: '/反馈 JY-2026-001',
      space: 'IM_GROUP',
      spaceId: 'cidScj==',
    });
    await w.settled(`card:${again}`);
    expect(w.fake.textsTo('cidScj==').at(-1)).toContain('这张卡片已于 2026-09-01 10:00 由 张敏 处理');

    // the joint group's card: 评估通过 clicked, the opinion written, confirmed; that card closes too
    const [pending] = w.fake.cardsTo('cidJoint==');
    expect(pending!.params.title).toBe('整改反馈待评估 JY-2026-001');
    await w.click('cidJoint==', 'liming01', '评估通过');
    for (const answer of ['整改到位', '确认']) await w.say('cidJoint==', 'liming01', answer);
    expect(w.fake.textsTo('cidJoint==').at(-1)).toContain('已评估通过 JY-2026-001');
    expect(w.fake.textsTo('cidScj==').at(-1)).toContain('【评估通过】');
    expect(w.fake.updates.map((u) => u.outTrackId)).toEqual([notice!.outTrackId, pending!.outTrackId]);
  });
});

describe('DingTalk: restricted content, files and images', () => {
  const SECRET = '钱塘巷七号收受购物卡甲';

  it('keeps a restricted clue’s content out of every group, and gives it in direct chats', async () => {
    await w.boot();
    await w.say('cidJoint==', 'liming01', `/线索 新建 类别=违纪 来源=群众举报 摘要=${SECRET}`);
    expect(w.fake.textsTo('cidJoint==')[0]).toMatch(/已登记线索 XS-2026-001（(限制|控制)知悉/);
    expect(w.fake.cardsTo('cidJw==').length).toBeGreaterThan(0);
    await w.say('cidJw==', 'hanxue01', '/线索 查看 XS-2026-001');
    expect(w.fake.textsTo('cidJw==').at(-1)).toContain('内容已私聊发送给您');
    expect(w.fake.textsTo('hanxue01').join('\n')).toContain(SECRET);
    for (const chat of GROUPS) for (const t of w.fake.textsTo(chat)) expect(t).not.toContain(SECRET);
  });

  it('keeps a file sent in the single chat for a form (downloaded by its downloadCode), and sends it again on /附件', async () => {
    await w.boot();
    await w.say('cidJoint==', 'liming01', REGISTER);
    for (const answer of ['/反馈 JY-2026-001', '已检查 12 家', '1']) await w.say(undefined, 'zhangmin01', answer);
    const pdf = Buffer.from('%PDF-1.7 整改报告正文，共三页');
    await w.sendFile('zhangmin01', pdf, '整改报告.pdf');
    expect(w.fake.textsTo('zhangmin01').at(-1)).toContain('附件：整改报告.pdf');
    const stored = await w.bot.db.storedFile.findFirstOrThrow();
    expect(stored).toMatchObject({ platform: 'dingtalk', name: '整改报告.pdf', size: pdf.length });
    await w.say(undefined, 'zhangmin01', '确认');
    expect(await w.bot.db.reply.count()).toBe(1);
    // sent again: uploaded (oapi media/upload), then sent as sampleFile by its media_id
    await w.say('cidJoint==', 'liming01', '/附件 JY-2026-001');
    const file = w.fake.sent.find((m) => m.chat === 'cidJoint==' && m.msgKey === 'sampleFile')!;
    expect(file.param).toMatchObject({ fileName: '整改报告.pdf', fileType: 'pdf' });
    expect(file.media!.bytes.equals(pdf)).toBe(true);
  });

  it('refuses an executable sent as evidence', async () => {
    await w.boot();
    await w.say('cidJoint==', 'liming01', REGISTER);
    for (const answer of ['/反馈 JY-2026-001', '已检查 12 家', '1']) await w.say(undefined, 'zhangmin01', answer);
    await w.sendFile('zhangmin01', Buffer.from('MZ\x90\x00 a windows program'), '整改报告.pdf');
    expect(await w.bot.db.storedFile.count()).toBe(0);
    expect(w.fake.textsTo('zhangmin01').at(-1)).not.toContain('附件：整改报告.pdf');
  });

  it('sends the digest: its text, then the chart as an image', async () => {
    await w.boot();
    await w.say('cidJoint==', 'liming01', REGISTER);
    await w.say('cidJoint==', 'liming01', '/周报');
    expect(w.fake.textsTo('cidJoint==').join('\n')).toContain('【府检联动周报】');
    const image = w.fake.sent.find((m) => m.chat === 'cidJoint==' && m.msgKey === 'sampleImageMsg')!;
    expect(image.media!.type).toBe('image');
    expect(image.media!.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // a PNG
  });
});

describe('DingTalk: a dropped stream', () => {
  it('reconnects with backoff mid-wave: every message sent once, in order; what came meanwhile handled once', async () => {
    await w.boot();
    const chats = ['cidJoint==', 'cidSup==', 'cidScj=='];
    await enqueue(
      w.bot.db,
      Array.from({ length: 30 }, (_, i) => ({
        key: `wave-${i}`,
        at: w.now(),
        message: { platform: 'dingtalk', to: { chatId: chats[i % 3]! }, text: `第${i}条` },
      })),
    );
    w.fake.dropAfterSends = 10;
    await w.bot.app.dispatcher.flush();
    await expect
      .poll(() => w.bot.db.outboxMessage.count({ where: { state: 'sent' } }), { interval: 20, timeout: 8000 })
      .toBe(30);
    const texts = w.fake.sent.map((m) => m.text!);
    expect([...texts].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `第${i}条`).sort());
    for (const chat of chats) {
      const numbers = w.fake.textsTo(chat).map((t) => Number(/第(\d+)条/.exec(t)![1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
    // the SDK reconnected through the gateway; a message pushed while the stream was down arrives once
    await expect.poll(() => w.fake.online).toBe(1);
    expect(w.fake.connections).toBe(2);
    w.fake.drop();
    const during = w.message({ chat: 'cidJoint==', user: 'liming01' }, { msgtype: 'text', text: { content: '/帮助' } });
    w.fake.push(TOPIC_ROBOT, during);
    await w.settled(during.msgId);
    expect(w.fake.connections).toBe(3);
    expect(w.fake.textsTo('cidJoint==').filter((t) => t.includes('您好，李明'))).toHaveLength(1);
  });
});
