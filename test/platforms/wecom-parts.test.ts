// WeCom's pieces: the configuration, `liandong doctor`, what people typed kept as text in
// markdown, quoted replies, the rate-limit answer, and a connection taken over by another.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPrompts } from '../../src/bot/core/prompts.js';
import { type ConfigError, readConfig } from '../../src/config/env.js';
import { SimulatedClock } from '../../src/schedule/clock.js';
import { enqueue } from '../../src/store/outbox.js';
import { getSetting } from '../../src/store/settings.js';
import { freshDbFile } from '../support/db.js';
import { WecomWorld } from '../support/wecom-bot.js';
import { wecomEnv } from '../support/wecom-fake.js';

let w: WecomWorld;
beforeEach(async () => {
  w = new WecomWorld();
  await w.start();
});
afterEach(() => w.stop());

describe('WeCom configuration', () => {
  it('is chosen by its Bot ID and Secret, beside other platforms, and checks what it reads', () => {
    const creds = { WECOM_BOT_ID: 'aib_abc123', WECOM_BOT_SECRET: 's' };
    const config = readConfig(creds);
    expect(config.platforms).toEqual(['wecom']);
    expect(config.wecom).toMatchObject({ configured: true, wsUrl: 'wss://openws.work.weixin.qq.com', perMinute: 25 });
    expect(readConfig({ ...creds, LIANDONG_PLATFORM: 'lark,wecom' }).platforms).toEqual(['lark', 'wecom']);
    expect(readConfig({ ...creds, WECOM_WS_URL: 'wss://wecom.gov.example:8443/' }).wecom.wsUrl).toBe(
      'wss://wecom.gov.example:8443',
    );
    const problems = (env: Record<string, string>) => {
      try {
        readConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ ...creds, WECOM_WS_URL: 'https://x' }).join()).toContain('WECOM_WS_URL');
    expect(problems({ WECOM_BOT_ID: 'aib_abc123' }).join()).toContain('要一起设置');
    expect(problems({ ...creds, WECOM_CARD_UPDATE_MS: '9000' }).join()).toContain('WECOM_CARD_UPDATE_MS');
  });

  it('has every wecom.* template it renders', () => {
    const prompts = loadPrompts();
    for (const key of ['wecom.card_source', 'wecom.at_hint']) expect(prompts.render(key).length).toBeGreaterThan(0);
  });

  it('runs beside the sandbox: both answer', async () => {
    await w.boot(undefined, { LIANDONG_PLATFORM: 'sandbox,wecom', SANDBOX_PORT: '0' });
    expect(w.bot.sandbox?.port).toBeGreaterThan(0);
    await w.say('wr_joint', 'LiMing', '/帮助');
    expect(w.fake.textsTo('wr_joint')[0]).toContain('您好，李明');
  });
});

describe('liandong doctor with WeCom configured', () => {
  it('authenticates a connection, says why when it cannot, and never kicks the running bot’s', async () => {
    const { runChecks } = await import('../../src/cli/doctor.js');
    const file = freshDbFile();
    const env = wecomEnv({ file, wsUrl: w.wsUrl, fake: w.fake });
    const line = async (over: Record<string, string> = {}) =>
      (await runChecks({ ...env, ...over })).find((c) => c.label === '企业微信长连接');
    expect(await line()).toMatchObject({ level: 'ok', detail: expect.stringContaining('已认证') });
    expect(await line({ WECOM_BOT_SECRET: 'wrong' })).toMatchObject({ level: 'fail' });
    // while the bot holds the connection, the doctor reads its state instead of opening a second one
    await w.boot(file);
    const before = w.fake.subscribes;
    expect((await line())?.detail).toContain('未另行测试');
    expect(w.fake.subscribes).toBe(before);
  });
});

describe('WeCom text and quotes', () => {
  it('never turns what people typed into markdown: no @所有人, bold or link from a clue summary', async () => {
    await w.boot();
    const summary = '**紧急** <@all> @所有人 [点此](http://x.example) `码`';
    await w.say('wr_joint', 'LiMing', `/线索 新建 类别=规范性文件 来源=群众举报 摘要="${summary}"`);
    const md = w.fake.sent.filter((m) => m.msgtype === 'markdown').map((m) => m.content!);
    expect(md.join('\n')).toContain('\\*\\*紧急\\*\\* ＜＠all> ＠所有人 \\[点此\\](http://x.example) \\`码\\`');
    for (const t of md) expect(t).not.toMatch(/(^|[^\\])\*\*|<@|(^|[^\\])\[点此/);
    // cards carry it as plain text, in fields WeCom does not read as markup
    const cards = w.fake.sent.filter((m) => m.card).map((m) => JSON.stringify(m.card));
    expect(cards.some((c) => c.includes('**紧急**'))).toBe(true);
  });

  it('finds the bot’s message a quoted reply shows by its text (the frame carries no id)', async () => {
    const { WecomAdapter } = await import('../../src/platforms/wecom/adapter.js');
    const { messageToIncoming } = await import('../../src/platforms/wecom/events.js');
    const client = { sendMessage: async () => ({ headers: { req_id: 'r' } }) };
    const config = readConfig({ WECOM_BOT_ID: 'aib_abc123', WECOM_BOT_SECRET: 's' }).wecom;
    const clock = new SimulatedClock(new Date('2026-09-01T02:00:00Z'));
    const adapter = new WecomAdapter(client as never, config, clock, { source: '府检联动', atHint: '' });
    adapter.online = true;
    const text = '【到期提醒】JY-2026-001《关于*校园*食品安全的检察建议》还剩 3 个工作日';
    const { messageId } = await adapter.send({ platform: 'wecom', to: { chatId: 'wr_scj' }, text }, 'row-1');
    const quoting = (chatid: string, quoted: string) =>
      messageToIncoming(
        {
          msgid: `q-${chatid}`,
          chattype: 'group',
          chatid,
          from: { userid: 'ZhangMin' },
          msgtype: 'text',
          text: { content: '@联动机器人 收到，我局正在整改' },
          quote: { msgtype: 'text', text: { content: quoted } },
        },
        clock.now(),
        (chat, q) => adapter.quotedId(chat, q),
      );
    // WeCom may show the quoted markdown as its source or as the text it renders: both are found
    expect(quoting('wr_scj', text)?.quotedMessageId).toBe(messageId);
    expect(
      quoting('wr_scj', '【到期提醒】JY-2026-001《关于\\*校园\\*食品安全的检察建议》还剩 3 个工作日')?.quotedMessageId,
    ).toBe(messageId);
    expect(quoting('wr_scj', text)?.text).toBe('收到，我局正在整改');
    expect(quoting('wr_joint', text)?.quotedMessageId).toBeUndefined();
    expect(quoting('wr_scj', '别的消息')?.quotedMessageId).toBeUndefined();
  });
});

describe('WeCom limits and takeovers', () => {
  it('backs off a minute on 45009 (rate limited), and sends once', async () => {
    await w.boot();
    w.fake.script.push(45009);
    await w.say('wr_joint', 'LiMing', '/帮助');
    expect(w.fake.textsTo('wr_joint')).toHaveLength(0);
    const row = await w.bot.db.outboxMessage.findFirstOrThrow();
    expect(row.nextAttemptAt.getTime() - w.now().getTime()).toBe(60_000);
    await w.bot.advance!(61_000);
    expect(w.fake.textsTo('wr_joint')).toHaveLength(1);
  });

  it('keeps the hourly limit: past WECOM_MAX_PER_HOUR the rest waits for the hour, then goes', async () => {
    await w.boot(undefined, { WECOM_MAX_PER_HOUR: '5' });
    await enqueue(
      w.bot.db,
      Array.from({ length: 8 }, (_, i) => ({
        key: `h-${i}`,
        at: w.now(),
        message: { platform: 'wecom', to: { chatId: 'wr_sup' }, text: `第${i}条` },
      })),
    );
    await w.bot.app.dispatcher.flush();
    expect(w.fake.textsTo('wr_sup')).toHaveLength(5);
    await w.bot.advance!(3600_000 + 1000);
    expect(w.fake.textsTo('wr_sup')).toEqual(Array.from({ length: 8 }, (_, i) => `第${i}条`));
  });

  it('stops, and says so, when another connection takes the robot over', async () => {
    await w.boot();
    w.fake.kick(w.now());
    await expect.poll(async () => getSetting(w.bot.db, 'wecom.connection'), { interval: 20 }).toContain('displaced');
    const subscribed = w.fake.subscribes;
    await new Promise((r) => setTimeout(r, 150));
    expect(w.fake.subscribes).toBe(subscribed); // WeCom would close a new one again: no reconnect
  });
});

describe('WeCom logs', () => {
  it('keeps message text, file keys and the secret out of the logs', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/log.js');
    const log = createLogger('debug', { write: (l: string) => void lines.push(l) });
    await w.boot(undefined, {}, log);
    w.fake.script.push(40058);
    await w.say('wr_joint', 'LiMing', '/建议 新建 单位=市场监管局 标题=绝密线索标题甲乙丙 送达=2026-09-01');
    await w.sendFile('ZhangMin', Buffer.from('%PDF 机密附件正文'), '机密.pdf');
    const all = lines.join('\n');
    expect(all).toContain('message could not be sent'); // something was logged
    for (const secret of ['绝密线索标题甲乙丙', '机密附件正文', w.fake.secret, 'aeskey'])
      expect(all).not.toContain(secret);
  });
});

describe('WeCom sends to a person', () => {
  it('sends a message addressed to a user by userid', async () => {
    await w.boot();
    await enqueue(w.bot.db, [
      { key: 'dm', at: w.now(), message: { platform: 'wecom', to: { userId: 'HanXue' }, text: '请查收' } },
    ]);
    await w.bot.app.dispatcher.flush();
    expect(w.fake.textsTo('HanXue')).toEqual(['请查收']);
  });
});
