// 限制知悉的内容加密保存: a restricted clue registered (on the command line and through the form),
// accepted, noted, closed with a result, its direct messages sent. Its text is then in no byte of
// the SQLite file, its WAL or the 台账 export for a reader without permission (the words and
// their UTF-8 bytes both searched), while the permitted liaison reads it whole; a wrong key or
// none shows that the content is sealed, never crashes; a database from before the key has its
// plain text sealed at the first start with the key, with nothing left in free pages.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import unzipper from 'unzipper';
import { afterEach, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/workbook-command.js';
import { newDataKey } from '../../src/domain/sm4-seal.js';
import { writeKeyRingFile } from '../../src/store/sealed.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const SECRET = {
  summary: '钱塘巷七号收受购物卡甲',
  involved: '副局长丁某某乙',
  progress: '已约谈当事人丙丁',
  result: '立案审查编号戊己',
  summaryForm: '工程款截留庚辛',
};

function keyFile(id = 'k1'): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-key-')), 'data-key.json');
  writeKeyRingFile(file, { current: id, keys: new Map([[id, newDataKey()]]) });
  return file;
}

/** Which of the secrets the bytes hold (searched as UTF-8 bytes, and as text). */
function found(bytes: Buffer): string[] {
  return Object.values(SECRET).filter(
    (s) => bytes.indexOf(Buffer.from(s, 'utf8')) >= 0 || bytes.toString('latin1').includes(s),
  );
}

function fileBytes(file: string): Buffer {
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

async function registerAndHandle(b: TestBot): Promise<void> {
  const reg = await b.answer(
    'dm:u-liaison',
    'u-liaison',
    `/线索 新建 类别=违纪 来源=群众举报 摘要=${SECRET.summary} 涉及单位=${SECRET.involved}`,
  );
  expect(reg).toContain('已登记线索 XS-2026-001（控制知悉范围）');
  expect(reg).toContain(SECRET.summary);
  await b.answer('c-jw', 'u-jw', '/线索 受理 XS-2026-001 承办人=韩雪');
  expect(await b.answer('dm:u-jw', 'u-jw', `/线索 进展 XS-2026-001 内容=${SECRET.progress}`)).toContain(
    SECRET.progress,
  );
  expect(await b.answer('dm:u-jw', 'u-jw', `/线索 办结 XS-2026-001 结果=已立案 说明=${SECRET.result}`)).toContain(
    SECRET.result,
  );
}

async function exportedXml(url: string): Promise<Buffer> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'liandong-export-')), '台账.xlsx');
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    const io = { out: () => undefined, err: (l: string) => console.error(l) };
    expect(await exportCommand(io, { out, year: 'all' }, new Date('2026-06-20T02:00:00Z'))).toBe(0);
  } finally {
    process.env.DATABASE_URL = saved;
  }
  const zip = await unzipper.Open.buffer(readFileSync(out));
  const inflate = (stream: NodeJS.ReadableStream) =>
    new Promise<Buffer>((done, fail) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => done(Buffer.concat(chunks)));
      stream.on('error', fail);
    });
  const parts = await Promise.all(zip.files.filter((f) => f.path.endsWith('.xml')).map((f) => inflate(f.stream())));
  return Buffer.concat(parts);
}

describe('a restricted clue at rest', () => {
  it('is in no byte of the database, its WAL or the export, and reads whole for the permitted', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00', env: { LIANDONG_DATA_KEY_FILE: keyFile() } });
    await registerAndHandle(bot);
    // through the form (answers kept between turns), moved from the group to the direct chat
    expect(await bot.answer('c-joint', 'u-liaison', '/线索 新建 类别=违纪')).toContain('已转到您与机器人的私聊中填写');
    for (const answer of ['/跳过', '2', SECRET.summaryForm, '/跳过', '/跳过'])
      await bot.say('dm:u-liaison', 'u-liaison', answer);
    const form = await bot.answer('dm:u-liaison', 'u-liaison', '确认');
    expect(form).toContain('已登记线索 XS-2026-002（控制知悉范围）');
    expect(form).toContain(SECRET.summaryForm);
    await bot.advance({ days: 3 });

    // stored sealed, naming its key
    const m = await bot.rt.db.matter.findUniqueOrThrow({ where: { code: 'XS-2026-001' }, include: { clue: true } });
    expect(m.summary.startsWith('sm4:v1:k1:')).toBe(true);
    expect(m.clue!.involved.startsWith('sm4:v1:k1:')).toBe(true);
    expect(m.clue!.resultNote!.startsWith('sm4:v1:k1:')).toBe(true);
    expect(m.clue!.result).toBe('已立案');
    const notes = await bot.rt.db.clueStep.findMany({ where: { matterId: m.id, note: { not: '' } } });
    expect(notes.length).toBeGreaterThanOrEqual(2);
    for (const n of notes) expect(n.note.startsWith('sm4:v1:k1:')).toBe(true);
    expect(await bot.rt.db.outboxMessage.count({ where: { userId: { not: null } } })).toBeGreaterThan(0);

    // the file and its WAL while the bot runs (the WAL holds the latest pages), then the export
    expect(fileBytes(`${bot.file}-wal`).length).toBeGreaterThan(0);
    expect(found(fileBytes(bot.file))).toEqual([]);
    expect(found(fileBytes(`${bot.file}-wal`))).toEqual([]);
    const xml = await exportedXml(bot.url);
    expect(xml.toString('utf8')).toContain('XS-2026-001');
    expect(found(xml)).toEqual([]);

    // the permitted liaison reads it whole; a supervisor does not
    const read = await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001');
    for (const s of [SECRET.summary, SECRET.involved, SECRET.progress, SECRET.result]) expect(read).toContain(s);
    const referrer = await bot.answer('dm:u-liaison', 'u-liaison', '/线索 查看 XS-2026-002');
    expect(referrer).toContain(SECRET.summaryForm);
    expect(await bot.answer('dm:u-supervisor', 'u-supervisor', '/线索 查看 XS-2026-001')).not.toContain(SECRET.summary);
    // the sandbox's history reads back opened
    const history = (await bot.messages('dm:u-jw')).map((x) => x.text).join('\n');
    expect(history).toContain(SECRET.progress);

    // after a clean stop the WAL is folded into the file: still nothing
    const file = bot.file;
    await bot.stop();
    bot = undefined;
    expect(found(fileBytes(file))).toEqual([]);
    expect(found(fileBytes(`${file}-wal`))).toEqual([]);
  });

  it('with a wrong key or none says the content is sealed, and never crashes', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00', env: { LIANDONG_DATA_KEY_FILE: keyFile() } });
    await registerAndHandle(bot);
    // the same key id, other bytes: the MAC does not match
    bot = await bot.restart({ LIANDONG_DATA_KEY_FILE: keyFile() });
    const wrong = await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001');
    expect(wrong).toContain('内容已加密，本机的密钥无法解开');
    for (const s of Object.values(SECRET)) expect(wrong).not.toContain(s);
    expect(wrong).toContain('XS-2026-001');
    // no key at all (a sandbox may run without one)
    bot = await bot.restart({ LIANDONG_DATA_KEY_FILE: '' });
    expect(await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001')).toContain('内容已加密，本机未配置解密密钥');
    // the bot still works: an ordinary clue
    expect(
      await bot.answer('dm:u-liaison', 'u-liaison', '/线索 新建 类别=公益诉讼 来源=12345 热线 摘要=河道垃圾堆放'),
    ).toContain('已登记线索 XS-2026-002');
  });

  it('seals the plain text of an older database at the first start with a key, leaving none in free pages', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    await registerAndHandle(bot);
    const file = bot.file;
    await bot.stop();
    bot = undefined;
    // before the key: the text is there (the search can find it)
    expect(found(fileBytes(file)).sort()).toEqual(
      [SECRET.summary, SECRET.involved, SECRET.progress, SECRET.result].sort(),
    );

    bot = await startBot({ file, start: '2026-06-05T10:00:00+08:00', env: { LIANDONG_DATA_KEY_FILE: keyFile() } });
    expect(found(fileBytes(file))).toEqual([]);
    expect(found(fileBytes(`${file}-wal`))).toEqual([]);
    const read = await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001');
    for (const s of [SECRET.summary, SECRET.involved, SECRET.progress, SECRET.result]) expect(read).toContain(s);
    const m = await bot.rt.db.matter.findUniqueOrThrow({ where: { code: 'XS-2026-001' } });
    expect(m.summary.startsWith('sm4:v1:k1:')).toBe(true);
  });
});
