// The WeChat adapter with the REAL wechaty and wechaty-puppet-mock; one fresh bot per
// test, always stopped. Time is the simulated clock (pacing moves it, nobody sleeps).
import path from 'node:path';
import { FileBox } from 'file-box';
import { afterEach, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { readConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { enqueue } from '../../src/store/outbox.js';
import { freshDbFile } from '../support/db.js';

type RoomMock = ReturnType<mock.Mocker['createRoom']>;
type ContactMock = ReturnType<mock.Mocker['createContact']>;

interface World {
  rt: Runtime;
  mocker: mock.Mocker;
  self: ContactMock;
  people: Record<'liaison' | 'admin' | 'scj' | 'stranger', ContactMock>;
  rooms: Record<'joint' | 'sup' | 'scj', RoomMock>;
  /** what the bot said, per conversation id, with the bot's clock time */
  said: Map<string, Array<{ text: string; at: number }>>;
  file: string;
}

let world: World | undefined;
afterEach(async () => {
  await world?.rt.stop();
  world = undefined;
});

function listen(w: Pick<World, 'said' | 'self'> & { rt?: Runtime }, conv: RoomMock | ContactMock) {
  const emitter = conv as unknown as {
    on: (event: 'message', fn: (m: { payload: { talkerId?: string; text?: string } }) => void) => void;
  };
  emitter.on('message', (m) => {
    if (m.payload.talkerId !== w.self.id) return;
    const list = w.said.get(conv.id) ?? [];
    list.push({ text: m.payload.text ?? '', at: w.rt ? w.rt.clock.now().getTime() : 0 });
    w.said.set(conv.id, list);
  });
}

async function boot(opts: { file?: string } = {}): Promise<World> {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const file = opts.file ?? freshDbFile();
  const rt = await startRuntime({
    config: readConfig({
      DATABASE_URL: `file:${file}`,
      LIANDONG_PLATFORM: 'wechat',
      LIANDONG_CLOCK: 'simulated',
      LIANDONG_CLOCK_START: '2026-09-01T10:00:00+08:00',
      LIANDONG_ROSTER: path.resolve('test/support/roster-wechat.yaml'),
      LIANDONG_HOLIDAYS_FILE: '/nonexistent.json',
      LIANDONG_FILES_DIR: path.join(path.dirname(file), 'files'),
      // restricted clue content is sealed at rest (SM4); without a key a real platform refuses to take it
      LIANDONG_DATA_KEY: Buffer.alloc(32, 5).toString('base64'),
    }),
    log: silentLogger,
    migrate: false,
    wechatPuppet: puppet,
  });
  await rt.ready;
  const self = mocker.createContact({ id: 'wx-bot', name: '联动机器人' });
  const people = {
    liaison: mocker.createContact({ id: 'wx-liaison', name: '李明' }),
    admin: mocker.createContact({ id: 'wx-admin', name: '王芳' }),
    scj: mocker.createContact({ id: 'wx-scj', name: '张敏' }),
    stranger: mocker.createContact({ id: 'wx-stranger', name: '路人' }),
  };
  const all = [self.id, people.liaison.id, people.admin.id];
  const rooms = {
    joint: mocker.createRoom({ id: 'room-joint@chatroom', topic: '府检联动工作群', memberIdList: all }),
    sup: mocker.createRoom({ id: 'room-sup@chatroom', topic: '县政府督办群', memberIdList: all }),
    scj: mocker.createRoom({
      id: 'room-scj@chatroom',
      topic: '市场监管局工作群',
      memberIdList: [...all, people.scj.id, people.stranger.id],
    }),
  };
  const w: World = { rt, mocker, self, people, rooms, said: new Map(), file };
  for (const c of [...Object.values(rooms), ...Object.values(people)]) listen(w, c);
  mocker.login(self);
  await until(() => rt.wechat!.ready());
  return w;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Says something and waits until the bot has answered (or nothing more happens). */
async function say(
  w: World,
  who: ContactMock,
  where: RoomMock | ContactMock,
  text: string | FileBox,
  mentions: ContactMock[] = [],
) {
  const before = [...w.said.values()].reduce((n, l) => n + l.length, 0);
  who.say(text as string, mentions).to(where);
  await until(async () => [...w.said.values()].reduce((n, l) => n + l.length, 0) > before, 3000).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
}

const texts = (w: World, id: string) => (w.said.get(id) ?? []).map((s) => s.text);

describe('WeChat through wechaty', () => {
  it('answers /帮助 in a room, and “@机器人 帮助” too', async () => {
    world = await boot();
    await say(world, world.people.liaison, world.rooms.joint, '/帮助');
    expect(texts(world, 'room-joint@chatroom')[0]).toContain('您好，李明');
    await say(world, world.people.liaison, world.rooms.joint, '@联动机器人 帮助', [world.self]);
    expect(texts(world, 'room-joint@chatroom')).toHaveLength(2);
  });

  it('never sends what people typed as an @所有人', async () => {
    world = await boot();
    // the title is repeated in the notice to the agency's room
    await say(
      world,
      world.people.liaison,
      world.rooms.joint,
      '/建议 新建 单位=县市场监管局 标题=“@所有人 紧急@all” 送达=2026-09-01',
    );
    await until(() => texts(world!, 'room-scj@chatroom').length > 0);
    const said = texts(world, 'room-scj@chatroom').join('\n');
    expect(said).toContain('＠所有人 紧急＠all');
    expect(said).not.toMatch(/@所有人|@all/);
  });

  it('treats a private message as a direct chat', async () => {
    world = await boot();
    await say(world, world.people.scj, world.self, '/台账');
    expect(texts(world, 'wx-scj')[0]).toContain('台账（示例县市场监督管理局');
    await say(world, world.people.scj, world.self, '你好');
    expect(texts(world, 'wx-scj').at(-1)).toContain('请以“/”开头发送命令');
  });

  it('ignores the bot’s own messages and chatter without a command', async () => {
    world = await boot();
    await say(world, world.people.stranger, world.rooms.scj, '今天天气不错');
    expect(texts(world, 'room-scj@chatroom')).toHaveLength(0);
  });

  it('runs the life: notice and reminders in the right room, the form by text with a stranger in between, a numbered choice and a file', async () => {
    world = await boot();
    const w = world;
    await say(
      w,
      w.people.liaison,
      w.rooms.joint,
      '/建议 新建 单位=市场监管局 标题=关于校园食品安全的检察建议 送达=2026-09-01',
    );
    expect(texts(w, 'room-joint@chatroom')[0]).toContain('已登记检察建议 JY-2026-001');
    const notice = texts(w, 'room-scj@chatroom')[0]!;
    expect(notice).toContain('JY-2026-001');
    expect(notice).toContain('回复 1 填写整改反馈');
    expect(notice).toContain('回复 3 查看详情');

    await say(w, w.people.scj, w.rooms.scj, '1'); // the numbered choice → /反馈 JY-2026-001
    expect(texts(w, 'room-scj@chatroom').join('\n')).toContain('开始填写《整改反馈》');
    await say(w, w.people.scj, w.rooms.scj, '已对 12 家学校食堂开展检查');
    await say(w, w.people.stranger, w.rooms.scj, '收到，辛苦了');
    await say(w, w.people.scj, w.rooms.scj, '2');
    expect(texts(w, 'room-scj@chatroom').at(-1)).toContain('预计完成日期');
    await say(w, w.people.scj, w.rooms.scj, '2026-12-31');
    await say(
      w,
      w.people.scj,
      w.rooms.scj,
      FileBox.fromBase64(Buffer.from('report').toString('base64'), '整改报告.pdf'),
    );
    expect(texts(w, 'room-scj@chatroom').at(-1)).toContain('附件：整改报告.pdf');
    await say(w, w.people.scj, w.rooms.scj, '确认');
    expect(texts(w, 'room-scj@chatroom').at(-1)).toContain('第 1 次整改反馈（正在整改）');
    const reply = await w.rt.db.reply.findFirst();
    expect(JSON.parse(reply!.attachments)[0].name).toBe('整改报告.pdf');
    // the file was kept in the file store, and the form's prompts were addressed to 张敏
    expect(await w.rt.db.storedFile.count()).toBe(1);
    expect(texts(w, 'room-scj@chatroom').some((t) => t.startsWith('张敏：（第 2 项，共 3–4 项）'))).toBe(true);
    // the notice's numbered menu was used: choosing 1 again is refused, saying by whom
    await say(w, w.people.scj, w.rooms.scj, '1');
    expect(texts(w, 'room-scj@chatroom').at(-1)).toContain('由 张敏 处理（提交第 1 次整改反馈）');
    expect(await w.rt.db.formSession.count()).toBe(0);
  });

  it('refers a restricted clue: the room sees its outline and a numbered menu, the content and the form go by private message', async () => {
    world = await boot();
    const w = world;
    const secret = '某食堂负责人收受回扣甲乙';
    await say(
      w,
      w.people.liaison,
      w.self,
      `/线索 新建 类别=行政违法 来源=群众举报 接收=市场监管局 限制=是 摘要=${secret}`,
    );
    expect(texts(w, 'wx-liaison').join('\n')).toContain(
      '已登记线索 XS-2026-001（控制知悉范围），移送示例县市场监督管理局',
    );
    await until(() => texts(w, 'room-scj@chatroom').length > 0 && texts(w, 'wx-scj').length > 0);
    const notice = texts(w, 'room-scj@chatroom').join('\n');
    expect(notice).toContain('移送线索 XS-2026-001（控制知悉范围）');
    expect(notice).toContain('回复 1 受理');
    expect(notice).not.toContain(secret);
    expect(texts(w, 'wx-scj').join('\n')).toContain(secret); // the receiving unit's contact, privately
    // 1 in the room: acceptance, whose form moves to the private chat
    await say(w, w.people.scj, w.rooms.scj, '1');
    expect(texts(w, 'room-scj@chatroom').at(-1)).toContain('已转到您与机器人的私聊中填写');
    await until(() => texts(w, 'wx-scj').some((t) => t.includes('请填写本单位的承办人姓名')));
    await say(w, w.people.scj, w.self, '张敏');
    await say(w, w.people.scj, w.self, '确认');
    expect(texts(w, 'wx-scj').join('\n')).toContain('已受理线索 XS-2026-001，承办人：张敏');
    for (const room of ['room-scj@chatroom', 'room-joint@chatroom', 'room-sup@chatroom'])
      for (const t of texts(w, room)) expect(t.includes(secret)).toBe(false);
  });

  it('delivers reminders to the agency’s room when they fall due', async () => {
    world = await boot();
    await say(
      world,
      world.people.liaison,
      world.rooms.joint,
      '/建议 新建 单位=市场监管局 标题=X 送达=2026-09-01 期限=15日',
    );
    await world.rt.advance!(14 * 86_400_000);
    const reminders = texts(world, 'room-scj@chatroom').filter((t) => t.startsWith('【到期提醒】'));
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    expect(texts(world, 'room-joint@chatroom').filter((t) => t.startsWith('【到期提醒】'))).toHaveLength(0);
  });

  it('after a re-login with new room ids, finds each bound room again by its topic and members', async () => {
    world = await boot();
    const w = world;
    await say(w, w.people.scj, w.rooms.scj, '/帮助'); // the bot learns the room's members
    await w.mocker.puppet.logout();
    await until(() => !w.rt.wechat!.ready());
    // while logged out, a message waits
    await enqueue(w.rt.db, [
      {
        key: 'while-out',
        at: w.rt.clock.now(),
        message: { platform: 'wechat', to: { chatId: 'room-scj@chatroom' }, text: '登出期间的消息' },
      },
    ]);
    await w.rt.app.dispatcher.flush();
    expect(texts(w, 'room-scj@chatroom')).not.toContain('登出期间的消息');
    // web protocols give rooms new ids at the next login
    for (const id of ['room-joint@chatroom', 'room-sup@chatroom', 'room-scj@chatroom'])
      w.mocker.cacheRoomPayload.delete(id);
    const members = [w.self.id, w.people.liaison.id, w.people.admin.id];
    const fresh = {
      joint: w.mocker.createRoom({ id: 'new-joint@chatroom', topic: '府检联动工作群', memberIdList: members }),
      sup: w.mocker.createRoom({ id: 'new-sup@chatroom', topic: '县政府督办群', memberIdList: members }),
      scj: w.mocker.createRoom({
        id: 'new-scj@chatroom',
        topic: '市场监管局工作群',
        memberIdList: [...members, w.people.scj.id, w.people.stranger.id],
      }),
    };
    for (const r of Object.values(fresh)) listen(w, r);
    w.mocker.login(w.self);
    await until(() => w.rt.wechat!.ready());
    await until(() => texts(w, 'new-scj@chatroom').includes('登出期间的消息'));
    const bindings = await w.rt.db.chatBinding.findMany({ where: { platform: 'wechat' }, orderBy: { chatId: 'asc' } });
    expect(bindings.map((b) => b.chatId)).toEqual(['new-joint@chatroom', 'new-scj@chatroom', 'new-sup@chatroom']);
    await say(w, w.people.scj, fresh.scj, '/台账');
    expect(texts(w, 'new-scj@chatroom').at(-1)).toContain('台账（示例县市场监督管理局');
  });

  it('reports a room it cannot tell apart to the admins, and holds its messages instead of guessing', async () => {
    world = await boot();
    const w = world;
    await w.mocker.puppet.logout();
    await until(() => !w.rt.wechat!.ready());
    w.mocker.cacheRoomPayload.delete('room-sup@chatroom');
    const members = [w.self.id, w.people.liaison.id, w.people.admin.id];
    const twins = [
      w.mocker.createRoom({ id: 'twin-a@chatroom', topic: '县政府督办群', memberIdList: members }),
      w.mocker.createRoom({ id: 'twin-b@chatroom', topic: '县政府督办群', memberIdList: members }),
    ];
    for (const r of twins) listen(w, r);
    await enqueue(w.rt.db, [
      {
        key: 'to-sup',
        at: w.rt.clock.now(),
        message: { platform: 'wechat', to: { chatId: 'room-sup@chatroom' }, text: '发往督办群' },
      },
    ]);
    w.mocker.login(w.self);
    await until(() => w.rt.wechat!.ready());
    await until(() => texts(w, 'wx-admin').length > 0);
    expect(texts(w, 'wx-admin')[0]).toContain('无法确定“督办群”');
    expect(texts(w, 'wx-admin')[0]).toContain('有 2 个同名的群');
    await w.rt.advance!(3600_000);
    expect(texts(w, 'twin-a@chatroom')).toHaveLength(0);
    expect(texts(w, 'twin-b@chatroom')).toHaveLength(0);
    const row = await w.rt.db.outboxMessage.findUnique({ where: { idempotencyKey: 'to-sup' } });
    expect(row).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('paces a burst: ≥1 s in one room, 3–5 s when switching, at most 30 a minute', async () => {
    world = await boot();
    const w = world;
    const rooms = ['room-joint@chatroom', 'room-sup@chatroom', 'room-scj@chatroom'];
    await enqueue(
      w.rt.db,
      Array.from({ length: 45 }, (_, i) => ({
        key: `wave-${i}`,
        at: w.rt.clock.now(),
        message: { platform: 'wechat', to: { chatId: rooms[Math.floor(i / 15)]! }, text: `第${i}条` },
      })),
    );
    await w.rt.app.dispatcher.flush();
    const sends = rooms
      .flatMap((id) => (w.said.get(id) ?? []).map((s) => ({ id, at: s.at, n: Number(/第(\d+)条/.exec(s.text)?.[1]) })))
      .sort((a, b) => a.n - b.n);
    expect(sends).toHaveLength(45);
    for (let i = 1; i < sends.length; i++) {
      const gap = sends[i]!.at - sends[i - 1]!.at;
      if (sends[i]!.id === sends[i - 1]!.id) expect(gap).toBeGreaterThanOrEqual(1000);
      else expect(gap).toBeGreaterThanOrEqual(3000);
    }
    for (let i = 30; i < sends.length; i++) expect(sends[i]!.at - sends[i - 30]!.at).toBeGreaterThanOrEqual(60_000);
  });
});
