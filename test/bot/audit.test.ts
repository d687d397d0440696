// /审计 编号 (issue 29, item 2): an admin sees in a direct chat who did what to one matter and who
// read a restricted clue's content — never the content; in a group the bot says to ask in a
// direct chat, and anyone but an admin is refused. A row changed behind the bot's back shows.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/store/audit-read.js';
import { raw } from '../../src/store/lane.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const SECRET = '东门菜场摊位费截留辛';
const KEY_ENV = { LIANDONG_AUDIT_KEY: 'ab'.repeat(32) };

describe('/审计', () => {
  it('answers an admin in a direct chat, refuses in a group and for anyone else', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00', env: KEY_ENV });
    await bot.answer('dm:u-liaison', 'u-liaison', `/线索 新建 类别=违纪 来源=群众举报 摘要=${SECRET}`);
    await bot.answer('c-jw', 'u-jw', '/线索 受理 XS-2026-001 承办人=韩雪');
    // two readings of the content, each an audited clue.read
    expect(await bot.answer('dm:u-jw', 'u-jw', '/线索 查看 XS-2026-001')).toContain(SECRET);
    expect(await bot.answer('dm:u-liaison', 'u-liaison', '/线索 查看 XS-2026-001')).toContain(SECRET);

    const inGroup = await bot.answer('c-joint', 'u-admin', '/审计 XS-2026-001');
    expect(inGroup).toBe('审计记录只在私聊中查看：请在与机器人的私聊中发送 /审计 XS-2026-001。');

    const notAdmin = await bot.answer('dm:u-liaison', 'u-liaison', '/审计 XS-2026-001');
    expect(notAdmin).toContain('该命令仅限管理员使用');
    expect(notAdmin).not.toContain('韩雪');

    const answer = await bot.answer('dm:u-admin', 'u-admin', '/审计 XS-2026-001');
    expect(answer).not.toContain(SECRET);
    expect(answer).toContain('审计链：完好');
    expect(answer).toContain('李明（示例县人民检察院）：登记线索');
    expect(answer).toContain('韩雪（示例县纪委监委）：受理');
    expect(answer).toContain('查看控制知悉范围内容（2 次）');
    const reads = answer.slice(answer.indexOf('查看控制知悉范围内容'));
    expect(reads.match(/查看控制知悉范围的内容/g)?.length).toBe(2);
    expect(reads).toContain('韩雪（示例县纪委监委）');
    expect(reads).toContain('李明（示例县人民检察院）');
    // the admin's look is itself a row of the chain; the chain is sound
    const views = await bot.rt.db.auditEvent.count({ where: { action: 'audit.view', subject: 'XS-2026-001' } });
    expect(views).toBe(1);
    expect((await verifyChain(bot.rt.db)).problem).toBeUndefined();

    // someone with the database file makes a reading disappear into another name
    await raw(bot.rt.db).run(
      `UPDATE "AuditEvent" SET "actor" = ? WHERE "action" = 'clue.read' AND "actor" LIKE '韩雪%'`,
      '系统',
    );
    expect(await bot.answer('dm:u-admin', 'u-admin', '/审计 XS-2026-001')).toContain(
      '审计链：有问题，请管理员运行 liandong audit verify',
    );
    expect((await verifyChain(bot.rt.db)).problem?.kind).toBe('changed');
  });

  it('chains the rows of a database from before the chain at the next start, and purges only when configured', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00', env: KEY_ENV });
    // audited commands that plan no jobs (the half year below passes quickly)
    for (const who of ['u-liaison', 'u-jw', 'u-admin']) await bot.answer(`dm:${who}`, who, '/帮助');
    await bot.answer('dm:u-admin', 'u-admin', '/审计 JY-2026-001');
    // as a database migrated from the version before the chain: no links, no head
    await raw(bot.rt.db).run(
      `UPDATE "AuditEvent" SET "chainSeq" = NULL, "prevHash" = NULL, "hash" = NULL, "mac" = NULL`,
    );
    await raw(bot.rt.db).run(`DELETE FROM "AuditChainHead"`);
    const before = await bot.rt.db.auditEvent.findMany({
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    bot = await bot.restart();
    const after = await bot.rt.db.auditEvent.findMany({
      orderBy: { chainSeq: 'asc' },
      select: { id: true, chainSeq: true },
    });
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.map((r) => r.chainSeq)).toEqual(before.map((_, i) => i + 1));
    expect((await verifyChain(bot.rt.db)).problem).toBeUndefined();

    // half a year and more later, without a retention setting nothing goes
    await bot.advance({ to: '2026-12-20T10:00:00+08:00' });
    const all = await bot.rt.db.auditEvent.count();
    bot = await bot.restart();
    expect(await bot.rt.db.auditEvent.count()).toBeGreaterThanOrEqual(all);
    // kept 6 months: the rows of June go at the start, the chain still verifies from its new beginning
    bot = await bot.restart({ LIANDONG_AUDIT_KEEP_MONTHS: '6' });
    const june = await bot.rt.db.auditEvent.count({ where: { at: { lt: new Date('2026-06-20T16:00:00Z') } } });
    expect(june).toBe(0);
    const purge = await bot.rt.db.auditEvent.findFirst({ where: { action: 'audit.purge' } });
    expect(JSON.parse(purge!.detail)).toMatchObject({ keepMonths: 6, before: '2026-06-19T16:00:00.000Z' });
    const r = await verifyChain(bot.rt.db);
    expect(r.problem).toBeUndefined();
    expect(r.from).toBeGreaterThan(1);
  });

  it('says when a matter has no audit rows, and what to write when the code is missing', async () => {
    bot = await startBot({ env: KEY_ENV });
    expect(await bot.answer('dm:u-admin', 'u-admin', '/审计 JY-2026-009')).toBe('JY-2026-009 没有审计记录。');
    expect(await bot.answer('dm:u-admin', 'u-admin', '/审计')).toContain('/审计 编号，如 /审计 XS-2026-001');
  });
});
