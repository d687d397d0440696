// DingTalk's pieces: the configuration, `liandong doctor`, what people typed kept as text in
// markdown, quoted replies, rate limits and error codes, the token's refresh, reconnect backoff,
// cards without a template, and the notices-only custom robot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPrompts } from '../../src/bot/core/prompts.js';
import { type ConfigError, readConfig } from '../../src/config/env.js';
import { enqueue } from '../../src/store/outbox.js';
import { freshDbFile } from '../support/db.js';
import { DingtalkWorld } from '../support/dingtalk-bot.js';

let w: DingtalkWorld;
beforeEach(async () => {
  w = new DingtalkWorld();
  await w.start();
});
afterEach(() => w.stop());

const problems = (env: Record<string, string>) => {
  try {
    readConfig(env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

/** puts rows in the outbox and sends what may go now */
async function wave(n: number, to: { chatId: string } | { userId: string }, prefix = 'w') {
  await enqueue(
    w.bot.db,
    Array.from({ length: n }, (_, i) => ({
      key: `${prefix}-${i}`,
      at: w.now(),
      message: { platform: 'dingtalk', to, text: `第${i}条` },
    })),
  );
  await w.bot.app.dispatcher.flush();
}

describe('DingTalk configuration', () => {
  it('is chosen by its Client ID and Secret, beside other platforms, with hosts for private deployments', () => {
    const creds = { DINGTALK_CLIENT_ID: 'dingabc123', DINGTALK_CLIENT_SECRET: 's' };
    const config = readConfig(creds);
    expect(config.platforms).toEqual(['dingtalk']);
    expect(config.dingtalk).toMatchObject({
      configured: true,
      robotCode: 'dingabc123',
      apiUrl: 'https://api.dingtalk.com',
      oapiUrl: 'https://oapi.dingtalk.com',
      gatewayUrl: 'https://api.dingtalk.com/v1.0/gateway/connections/open',
      perChatPerMinute: 20,
    });
    expect(readConfig({ ...creds, LIANDONG_PLATFORM: 'lark,dingtalk' }).platforms).toEqual(['lark', 'dingtalk']);
    // 浙政钉 / 专属钉钉: the gateway follows the API host unless set apart
    const zzd = readConfig({
      ...creds,
      DINGTALK_API_URL: 'https://openplatform.dg-work.cn/',
      DINGTALK_ROBOT_CODE: 'rc1',
    });
    expect(zzd.dingtalk).toMatchObject({
      apiUrl: 'https://openplatform.dg-work.cn',
      gatewayUrl: 'https://openplatform.dg-work.cn/v1.0/gateway/connections/open',
      robotCode: 'rc1',
    });
    expect(problems({ ...creds, DINGTALK_API_URL: 'ftp://x' }).join()).toContain('DINGTALK_API_URL');
    expect(problems({ DINGTALK_CLIENT_ID: 'dingabc123' }).join()).toContain('要一起设置');
    expect(problems({ ...creds, DINGTALK_MAX_PER_SECOND: '50' }).join()).toContain('DINGTALK_MAX_PER_SECOND');
    // a custom robot's webhook alone: notices only
    const hook = readConfig({
      DINGTALK_WEBHOOK_JOINT: 'https://oapi.dingtalk.com/robot/send?access_token=t1',
      DINGTALK_WEBHOOK_JOINT_SECRET: 'SECabc',
    });
    expect(hook.platforms).toEqual(['dingtalk']);
    expect(hook.dingtalk).toMatchObject({
      configured: false,
      webhooks: [{ chatId: 'webhook:joint', secret: 'SECabc' }],
    });
    expect(
      problems({ DINGTALK_WEBHOOK_X: 'https://x/robot/send?access_token=t', DINGTALK_WEBHOOK_X_SECRET: 'nope' }).join(),
    ).toContain('SEC');
  });

  it('has every dingtalk.* template it renders', () => {
    const prompts = loadPrompts();
    for (const key of ['dingtalk.card_source', 'dingtalk.at_hint'])
      expect(prompts.render(key).length).toBeGreaterThan(0);
    expect(prompts.render('dingtalk.button_line', { label: '申请延期', command: '/延期 JY-2026-001' })).toContain(
      '/延期 JY-2026-001',
    );
  });

  it('refuses to start with a wrong secret, and retries nothing in the background', async () => {
    const env = w.env(freshDbFile(), { DINGTALK_CLIENT_SECRET: 'wrong' });
    const { startRuntime } = await import('../../src/runtime.js');
    const { silentLogger } = await import('../../src/log.js');
    await expect(startRuntime({ config: readConfig(env), log: silentLogger, migrate: false })).rejects.toThrow(
      /DINGTALK_CLIENT_SECRET/,
    );
    const tried = w.fake.gatewayTimes.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(w.fake.gatewayTimes.length).toBe(tried);
  });
});

describe('liandong doctor with DingTalk configured', () => {
  it('fetches the token and asks the gateway, without opening a stream; says why when it cannot', async () => {
    const { runChecks } = await import('../../src/cli/doctor.js');
    const env = w.env(freshDbFile());
    const lines = async (over: Record<string, string> = {}) =>
      (await runChecks({ ...env, ...over })).filter((c) => c.label.startsWith('钉钉'));
    const ok = await lines();
    expect(ok.map((c) => [c.label, c.level])).toEqual([
      ['钉钉 access_token', 'ok'],
      ['钉钉 Stream 网关', 'ok'],
    ]);
    expect(w.fake.connections).toBe(0);
    const bad = await lines({ DINGTALK_CLIENT_SECRET: 'wrong' });
    expect(bad.map((c) => c.level)).toEqual(['fail', 'fail']);
    expect(bad[0]!.detail).toContain('DINGTALK_CLIENT_SECRET');
    const noTemplate = await lines({ DINGTALK_CARD_TEMPLATE_ID: '' });
    expect(noTemplate.at(-1)).toMatchObject({ level: 'warn', label: '钉钉互动卡片' });
  });
});

describe('DingTalk text and quotes', () => {
  it('never turns what people typed into markdown: no @, bold, link or image from a clue summary', async () => {
    await w.boot();
    const summary = '**紧急** @所有人 [点此](http://x.example) ![图](http://x.example/a.png) `码`';
    await w.say('cidJoint==', 'liming01', `/线索 新建 类别=规范性文件 来源=群众举报 摘要="${summary}"`);
    const md = w.fake.sent.filter((m) => m.msgKey === 'sampleMarkdown').map((m) => m.param.text!);
    const cards = w.fake.sent.filter((m) => m.card).map((m) => m.card!.params.markdown!);
    const all = [...md, ...cards];
    expect(all.join('\n')).toContain('\\*\\*紧急\\*\\* ＠所有人 \\[点此\\]\\(http:\u200b//x.example\\)');
    for (const t of all) expect(t).not.toMatch(/(^|[^\\])\*\*|(^|[^\\])\[点此|(^|[^\\])!\[|@所有人|https?:\/\//);
  });

  it('finds the bot’s message a quoted reply shows by its text, in that chat only', async () => {
    const { DingtalkAdapter } = await import('../../src/platforms/dingtalk/adapter.js');
    const { messageToIncoming } = await import('../../src/platforms/dingtalk/events.js');
    const { SimulatedClock } = await import('../../src/schedule/clock.js');
    const config = readConfig({ DINGTALK_CLIENT_ID: 'dingabc123', DINGTALK_CLIENT_SECRET: 's' }).dingtalk;
    const api = { call: async () => ({}) };
    const clock = new SimulatedClock(new Date('2026-09-01T02:00:00Z'));
    const words = { source: '府检联动', atHint: '', buttonLine: () => '' };
    const adapter = new DingtalkAdapter(api as never, config, clock, words);
    const text = '【到期提醒】JY-2026-001《关于*校园*食品安全的检察建议》还剩 3 个工作日';
    const { messageId } = await adapter.send({ platform: 'dingtalk', to: { chatId: 'cidScj==' }, text }, 'row-1');
    const quoting = (conversationId: string, quoted: string) =>
      messageToIncoming(
        {
          msgId: `q-${conversationId}`,
          conversationType: '2',
          conversationId,
          senderStaffId: 'zhangmin01',
          msgtype: 'text',
          text: {
            content: ' 收到，我局正在整改',
            isReplyMsg: true,
            repliedMsg: { msgId: 'msgOther', content: { text: quoted } },
          },
        },
        clock.now(),
        (chat, id, t) => adapter.quotedId(chat, id, t),
      );
    // DingTalk may show the quoted markdown as its source or as the text it renders: both are found
    expect(quoting('cidScj==', text)?.quotedMessageId).toBe(messageId);
    expect(
      quoting('cidScj==', '【到期提醒】JY\\-2026\\-001《关于\\*校园\\*食品安全的检察建议》还剩 3 个工作日')
        ?.quotedMessageId,
    ).toBe(messageId);
    expect(quoting('cidScj==', text)?.text).toBe('收到，我局正在整改');
    expect(quoting('cidJoint==', text)?.quotedMessageId).toBeUndefined();
    expect(quoting('cidScj==', '别的消息')?.quotedMessageId).toBeUndefined();
  });
});

describe('DingTalk limits and errors', () => {
  it('honours a rate-limit answer (429 with Retry-After, then a per-minute quota), and sends once', async () => {
    await w.boot();
    w.fake.script.push({ status: 429, body: { code: 'Throttling' }, headers: { 'retry-after': '5' } });
    await wave(1, { chatId: 'cidSup==' }, 'r1');
    expect(w.fake.textsTo('cidSup==')).toHaveLength(0);
    const row = await w.bot.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: 'r1-0' } });
    expect(row.nextAttemptAt.getTime() - w.now().getTime()).toBe(5000);
    w.fake.script.push({ status: 403, body: { code: 'Forbidden.AccessDenied.QpmLimitForAppkeyAndApi' } });
    await w.bot.advance!(5100);
    expect(w.fake.textsTo('cidSup==')).toHaveLength(0);
    const again = await w.bot.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: 'r1-0' } });
    // tried again when due (5 s), then told to wait a minute from that attempt
    expect(again.nextAttemptAt.getTime() - row.nextAttemptAt.getTime()).toBe(60_000);
    await w.bot.advance!(61_000);
    expect(w.fake.textsTo('cidSup==')).toEqual(['第0条']);
  });

  it('fetches a new token when DingTalk no longer takes the old one; gives up on a permanent error', async () => {
    await w.boot();
    await wave(1, { chatId: 'cidSup==' }, 't1');
    expect(w.fake.tokens).toBe(1);
    w.fake.expireTokens();
    await wave(1, { userId: 'hanxue01' }, 't2');
    expect(w.fake.tokens).toBe(2);
    expect(w.fake.textsTo('hanxue01')).toEqual(['第0条']);
    w.fake.script.push({ status: 400, body: { code: 'invalidParameter.openConversationId' } });
    await wave(1, { chatId: 'cidGone==' }, 't3');
    const row = await w.bot.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: 't3-0' } });
    expect(row.state).toBe('dead');
    expect(row.attempts).toBe(1);
  });

  it('shows a card once when DingTalk took it but its answer was lost: the retry finds its outTrackId', async () => {
    await w.boot();
    w.fake.lostAnswers = 1; // the first send of the registration is the notice card
    await w.say('cidJoint==', 'liming01', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    expect(w.fake.cardsTo('cidScj==')).toHaveLength(1);
    const asked = w.fake.cardRequests;
    await w.bot.advance!(120_000); // the outbox's retry
    expect(w.fake.cardRequests).toBe(asked + 1);
    expect(w.fake.cardsTo('cidScj==')).toHaveLength(1);
    const rows = await w.bot.db.outboxMessage.findMany({ where: { chatId: 'cidScj==' } });
    expect(rows.map((r) => [r.state, r.platformMessageId])).toEqual([
      ['sent', w.fake.cardsTo('cidScj==')[0]!.outTrackId],
    ]);
  });

  it('keeps DINGTALK_CHAT_MAX_PER_MINUTE to one chat: the rest waits for the minute, then goes in order', async () => {
    await w.boot(undefined, { DINGTALK_CHAT_MAX_PER_MINUTE: '5' });
    await wave(8, { chatId: 'cidSfj==' });
    expect(w.fake.textsTo('cidSfj==')).toHaveLength(5);
    await w.bot.advance!(61_000);
    expect(w.fake.textsTo('cidSfj==')).toEqual(Array.from({ length: 8 }, (_, i) => `第${i}条`));
  });

  it('reconnects with a doubling wait while the gateway is down', async () => {
    await w.boot();
    w.fake.gatewayFailures = 3;
    const before = w.fake.gatewayTimes.length;
    w.fake.drop();
    await expect.poll(() => w.fake.online).toBe(0);
    await expect.poll(() => w.fake.online, { timeout: 5000 }).toBe(1);
    const t = w.fake.gatewayTimes.slice(before);
    expect(t).toHaveLength(4);
    const gaps = t.slice(1).map((x, i) => x - t[i]!);
    // DINGTALK_RECONNECT_MS=20 in tests: 20, 40, 80 ms after the first, second and third failure
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[1]).toBeGreaterThanOrEqual(38);
    expect(gaps[2]).toBeGreaterThanOrEqual(78);
  });
});

describe('DingTalk heartbeat', () => {
  it('cuts a connection that answers no ping, and connects again', async () => {
    const { FakeDingtalk } = await import('../support/dingtalk-fake.js');
    const { StreamClient } = await import('../../src/platforms/dingtalk/client.js');
    const { OpenApi } = await import('../../src/platforms/dingtalk/openapi.js');
    const dead = new FakeDingtalk();
    dead.autoPong = false;
    const base = await dead.start();
    const config = readConfig(w.env(freshDbFile(), { DINGTALK_API_URL: base })).dingtalk;
    const client = new StreamClient({ config, api: new OpenApi(config), heartbeatMs: 50 });
    try {
      client.start();
      await expect.poll(() => dead.connections, { timeout: 3000 }).toBeGreaterThanOrEqual(2);
      // the normal fake answers pings: the connection stays
      const alive = new StreamClient({
        config: { ...config, gatewayUrl: `${w.base}/v1.0/gateway/connections/open` },
        api: new OpenApi(config),
        heartbeatMs: 50,
      });
      alive.start();
      await expect.poll(() => w.fake.connections).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(w.fake.connections).toBe(1);
      alive.disconnect();
    } finally {
      client.disconnect();
      await dead.stop();
    }
  });
});

describe('DingTalk without a card template, and notices-only', () => {
  it('sends a card as markdown with the commands to type when DINGTALK_CARD_TEMPLATE_ID is unset', async () => {
    await w.boot(undefined, { DINGTALK_CARD_TEMPLATE_ID: '' });
    await w.say('cidJoint==', 'liming01', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    expect(w.fake.cardsTo('cidScj==')).toHaveLength(0);
    const notice = w.fake.textsTo('cidScj==')[0]!;
    expect(notice).toContain('检察建议送达通知 JY-2026-001');
    expect(notice).toContain('填写整改反馈：请 @机器人 发送 /反馈 JY-2026-001');
  });

  it('posts notices through a signed custom robot, without a stream, at most DINGTALK_NOTICE_MAX_PER_MINUTE a minute', async () => {
    w.fake.hooks.set('hookjoint', 'SECtest123');
    const webhook = `${w.base}/robot/send?access_token=hookjoint`;
    await w.boot(undefined, {
      DINGTALK_CLIENT_ID: '',
      DINGTALK_CLIENT_SECRET: '',
      DINGTALK_WEBHOOK_HOOKJOINT: webhook,
      DINGTALK_WEBHOOK_HOOKJOINT_SECRET: 'SECtest123',
      DINGTALK_NOTICE_MAX_PER_MINUTE: '3',
    });
    expect(w.fake.opens).toHaveLength(0);
    await wave(5, { chatId: 'webhook:hookjoint' });
    expect(w.fake.textsTo('webhook:hookjoint')).toEqual(['第0条', '第1条', '第2条']);
    await w.bot.advance!(61_000);
    expect(w.fake.textsTo('webhook:hookjoint')).toHaveLength(5);
    // a person cannot be reached this way: given up at once
    await wave(1, { userId: 'hanxue01' }, 'dm');
    expect((await w.bot.db.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: 'dm-0' } })).state).toBe('dead');
  });

  it('gives up, saying why, when the signing secret is wrong', async () => {
    w.fake.hooks.set('hookjw', 'SECright');
    await w.boot(undefined, {
      DINGTALK_CLIENT_ID: '',
      DINGTALK_CLIENT_SECRET: '',
      DINGTALK_WEBHOOK_HOOKJW: `${w.base}/robot/send?access_token=hookjw`,
      DINGTALK_WEBHOOK_HOOKJW_SECRET: 'SECwrong',
    });
    await wave(1, { chatId: 'webhook:hookjw' });
    const row = await w.bot.db.outboxMessage.findFirstOrThrow();
    expect(row.state).toBe('dead');
    expect(row.lastError).toContain('加签密钥不符');
  });
});

describe('DingTalk logs', () => {
  it('keeps message text, download codes and the secret out of the logs', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/log.js');
    const log = createLogger('debug', { write: (l: string) => void lines.push(l) });
    await w.boot(undefined, {}, log);
    w.fake.script.push({ status: 400, body: { code: 'invalidParameter' } });
    await w.say('cidJoint==', 'liming01', '/建议 新建 单位=市场监管局 标题=绝密线索标题甲乙丙 送达=2026-09-01');
    await w.sendFile('zhangmin01', Buffer.from('%PDF 机密附件正文'), '机密.pdf');
    const all = lines.join('\n');
    expect(all).toContain('message could not be sent');
    for (const secret of ['绝密线索标题甲乙丙', '机密附件正文', w.fake.clientSecret, 'tok_1', 'dc_'])
      expect(all).not.toContain(secret);
  });
});
