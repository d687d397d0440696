// WeCom (企业微信 / 政务微信) with the REAL SDK (@wecom/aibot-node-sdk) against a local fake of
// its long connection (test/support/wecom-fake.ts): the frames of the SDK's README, files
// encrypted as WeCom serves them, a dropped connection. Simulated clock; each test one bot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import { startRuntime } from '../../src/runtime.js';
import { enqueue } from '../../src/store/outbox.js';
import { freshDbFile } from '../support/db.js';
import { WecomWorld } from '../support/wecom-bot.js';
import { wecomEnv } from '../support/wecom-fake.js';

let w: WecomWorld;
beforeEach(async () => {
  w = new WecomWorld();
  await w.start();
});
afterEach(() => w.stop());

const REGISTER = '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01';
/** the chats of the roster that are groups (a person's single chat is addressed by userid) */
const GROUPS = ['wr_joint', 'wr_sup', 'wr_scj', 'wr_sfj', 'wr_jw'];

describe('WeCom long connection', () => {
  it('subscribes with the Bot ID and Secret, and answers an @-message in a group and a direct message', async () => {
    await w.boot();
    expect(w.fake.frames[0]).toMatchObject({
      cmd: 'aibot_subscribe',
      body: { bot_id: w.fake.botId, secret: w.fake.secret },
    });
    await w.say('wr_joint', 'LiMing', '/帮助');
    expect(w.fake.textsTo('wr_joint')[0]).toContain('您好，李明');
    expect(w.fake.sent[0]!.msgtype).toBe('markdown');
    // a direct chat needs no @, and is answered by userid
    await w.say(undefined, 'ZhangMin', '/帮助');
    expect(w.fake.textsTo('ZhangMin')[0]).toContain('您好，张敏');
  });

  it('handles a frame delivered twice once, and one stored before a crash after the restart', async () => {
    const file = await w.boot();
    const twice = () =>
      w.fake.text({ chat: 'wr_joint', user: 'LiMing', text: '@联动机器人 /帮助', at: w.now(), msgid: 'm-dup' });
    twice();
    await w.settled('m-dup');
    twice();
    await new Promise((r) => setTimeout(r, 100));
    expect(w.fake.textsTo('wr_joint')).toHaveLength(1);
    // processing fails (as if the process died after storing the frame): it waits in the inbox
    w.bot.app.receive = async () => {
      throw new Error('crash');
    };
    w.fake.text({ chat: 'wr_joint', user: 'LiMing', text: '@联动机器人 /帮助', at: w.now(), msgid: 'm-crash' });
    await expect.poll(() => w.bot.db.platformInbox.count({ where: { processedAt: null } }), { interval: 10 }).toBe(1);
    await w.bot.stop();
    await w.boot(file);
    await w.settled('m-crash');
    expect(w.fake.textsTo('wr_joint')).toHaveLength(2);
  });

  it('refuses to start with a wrong secret, and retries nothing in the background', async () => {
    const env = wecomEnv({ file: freshDbFile(), wsUrl: w.wsUrl, fake: w.fake, over: { WECOM_BOT_SECRET: 'wrong' } });
    await expect(startRuntime({ config: readConfig(env), log: silentLogger, migrate: false })).rejects.toThrow(
      /WECOM_BOT_SECRET/,
    );
    const tried = w.fake.subscribes;
    await new Promise((r) => setTimeout(r, 200));
    expect(w.fake.subscribes).toBe(tried);
  });
});

describe('WeCom: the recommendation’s story', () => {
  it('registration → notice card → text form answered with @ → the card closes in place; evaluation', async () => {
    await w.boot();
    await w.say('wr_joint', 'LiMing', REGISTER);
    expect(w.fake.textsTo('wr_joint')[0]).toContain('已登记检察建议 JY-2026-001');
    const [notice] = w.fake.cardsTo('wr_scj');
    expect(notice).toMatchObject({
      card_type: 'button_interaction',
      main_title: { title: '检察建议送达通知 JY-2026-001' },
    });
    expect(notice.task_id).toMatch(/^[\w@-]{1,128}$/);
    expect(notice.button_list.map((b: { text: string }) => b.text)).toEqual(['填写整改反馈', '申请延期', '查看详情']);
    expect(notice.horizontal_content_list).toContainEqual({ keyname: '期限届满', value: '2026-11-02' });

    // 填写整改反馈: the text form starts in the group; each prompt names 张敏 and says to @ the robot
    const { reqId } = await w.click('wr_scj', 'ZhangMin', '填写整改反馈');
    const prompt = w.fake.textsTo('wr_scj').at(-1)!;
    expect(prompt).toMatch(/^张敏：/);
    expect(prompt).toContain('请先 @机器人');
    for (const answer of ['已检查全县 12 所学校食堂', '1', '/跳过']) await w.say('wr_scj', 'ZhangMin', answer);
    expect(w.fake.textsTo('wr_scj').at(-1)).toContain('整改措施：已检查全县 12 所学校食堂');
    await w.say('wr_scj', 'ZhangMin', '确认');
    expect(await w.bot.db.reply.count()).toBe(1);

    // the notice card was updated through the click's frame, within WeCom's 5 s, to its closed form
    expect(w.fake.updates).toHaveLength(1);
    const closed = w.fake.updates[0]!;
    expect(closed.reqId).toBe(reqId);
    expect(closed.card).toMatchObject({ card_type: 'text_notice', task_id: notice.task_id });
    expect(closed.card.button_list).toBeUndefined();
    expect(closed.card.sub_title_text).toContain('已由 张敏 于 2026-09-01 10:00 处理：提交第 1 次整改反馈');
    // clicking the closed card again is refused, saying who used it
    const again = w.fake.click({
      chat: 'wr_scj',
      user: 'ZhangMin',
      taskId: notice.task_id,
      key: '/反馈 JY-2026-001',
      at: w.now(),
    });
    await w.settled(again.body.msgid);
    expect(w.fake.textsTo('wr_scj').at(-1)).toContain('这张卡片已于 2026-09-01 10:00 由 张敏 处理');

    // the joint group's card: 评估通过 clicked, the opinion written, confirmed; that card closes too
    const [pending] = w.fake.cardsTo('wr_joint');
    expect(pending.main_title.title).toBe('整改反馈待评估 JY-2026-001');
    await w.click('wr_joint', 'LiMing', '评估通过');
    for (const answer of ['整改到位', '确认']) await w.say('wr_joint', 'LiMing', answer);
    expect(w.fake.textsTo('wr_joint').at(-1)).toContain('已评估通过 JY-2026-001');
    expect(w.fake.textsTo('wr_scj').at(-1)).toContain('【评估通过】');
    expect(w.fake.updates.map((u) => u.card.task_id)).toEqual([notice.task_id, pending.task_id]);
  });

  it('closes the card by a new message when the click is older than WECOM_CARD_UPDATE_MS', async () => {
    await w.boot(undefined, { WECOM_CARD_UPDATE_MS: '0' });
    await w.say('wr_joint', 'LiMing', REGISTER);
    await w.click('wr_scj', 'ZhangMin', '填写整改反馈');
    for (const answer of ['已整改', '1', '/跳过', '确认']) await w.say('wr_scj', 'ZhangMin', answer);
    expect(w.fake.updates).toHaveLength(0);
    expect(w.fake.textsTo('wr_scj').join('\n')).toContain(
      '【检察建议送达通知 JY-2026-001】已由 张敏 于 2026-09-01 10:00 处理',
    );
  });
});

describe('WeCom: restricted content, files and images', () => {
  const SECRET = '钱塘巷七号收受购物卡甲';

  it('keeps a restricted clue’s content out of every group, and gives it in direct chats', async () => {
    await w.boot();
    await w.say('wr_joint', 'LiMing', `/线索 新建 类别=违纪 来源=群众举报 摘要=${SECRET}`);
    expect(w.fake.textsTo('wr_joint')[0]).toMatch(/已登记线索 XS-2026-001（(限制|控制)知悉/);
    expect(w.fake.cardsTo('wr_jw').length).toBeGreaterThan(0);
    // the discipline commission reads it from its group: the content goes to 韩雪's single chat
    await w.say('wr_jw', 'HanXue', '/线索 查看 XS-2026-001');
    expect(w.fake.textsTo('wr_jw').at(-1)).toContain('内容已私聊发送给您');
    expect(w.fake.textsTo('HanXue').join('\n')).toContain(SECRET);
    for (const chat of GROUPS) for (const t of w.fake.textsTo(chat)) expect(t).not.toContain(SECRET);
    // and at rest it is sealed (SM4): the summary and the inbox frame that carried it
    const m = await w.bot.db.matter.findFirstOrThrow({ where: { code: 'XS-2026-001' } });
    expect(m.summary).toMatch(/^sm4:v1:/);
    for (const row of await w.bot.db.platformInbox.findMany()) expect(row.payload).not.toContain(SECRET);
  });

  it('keeps a file sent in the single chat for a form, and sends it again on /附件', async () => {
    await w.boot();
    await w.say('wr_joint', 'LiMing', REGISTER);
    for (const answer of ['/反馈 JY-2026-001', '已检查 12 家', '1']) await w.say(undefined, 'ZhangMin', answer);
    const pdf = Buffer.from('%PDF-1.7 整改报告正文，共三页');
    await w.sendFile('ZhangMin', pdf, '整改报告.pdf');
    expect(w.fake.textsTo('ZhangMin').at(-1)).toContain('附件：整改报告.pdf');
    const stored = await w.bot.db.storedFile.findFirstOrThrow();
    expect(stored).toMatchObject({ platform: 'wecom', name: '整改报告.pdf', size: pdf.length });
    await w.say(undefined, 'ZhangMin', '确认');
    expect(await w.bot.db.reply.count()).toBe(1);
    // sent again: uploaded in chunks over the connection, then sent by media_id
    await w.say('wr_joint', 'LiMing', '/附件 JY-2026-001');
    const file = w.fake.sent.find((m) => m.chatid === 'wr_joint' && m.msgtype === 'file')!;
    expect(file.media).toMatchObject({ type: 'file', filename: '整改报告.pdf' });
    expect(file.media!.bytes.equals(pdf)).toBe(true);
    expect(w.fake.frames.map((f) => f.cmd)).toEqual(
      expect.arrayContaining(['aibot_upload_media_init', 'aibot_upload_media_chunk', 'aibot_upload_media_finish']),
    );
  });

  it('refuses an executable sent as evidence, saying why', async () => {
    await w.boot();
    await w.say('wr_joint', 'LiMing', REGISTER);
    for (const answer of ['/反馈 JY-2026-001', '已检查 12 家', '1']) await w.say(undefined, 'ZhangMin', answer);
    await w.sendFile('ZhangMin', Buffer.from('MZ\x90\x00 a windows program'), '整改报告.pdf');
    expect(await w.bot.db.storedFile.count()).toBe(0);
    expect(w.fake.textsTo('ZhangMin').at(-1)).not.toContain('附件：整改报告.pdf');
  });

  it('sends the digest: its text, then the chart as an image', async () => {
    await w.boot();
    await w.say('wr_joint', 'LiMing', REGISTER);
    await w.say('wr_joint', 'LiMing', '/周报');
    expect(w.fake.textsTo('wr_joint').join('\n')).toContain('【府检联动周报】');
    const image = w.fake.sent.find((m) => m.chatid === 'wr_joint' && m.msgtype === 'image')!;
    expect(image.media!.type).toBe('image');
    expect(image.media!.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // a PNG
  });
});

describe('WeCom: a dropped connection', () => {
  it('reconnects with backoff mid-wave, and sends every message once, in order', async () => {
    await w.boot();
    const chats = ['wr_joint', 'wr_sup', 'wr_scj'];
    await enqueue(
      w.bot.db,
      Array.from({ length: 30 }, (_, i) => ({
        key: `wave-${i}`,
        at: w.now(),
        message: { platform: 'wecom', to: { chatId: chats[i % 3]! }, text: `第${i}条` },
      })),
    );
    w.fake.dropAfterSends = 10;
    await w.bot.app.dispatcher.flush();
    await expect
      .poll(() => w.bot.db.outboxMessage.count({ where: { state: 'sent' } }), { interval: 20, timeout: 8000 })
      .toBe(30);
    expect(w.fake.subscribes).toBe(2); // the SDK reconnected and subscribed again
    const texts = w.fake.sent.map((m) => m.content!);
    expect([...texts].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `第${i}条`).sort());
    for (const chat of chats) {
      const numbers = w.fake.textsTo(chat).map((t) => Number(/第(\d+)条/.exec(t)![1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
    // and it still answers
    await w.say('wr_joint', 'LiMing', '/帮助');
    expect(w.fake.textsTo('wr_joint').at(-1)).toContain('您好，李明');
  });
});
