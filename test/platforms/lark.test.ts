// The Feishu adapter with the REAL SDK: a local fake of the Open API over HTTP, and
// events encrypted and signed as Feishu does, posted to the real webhook.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { freshDbFile } from '../support/db.js';
import { cardEvent, deliver, FakeLark, larkWebhookEnv, messageEvent } from '../support/lark-fake.js';

const KEY = 'test-encrypt-key';
const TOKEN = 'test-verification-token';

/** The environment of a bot on Feishu, webhook mode, against the fake at `domain`. */
const larkEnv = (file: string, domain: string, over: Record<string, string> = {}) =>
  larkWebhookEnv({ file, domain, encryptKey: KEY, token: TOKEN, clockStart: '2026-09-01T10:00:00+08:00', over });

let fake: FakeLark;
let rt: Runtime;
let hook: string;

async function boot(file = freshDbFile()) {
  const domain = await fake.start();
  rt = await startRuntime({
    config: readConfig(larkEnv(file, domain)),
    log: silentLogger,
    migrate: false,
  });
  hook = `http://127.0.0.1:${rt.lark!.port}/lark/events`;
  await rt.ready;
  return file;
}

const now = () => rt.clock.now();
const ts = () => Math.floor(now().getTime() / 1000);

async function say(
  chatId: string,
  sender: string,
  text: string,
  extra: Partial<Parameters<typeof messageEvent>[0]> = {},
) {
  const r = await deliver(hook, KEY, messageEvent({ token: TOKEN, chatId, sender, text, at: now(), ...extra }), {
    timestamp: ts(),
  });
  await rt.lark!.idle();
  return r;
}

beforeEach(() => {
  fake = new FakeLark();
});
afterEach(async () => {
  await rt?.stop();
  await fake.stop();
});

describe('Feishu webhook', () => {
  it('answers a command in a group, stripping the @mention', async () => {
    await boot();
    const r = await say('oc_joint', 'ou_liaison', '@_user_1 /帮助');
    expect(r.status).toBe(200);
    const texts = fake.textsTo('oc_joint');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('您好，李明');
    expect(fake.messages[0]!.uuid).toMatch(/^[0-9a-f]{40}$/);
  });

  it('answers url_verification with the challenge, encrypted or plain, only with the right token', async () => {
    await boot();
    const r = await deliver(
      hook,
      KEY,
      { type: 'url_verification', challenge: 'abc123', token: TOKEN },
      { timestamp: ts() },
    );
    expect(r).toEqual({ status: 200, body: { challenge: 'abc123' } });
    const plain = await fetch(hook, {
      method: 'POST',
      body: JSON.stringify({ type: 'url_verification', challenge: 'p1', token: TOKEN }),
    });
    expect(await plain.json()).toEqual({ challenge: 'p1' });
    const wrong = await fetch(hook, {
      method: 'POST',
      body: JSON.stringify({ type: 'url_verification', challenge: 'p2', token: 'nope' }),
    });
    expect(wrong.status).toBe(401);
  });

  it('handles the same event delivered twice once', async () => {
    await boot();
    const event = messageEvent({
      token: TOKEN,
      eventId: 'ev-dup',
      chatId: 'oc_joint',
      sender: 'ou_liaison',
      text: '/帮助',
      at: now(),
    });
    expect((await deliver(hook, KEY, event, { timestamp: ts() })).status).toBe(200);
    expect((await deliver(hook, KEY, event, { timestamp: ts() })).status).toBe(200);
    await rt.lark!.idle();
    expect(fake.textsTo('oc_joint')).toHaveLength(1);
  });

  it.each([
    ['a bad signature', { tamper: true }, {}, 401],
    ['a stale timestamp', { timestamp: -400 }, {}, 401],
    ['a wrong verification token', {}, { token: 'wrong' }, 401],
  ])('refuses %s with a 4xx and no effect', async (_, opts: { tamper?: boolean; timestamp?: number }, over, status) => {
    await boot();
    const event = messageEvent({
      token: TOKEN,
      chatId: 'oc_joint',
      sender: 'ou_liaison',
      text: '/帮助',
      at: now(),
      ...over,
    });
    const r = await deliver(hook, KEY, event, { tamper: opts.tamper, timestamp: ts() + (opts.timestamp ?? 0) });
    expect(r.status).toBe(status);
    await rt.lark!.idle();
    expect(fake.messages).toHaveLength(0);
    expect(await rt.db.platformInbox.count()).toBe(0);
  });

  it('refuses an unencrypted body', async () => {
    await boot();
    const r = await fetch(hook, {
      method: 'POST',
      body: JSON.stringify(
        messageEvent({ token: TOKEN, chatId: 'oc_joint', sender: 'ou_liaison', text: '/帮助', at: now() }),
      ),
    });
    expect(r.status).toBe(400);
  });

  it('drops a message created more than 10 minutes ago', async () => {
    await boot();
    await say('oc_joint', 'ou_liaison', '/帮助', { at: new Date(now().getTime() - 11 * 60_000) });
    expect(fake.messages).toHaveLength(0);
  });

  it('retries rate-limit answers and a stale token, losing and doubling nothing', async () => {
    await boot();
    fake.script.push({
      status: 429,
      body: { code: 99991400, msg: 'too many' },
      headers: { 'x-ogw-ratelimit-reset': '2' },
    });
    await say('oc_joint', 'ou_liaison', '/帮助');
    expect(fake.messages).toHaveLength(0);
    const row = await rt.db.outboxMessage.findFirst();
    expect(row!.nextAttemptAt.getTime() - now().getTime()).toBe(2000); // honours x-ogw-ratelimit-reset
    fake.script.push({ status: 200, body: { code: 230020, msg: 'rate limited' } });
    fake.script.push({ status: 200, body: { code: 99991663, msg: 'token invalid' } });
    await rt.advance!(60_000);
    expect(fake.textsTo('oc_joint')).toHaveLength(1);
    expect(fake.tokensIssued).toBe(2); // refreshed once after 99991663
    const uuids = new Set(fake.messages.map((m) => m.uuid));
    expect(uuids.size).toBe(1);
    expect((await rt.db.outboxMessage.findFirst())!.state).toBe('sent');
  });

  it('stores an event before acknowledging it, and processes it after a restart', async () => {
    const file = await boot();
    // processing fails once (as if the process died after the acknowledgement)
    const receive = rt.app.receive.bind(rt.app);
    rt.app.receive = async () => {
      throw new Error('crash');
    };
    await say('oc_joint', 'ou_liaison', '/帮助');
    expect(fake.messages).toHaveLength(0);
    expect(await rt.db.platformInbox.count({ where: { processedAt: null } })).toBe(1);
    rt.app.receive = receive;
    await rt.stop();
    await fake.stop();
    fake = new FakeLark();
    await boot(file);
    expect(fake.textsTo('oc_joint')).toHaveLength(1);
  });

  it('runs only a command that is a button of the card clicked, and refuses another', async () => {
    await boot();
    await say('oc_joint', 'ou_liaison', '/建议 新建 单位=县市场监管局 标题=关于某事的检察建议 送达=2026-09-01');
    const notice = fake.messages.find((m) => m.receive_id === 'oc_scj' && m.msg_type === 'interactive')!;
    const buttons = JSON.parse(notice.content).body.elements.filter((e: { tag: string }) => e.tag === 'button');
    const click = (value: Record<string, unknown>) =>
      deliver(
        hook,
        KEY,
        cardEvent({
          token: TOKEN,
          chatId: 'oc_scj',
          operator: 'ou_scj',
          value,
          at: now(),
          messageId: notice.message_id,
        }),
        { timestamp: ts() },
      );
    // a callback on this card naming a command none of its buttons has (a forged or replayed value)
    const forged = await click({ command: '/延期 JY-2026-001 期限=1年 理由=伪造' });
    expect(forged.body.toast.type).toBe('error');
    await rt.lark!.idle();
    expect(fake.textsTo('oc_scj').join('\n')).toContain('这张卡片的内容无法核实，未予处理');
    expect(await rt.db.extensionRequest.count()).toBe(0);
    // the card's own button still works
    expect((await click(buttons[0].behaviors[0].value)).body.toast.type).toBe('success');
  });

  it('keeps an event the database could not take, and processes it once when the database is back', async () => {
    await boot();
    const receive = rt.app.receive.bind(rt.app);
    let refusals = 2;
    rt.app.receive = async (incoming) => (refusals-- > 0 ? { ok: false, unavailable: true } : receive(incoming));
    const r = await say('oc_joint', 'ou_liaison', '/帮助');
    expect(r.status).toBe(200); // stored: Feishu need not send it again
    expect(fake.messages).toHaveLength(0);
    // tried again by itself (1 s, then 2 s), with no restart and no new event
    await expect.poll(() => fake.textsTo('oc_joint').length, { timeout: 8000, interval: 100 }).toBe(1);
    expect(fake.textsTo('oc_joint')[0]).toContain('您好，李明');
    expect(await rt.db.platformInbox.count({ where: { processedAt: null } })).toBe(0);
    await new Promise((done) => setTimeout(done, 1500));
    expect(fake.textsTo('oc_joint')).toHaveLength(1);
  });

  it('runs the recommendation’s life through Feishu: register, card-form reply, evaluation', async () => {
    await boot();
    await say(
      'oc_joint',
      'ou_liaison',
      '@_user_1 /建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01',
    );
    expect(fake.textsTo('oc_joint')[0]).toContain('已登记检察建议 JY-2026-001');
    const notice = fake.messages.find((m) => m.receive_id === 'oc_scj')!;
    expect(notice.msg_type).toBe('interactive');
    const card = JSON.parse(notice.content);
    expect(card.schema).toBe('2.0');
    const buttons = card.body.elements.filter((e: { tag: string }) => e.tag === 'button');
    expect(buttons.map((b: { text: { content: string } }) => b.text.content)).toEqual([
      '填写整改反馈',
      '申请延期',
      '查看详情',
    ]);

    // the officer clicks 填写整改反馈: the text form starts, and a card form is offered
    const click = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_scj',
        operator: 'ou_scj',
        value: buttons[0].behaviors[0].value,
        at: now(),
      }),
      { timestamp: ts() },
    );
    expect(click.body.toast.type).toBe('success');
    const formCard = JSON.parse(
      fake.messages.filter((m) => m.receive_id === 'oc_scj' && m.msg_type === 'interactive').at(-1)!.content,
    );
    const form = formCard.body.elements.find((e: { tag: string }) => e.tag === 'form');
    expect(form.elements.map((e: { tag: string }) => e.tag)).toEqual([
      'input',
      'select_static',
      'date_picker',
      'input',
      'button',
    ]);
    const submit = form.elements.at(-1).behaviors[0].value;

    // an invalid submit is refused with an error toast and nothing stored
    let r = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_scj',
        operator: 'ou_scj',
        value: submit,
        formValue: { measures: '已检查', rectStatus: 'in_progress' },
        at: now(),
      }),
      { timestamp: ts() },
    );
    expect(r.body.toast.type).toBe('error');
    expect(fake.textsTo('oc_scj').at(-1)).toContain('“预计完成日期”未填写');
    expect(await rt.db.reply.count()).toBe(0);

    r = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_scj',
        operator: 'ou_scj',
        value: submit,
        formValue: { measures: '已检查 12 家', rectStatus: 'done' },
        at: now(),
      }),
      { timestamp: ts() },
    );
    expect(r.body.toast.type).toBe('success');
    expect(r.body.card.data.header.title.content).toBe('已提交');
    expect(await rt.db.reply.count()).toBe(1);
    expect(fake.textsTo('oc_joint').join('\n')).toContain('整改反馈待评估 JY-2026-001');

    await say('oc_joint', 'ou_liaison', '/评估 JY-2026-001 通过 意见=整改到位');
    expect(fake.textsTo('oc_joint').at(-1)).toContain('已评估通过 JY-2026-001');
    expect(fake.textsTo('oc_scj').at(-1)).toContain('【评估通过】');
  });

  it('refers a clue: the card in the receiving group, 受理 clicked there, the card form in the direct chat', async () => {
    await boot();
    await say('oc_joint', 'ou_liaison', '/线索 新建 类别=规范性文件 来源=执法检查 摘要="某局文件设定收费无依据"');
    expect(fake.textsTo('oc_joint')[0]).toContain('已登记线索 XS-2026-001，移送示例县司法局');
    const notice = fake.messages.find((m) => m.receive_id === 'oc_sfj' && m.msg_type === 'interactive')!;
    const buttons = JSON.parse(notice.content).body.elements.filter((e: { tag: string }) => e.tag === 'button');
    expect(buttons.map((b: { text: { content: string } }) => b.text.content)).toEqual([
      '受理',
      '退回（非本单位职责）',
      '查看详情',
    ]);

    // 受理 clicked in the group: the group is told, the form goes to the person by open_id
    const click = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_sfj',
        operator: 'ou_sfj',
        value: buttons[0].behaviors[0].value,
        at: now(),
        messageId: notice.message_id,
      }),
      { timestamp: ts() },
    );
    expect(click.body.toast.type).toBe('success');
    expect(fake.textsTo('oc_sfj').at(-1)).toContain('已转到您与机器人的私聊中填写');
    const direct = fake.messages.filter((m) => m.receive_id === 'ou_sfj');
    const formCard = JSON.parse(direct.find((m) => m.msg_type === 'interactive')!.content);
    const form = formCard.body.elements.find((e: { tag: string }) => e.tag === 'form');
    // submitted from the direct chat (Feishu gives its chat id, not whether it is direct)
    const r = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_p2p_sfj',
        operator: 'ou_sfj',
        value: form.elements.at(-1).behaviors[0].value,
        formValue: { handler: '冯涛' },
        at: now(),
      }),
      { timestamp: ts() },
    );
    expect(r.body.toast.type).toBe('success');
    const accepted = fake.messages
      .filter((m) => m.receive_id === 'oc_p2p_sfj')
      .map((m) => m.content)
      .join('\n');
    expect(accepted).toContain('已受理线索 XS-2026-001，承办人：冯涛');
    // the referral card in the group is closed, and the referrer's group told
    expect(fake.patches.some((p) => p.messageId === notice.message_id)).toBe(true);
    expect(fake.textsTo('oc_joint').at(-1)).toContain('已由示例县司法局受理');
  });

  it('sends reminders and the overdue notice as cards to the right groups', async () => {
    await boot();
    await say(
      'oc_joint',
      'ou_liaison',
      '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01 期限=15日',
    );
    await rt.advance!(20 * 86_400_000);
    const titles = (chat: string) =>
      fake.messages
        .filter((m) => m.receive_id === chat && m.msg_type === 'interactive')
        .map((m) => JSON.parse(m.content).header.title.content as string);
    expect(titles('oc_scj')).toEqual([
      '检察建议送达通知 JY-2026-001',
      '到期提醒 JY-2026-001',
      '到期提醒 JY-2026-001',
      '到期提醒 JY-2026-001',
      '今日到期 JY-2026-001',
      '逾期通知 JY-2026-001',
    ]);
    // the copy (抄送) of the recommendation when it was issued, then the overdue notice to press the agency
    expect(titles('oc_sup')).toEqual(['抄送 JY-2026-001', '督办通知 JY-2026-001']);
    const sup = fake.messages.filter((m) => m.receive_id === 'oc_sup' && m.msg_type === 'interactive');
    expect(sup.map((m) => JSON.parse(m.content).header.template)).toEqual(['blue', 'red']);
    // a card without a body of its own carries the notice's sentence (Feishu shows nothing beside a card)
    expect(sup[1]!.content).toContain('未按期书面回复');
    expect(sup[1]!.content).toContain('请予督办');
  });

  it('never turns what people typed into Feishu markup: no @所有人 from a clue summary', async () => {
    await boot();
    // the attack: a clue's summary that would @ everyone in the joint group
    const title = '<at user_id="all">所有人</at>紧急<b>通知</b>';
    await say('oc_joint', 'ou_liaison', `/线索 新建 类别=规范性文件 来源=群众举报 摘要=“${title}”`);
    const sent = fake.messages.filter((m) => m.msg_type === 'text');
    expect(sent.length).toBeGreaterThan(0);
    const texts = sent.map((m) => JSON.parse(m.content).text as string);
    // the title is shown, as text: its tags no longer open
    expect(texts.join('\n')).toContain('＜at user_id="all">所有人＜/at>紧急＜b>通知＜/b>');
    for (const t of texts) expect(t).not.toMatch(/<at|<b>|<\/at>/);
    // cards carry it as plain_text only, never in a markdown element
    for (const m of fake.messages.filter((x) => x.msg_type === 'interactive'))
      expect(m.content.includes('所有人') ? m.content : '').not.toMatch(/"tag":"(markdown|lark_md)"[^}]*所有人/);
  });

  it('replies to a message when asked to', async () => {
    await boot();
    const { enqueue } = await import('../../src/store/outbox.js');
    await enqueue(rt.db, [
      {
        key: 'r1',
        at: now(),
        message: { platform: 'lark', to: { chatId: 'oc_joint' }, text: '回复', replyTo: 'om_original' },
      },
    ]);
    await rt.app.dispatcher.flush();
    expect(fake.messages[0]).toMatchObject({ reply_to: 'om_original', msg_type: 'text' });
  });

  it('welcomes the bot into a new group with how to bind it', async () => {
    await boot();
    await deliver(
      hook,
      KEY,
      {
        schema: '2.0',
        header: {
          event_id: 'e-added',
          token: TOKEN,
          event_type: 'im.chat.member.bot.added_v1',
          create_time: String(now().getTime()),
        },
        event: { chat_id: 'oc_new' },
      },
      { timestamp: ts() },
    );
    await rt.lark!.idle();
    expect(fake.textsTo('oc_new')[0]).toContain('/绑定 单位名');
  });
});

describe('Feishu long connection', () => {
  it('connects with the SDK’s WSClient, waits for onReady, and answers an event pushed over it', async () => {
    const { FakeLarkWs } = await import('../support/lark-ws-fake.js');
    const ws = new FakeLarkWs();
    await ws.start();
    fake.wsEndpoint = () => ws.endpointAnswer();
    const domain = await fake.start();
    try {
      rt = await startRuntime({
        config: readConfig(
          larkEnv(freshDbFile(), domain, { LARK_MODE: 'ws', LARK_ENCRYPT_KEY: '', LARK_VERIFICATION_TOKEN: '' }),
        ),
        log: silentLogger,
        migrate: false,
      });
      await rt.ready;
      expect(ws.sockets).toHaveLength(1);
      ws.push(
        messageEvent({
          token: TOKEN,
          chatId: 'oc_joint',
          sender: 'ou_liaison',
          text: '@_user_1 /帮助',
          at: rt.clock.now(),
        }),
      );
      await expect.poll(() => fake.textsTo('oc_joint').length, { timeout: 5000 }).toBe(1);
      expect(fake.textsTo('oc_joint')[0]).toContain('您好，李明');
      // the SDK answers the data frame on the same socket (pings are control frames, method 0)
      const answers = () => ws.responses.filter((f) => f.method === 1);
      await expect.poll(() => answers().length, { timeout: 5000 }).toBe(1);
      expect(JSON.parse(answers()[0]!.payload.toString()).code).toBe(200);
    } finally {
      await rt.stop();
      await ws.stop();
      rt = undefined as unknown as Runtime;
    }
  });
});

describe('Feishu sending and callbacks', () => {
  it('uploads a local image or file, then sends it by its key', async () => {
    await boot();
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lark-up-'));
    writeFileSync(path.join(dir, 'chart.png'), Buffer.alloc(64, 1));
    writeFileSync(path.join(dir, '台账.csv'), '编号,标题\n');
    const { enqueue } = await import('../../src/store/outbox.js');
    await enqueue(rt.db, [
      {
        key: 'img',
        at: now(),
        message: {
          platform: 'lark',
          to: { chatId: 'oc_joint' },
          text: '图',
          image: { kind: 'image', name: 'chart.png', ref: `local:${dir}/chart.png` },
        },
      },
      {
        key: 'file',
        at: now(),
        message: {
          platform: 'lark',
          to: { chatId: 'oc_joint' },
          text: '表',
          file: { kind: 'file', name: '台账.csv', ref: `local:${dir}/台账.csv` },
        },
      },
    ]);
    await rt.app.dispatcher.flush();
    expect(fake.uploads.map((u) => u.kind)).toEqual(['image', 'file']);
    expect(fake.messages.map((m) => [m.msg_type, JSON.parse(m.content)])).toEqual([
      ['image', { image_key: 'img_1' }],
      ['file', { file_key: 'file_2' }],
    ]);
  });

  it('answers a slow card callback in time with a toast, then updates the card with its token', async () => {
    await boot();
    rt.lark!.cardAnswerMs = 50;
    await say('oc_joint', 'ou_liaison', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    await say('oc_scj', 'ou_scj', '/反馈 JY-2026-001');
    const formCard = fake.messages.filter((m) => m.receive_id === 'oc_scj' && m.msg_type === 'interactive').at(-1)!;
    const value = JSON.parse(formCard.content)
      .body.elements.find((e: { tag: string }) => e.tag === 'form')
      .elements.at(-1).behaviors[0].value;
    const receive = rt.app.receive.bind(rt.app);
    rt.app.receive = async (incoming) => {
      await new Promise((r) => setTimeout(r, 300));
      return receive(incoming);
    };
    const r = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_scj',
        operator: 'ou_scj',
        value,
        formValue: { measures: '已整改', rectStatus: 'done' },
        at: now(),
        messageId: formCard.message_id,
      }),
      { timestamp: ts() },
    );
    expect(r.body.toast).toEqual({ type: 'info', content: '正在处理，结果稍后发到群内' });
    await rt.lark!.idle();
    expect(await rt.db.reply.count()).toBe(1);
    expect(fake.cardUpdates).toHaveLength(1);
    expect(fake.cardUpdates[0]!.token).toBe('c-token');
    expect(fake.cardUpdates[0]!.card.header.title.content).toBe('已提交');
  });
});

describe('Feishu rate limits and logs', () => {
  it('sends at most 4 messages a second to one chat, in order', async () => {
    await boot();
    const { enqueue } = await import('../../src/store/outbox.js');
    await enqueue(
      rt.db,
      Array.from({ length: 10 }, (_, i) => ({
        key: `burst-${i}`,
        at: now(),
        message: { platform: 'lark', to: { chatId: 'oc_joint' }, text: `第${i}条` },
      })),
    );
    await enqueue(rt.db, [
      { key: 'other', at: now(), message: { platform: 'lark', to: { chatId: 'oc_scj' }, text: '别的群' } },
    ]);
    await rt.app.dispatcher.flush();
    expect(fake.textsTo('oc_joint')).toEqual(Array.from({ length: 10 }, (_, i) => `第${i}条`));
    const sent = await rt.db.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'burst-' } },
      orderBy: { sentAt: 'asc' },
    });
    const t = sent.map((r) => r.sentAt!.getTime());
    for (let i = 4; i < t.length; i++) expect(t[i]! - t[i - 4]!).toBeGreaterThan(1000);
  });

  it('keeps message text and secrets out of the logs', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/log.js');
    const log = createLogger('debug', { write: (l: string) => void lines.push(l) });
    const domain = await fake.start();
    fake.script.push({ status: 500, body: { code: 1, msg: 'boom' } });
    rt = await startRuntime({
      config: readConfig(larkEnv(freshDbFile(), domain)),
      log,
      migrate: false,
    });
    hook = `http://127.0.0.1:${rt.lark!.port}/lark/events`;
    await rt.ready;
    await say('oc_joint', 'ou_liaison', '/建议 新建 单位=市场监管局 标题=绝密线索标题甲乙丙 送达=2026-09-01');
    await deliver(
      hook,
      KEY,
      messageEvent({ token: 'wrong', chatId: 'oc_joint', sender: 'ou_liaison', text: '/帮助', at: now() }),
      { timestamp: ts() },
    );
    await rt.advance!(60_000);
    const all = lines.join('\n');
    expect(all).toContain('message send failed'); // something was logged
    for (const secret of ['绝密线索标题甲乙丙', KEY, TOKEN, 'secret"', 't-1']) expect(all).not.toContain(secret);
  });
});

describe('liandong doctor with Feishu configured', () => {
  it('checks the credentials by fetching a tenant token', async () => {
    const { spawn } = await import('node:child_process');
    const domain = await fake.start();
    const run = (secret: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [path.resolve('bin/liandong.mjs'), 'doctor'], {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: `file:${freshDbFile()}`,
            LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
            LARK_APP_SECRET: secret,
            LARK_DOMAIN: domain,
          },
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code, out }));
      });
    const good = await run('secret');
    expect(good.out).toContain('✔ 飞书凭据：已取得 tenant_access_token');
    const bad = await run('wrong');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('✘ 飞书凭据');
  });
});

describe('Feishu webhook under load (issue 9)', () => {
  it('listens and answers while the start-up catch-up still drains the outbox behind it', async () => {
    const file = freshDbFile();
    const { openDb } = await import('../../src/store/db.js');
    const { enqueue } = await import('../../src/store/outbox.js');
    const db = await openDb(`file:${file}`);
    const at = new Date('2026-09-01T02:00:00Z');
    await enqueue(
      db,
      Array.from({ length: 12 }, (_, i) => ({
        key: `left-${i}`,
        at,
        message: { platform: 'lark', to: { chatId: 'oc_sup' }, text: `积压第${i}条` },
      })),
    );
    await db.$disconnect();
    fake.sendDelayMs = 150;
    const domain = await fake.start();
    rt = await startRuntime({ config: readConfig(larkEnv(file, domain)), log: silentLogger, migrate: false });
    hook = `http://127.0.0.1:${rt.lark!.port}/lark/events`;
    let caughtUp = false;
    void rt.ready.then(() => (caughtUp = true));
    const r = await deliver(
      hook,
      KEY,
      messageEvent({ token: TOKEN, chatId: 'oc_joint', sender: 'ou_liaison', text: '/帮助', at: now() }),
      { timestamp: ts() },
    );
    expect(r.status).toBe(200);
    expect(caughtUp).toBe(false); // answered before the 12 slow sends were done
    await rt.ready;
    await rt.lark!.idle();
    expect(fake.textsTo('oc_sup')).toHaveLength(12);
    expect(fake.textsTo('oc_joint').join('\n')).toContain('您好，李明');
  });

  it('stores a burst of events, answers each, and processes every one once (retries included)', async () => {
    await boot();
    const events = Array.from({ length: 40 }, (_, i) =>
      messageEvent({
        token: TOKEN,
        chatId: 'oc_joint',
        sender: 'ou_liaison',
        text: `/状态 JY-2026-${String(i + 1).padStart(3, '0')}`,
        at: now(),
      }),
    );
    const answers = await Promise.all(events.map((e) => deliver(hook, KEY, e, { timestamp: ts() })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await Promise.all(events.slice(0, 10).map((e) => deliver(hook, KEY, e, { timestamp: ts() }))); // Feishu's retries
    await rt.lark!.idle();
    const said = fake.textsTo('oc_joint');
    expect(said).toHaveLength(40);
    expect(said.every((t) => t.includes('没有编号为 JY-2026-'))).toBe(true);
    expect(await rt.db.platformInbox.count({ where: { processedAt: null } })).toBe(0);
  });
});

describe('Feishu: what clerks met (issue 8)', () => {
  const formValueOf = (chat: string) => {
    const m = fake.messages.filter((x) => x.receive_id === chat && x.msg_type === 'interactive').at(-1)!;
    const form = JSON.parse(m.content).body.elements.find((e: { tag: string }) => e.tag === 'form');
    return { messageId: m.message_id, value: form.elements.at(-1).behaviors[0].value };
  };

  it('closes a submitted card form in the answer, and refuses a second submit saying who and when', async () => {
    await boot();
    await say('oc_joint', 'ou_liaison', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    await say('oc_scj', 'ou_scj', '/反馈 JY-2026-001');
    // the prompts are addressed to the person: an @mention on Feishu
    const prompt = fake.messages.filter((m) => m.receive_id === 'oc_scj' && m.msg_type === 'text').at(-1)!;
    expect(JSON.parse(prompt.content).text).toMatch(/^<at user_id="ou_scj">张敏<\/at> /);
    const { messageId, value } = formValueOf('oc_scj');
    const submit = () =>
      deliver(
        hook,
        KEY,
        cardEvent({
          token: TOKEN,
          chatId: 'oc_scj',
          operator: 'ou_scj',
          value,
          formValue: { measures: '已检查 12 家', rectStatus: 'done' },
          at: now(),
          messageId,
        }),
        { timestamp: ts() },
      );
    const first = await submit();
    expect(first.body.toast.type).toBe('success');
    const closed = JSON.stringify(first.body.card.data);
    expect(closed).toContain('已由 张敏 于 2026-09-01 10:00 处理：提交第 1 次整改反馈');
    expect(closed).not.toContain('"tag":"form"');
    expect(fake.patches.some((p) => p.messageId === messageId)).toBe(true);
    const second = await submit();
    expect(second.body.toast.type).toBe('error');
    expect(fake.textsTo('oc_scj').at(-1)).toContain('这张卡片已于 2026-09-01 10:00 由 张敏 处理');
    expect(await rt.db.reply.count()).toBe(1);
  });

  it('refuses a forged or someone else’s card form with a clear message, and writes nothing', async () => {
    await boot();
    let r = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_scj',
        operator: 'ou_scj',
        value: { form: 'recommendation', context: { urgent: '' } },
        formValue: { org: '市场监管局', title: '自己给自己的建议', served: '2026-09-01' },
        at: now(),
      }),
      { timestamp: ts() },
    );
    expect(r.body.toast.type).toBe('error');
    expect(fake.textsTo('oc_scj').at(-1)).toContain('这张卡片的内容无法核实，未予处理');
    expect(await rt.db.matter.count()).toBe(0);

    await say('oc_joint', 'ou_liaison', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    await say('oc_scj', 'ou_admin', '/反馈 JY-2026-001'); // 王芳 (admin) opens the form…
    const { messageId, value } = formValueOf('oc_scj');
    r = await deliver(
      hook,
      KEY,
      cardEvent({
        token: TOKEN,
        chatId: 'oc_scj',
        operator: 'ou_scj',
        value,
        formValue: { measures: '代填', rectStatus: 'done' },
        at: now(),
        messageId,
      }),
      { timestamp: ts() },
    );
    expect(r.body.toast.type).toBe('error'); // …张敏 cannot submit it for her
    expect(fake.textsTo('oc_scj').at(-1)).toContain('这张表单是为其他人打开的');
    expect(await rt.db.reply.count()).toBe(0);
  });

  it('downloads a file sent for a form into the file store, and sends it again on /附件', async () => {
    await boot();
    const pdf = Buffer.from('%PDF-1.7 整改报告正文');
    fake.resources.set('file_v3_report', pdf);
    await say('oc_joint', 'ou_liaison', '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01');
    for (const a of ['/反馈 JY-2026-001', '已整改', '1']) await say('oc_scj', 'ou_scj', a);
    await say('oc_scj', 'ou_scj', '', {
      messageType: 'file',
      content: { file_key: 'file_v3_report', file_name: '整改报告.pdf' },
    });
    expect(fake.textsTo('oc_scj').at(-1)).toContain('附件：整改报告.pdf');
    const stored = await rt.db.storedFile.findFirstOrThrow();
    expect(stored).toMatchObject({ platform: 'lark', ref: 'file_v3_report', name: '整改报告.pdf', size: pdf.length });
    expect(fake.requests.some((q) => q.method === 'GET' && q.path.endsWith('/resources/file_v3_report'))).toBe(true);
    await say('oc_scj', 'ou_scj', '确认');
    await say('oc_joint', 'ou_liaison', '/附件 JY-2026-001');
    expect(fake.uploads.at(-1)!.kind).toBe('file');
    expect(fake.uploads.at(-1)!.bytes).toBeGreaterThan(pdf.length); // multipart around the file's bytes
    expect(fake.messages.filter((m) => m.receive_id === 'oc_joint' && m.msg_type === 'file')).toHaveLength(1);
  });

  it('judges staleness at arrival: an event stored, then delayed 15 minutes by a crash, is answered', async () => {
    const file = await boot();
    const receive = rt.app.receive.bind(rt.app);
    rt.app.receive = async () => {
      throw new Error('SQLITE_IOERR'); // the process fails after acknowledging
    };
    await say('oc_joint', 'ou_liaison', '/帮助');
    rt.app.receive = receive;
    await rt.advance!(15 * 60_000);
    await rt.stop();
    await fake.stop();
    fake = new FakeLark();
    await boot(file);
    expect(fake.textsTo('oc_joint').join('\n')).toContain('您好，李明');
    expect(await rt.db.platformInbox.count({ where: { processedAt: null } })).toBe(0);
  });

  it('records a malformed event as failed once, and does not retry it at every start', async () => {
    const file = await boot();
    const bad = messageEvent({ token: TOKEN, chatId: 'oc_joint', sender: 'ou_liaison', text: 'x', at: now() }) as any;
    delete bad.event.message.chat_id;
    expect((await deliver(hook, KEY, bad, { timestamp: ts() })).status).toBe(200);
    await rt.lark!.idle();
    const row = await rt.db.platformInbox.findFirstOrThrow();
    expect(row.processedAt).not.toBeNull();
    expect(row.error).toContain('message without message_id, chat_id');
    await rt.stop();
    await boot(file);
    expect((await rt.db.platformInbox.findFirstOrThrow()).processedAt).toEqual(row.processedAt);
  });

  it('reads a post whose paragraph is not a list', async () => {
    await boot();
    await say('oc_joint', 'ou_liaison', '', {
      messageType: 'post',
      content: { zh_cn: { title: '', content: [{ tag: 'text', text: '/帮助' }] } },
    });
    expect(fake.textsTo('oc_joint').at(-1)).toContain('您好，李明');
  });

  it('acts once on one message redelivered under a new event id', async () => {
    await boot();
    const e = messageEvent({
      token: TOKEN,
      chatId: 'oc_joint',
      sender: 'ou_liaison',
      text: '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01',
      at: now(),
    });
    await deliver(hook, KEY, e, { timestamp: ts() });
    const again = structuredClone(e);
    again.header.event_id = 'another-event-id';
    await deliver(hook, KEY, again, { timestamp: ts() });
    await rt.lark!.idle();
    expect(await rt.db.matter.count()).toBe(1);
  });

  it('answers 400, not 500, for a body that decrypts to null or is not an object', async () => {
    await boot();
    expect((await deliver(hook, KEY, null, { timestamp: ts() })).status).toBe(400);
    expect((await deliver(hook, KEY, [1, 2], { timestamp: ts() })).status).toBe(400);
    const r = await fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' });
    expect(r.status).toBe(400);
  });
});
