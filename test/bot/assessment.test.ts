// /考核 2026 on a scripted year, under the shipped example rubric (config/assessment.example.yaml):
// recommendations replied on time and late, rectified or not, supervised twice, a 监督通知书, a 报送 sent on
// time / late / never, a training attended or not. The scores are computed BY HAND below from the rubric's
// weights; the workbook's 计分依据 names the matters behind each item. A broken rubric is refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDocx, tableRows } from '../documents/docx.js';
import { startBot, type TestBot } from '../support/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const to = (b: TestBot, day: string) => b.advance({ to: `${day}T10:00:00+08:00` });
const fileOf = async (b: TestBot, ref: string) =>
  Buffer.from(await (await fetch(`${b.base}/files/${ref.replace('file:', '')}`)).arrayBuffer());

/** a form opened by a command line, its optional last question skipped, confirmed */
async function form(b: TestBot, chat: string, who: string, ...lines: string[]) {
  for (const l of lines) await b.say(chat, who, l);
  await b.say(chat, who, '/跳过');
  await b.say(chat, who, '确认');
}

async function script(b: TestBot): Promise<void> {
  const j = (t: string) => b.say('c-joint', 'u-liaison', t);
  // served 06-01, 15日: due 2026-06-16 (Tuesday)
  await j('/建议 新建 单位=市场监管局 标题=甲 送达=2026-06-01 期限=15日'); // JY-001
  await j('/建议 新建 单位=市场监管局 标题=乙 送达=2026-06-01 期限=15日'); // JY-002
  await j('/建议 新建 单位=自然资源局 标题=丙 送达=2026-06-01 期限=15日'); // JY-003
  await j('/建议 新建 单位=住建局 标题=丁 送达=2026-06-01 期限=15日'); // JY-004
  await j('/报送 新建 主题=半年数据 截止=2026-06-12 单位=市场监管局,自然资源局,住建局 内容=数字 项目=案件数'); // BS-001
  await j('/报送 新建 主题=联合培训 截止=2026-06-19 单位=市场监管局,自然资源局,住建局 内容=培训'); // BS-002
  await to(b, '2026-06-02');
  await form(b, 'c-scj', 'u-scj', '/反馈 JY-2026-001 措施=已开展专项检查 状态=已整改到位'); // on time
  await form(b, 'c-scj', 'u-scj', '/报送 填报 BS-2026-001', '案件数=12'); // on time
  await b.say('c-scj', 'u-scj', '/报送 填报 BS-2026-002');
  await b.say('c-scj', 'u-scj', '张敏 副局长');
  await b.say('c-scj', 'u-scj', '确认');
  await b.say('c-zrzy', 'u-zrzy', '/报送 填报 BS-2026-002');
  await b.say('c-zrzy', 'u-zrzy', '刘洋 科长');
  await b.say('c-zrzy', 'u-zrzy', '确认');
  await to(b, '2026-06-03');
  await j('/评估 JY-2026-001 通过 意见=整改到位');
  await to(b, '2026-06-10');
  await form(b, 'c-zjj', 'u-zjj', '/反馈 JY-2026-004 措施=已部署排查 状态=正在整改 预计=2026-07-31'); // on time, rectifying
  await to(b, '2026-06-15');
  await form(b, 'c-zjj', 'u-zjj', '/报送 填报 BS-2026-001', '案件数=3'); // 3 days late
  await to(b, '2026-06-17');
  await b.say('c-supervisor', 'u-supervisor', '/督办 JY-2026-003 意见=请于限期内书面回复 期限=5个工作日');
  await to(b, '2026-06-22');
  await form(b, 'c-scj', 'u-scj', '/反馈 JY-2026-002 措施=已补充检查 状态=已整改到位'); // late
  await b.say('c-supervisor', 'u-supervisor', '/督办 JY-2026-003 意见=请立即书面回复 期限=5个工作日');
  await b.say('c-sfj', 'u-sfj', '/监督通知书 新建 关联=JY-2026-003 事项=责令限期整改 期限=15日'); // TZ-001 to 自然资源局
  await to(b, '2026-06-23');
  await j('/评估 JY-2026-002 通过 意见=整改到位');
  await to(b, '2026-07-01');
}

describe('/考核 2026 on a scripted year', () => {
  it('gives the scores computed by hand, with the matters behind each item', async () => {
    bot = await startBot({ start: '2026-06-01T10:00:00+08:00' });
    const b = bot;
    await script(b);
    // a case-file review (评查) of 住建局's files, its results recorded: A1 合格, A2 基本合格, A3 不合格, A4 not yet
    // (the review family's rows, written as its commands leave them)
    const zjj = (await b.rt.db.org.findUniqueOrThrow({ where: { name: '示例县住房和城乡建设局' } })).id;
    const plan = await b.rt.db.caseReview.create({
      data: {
        code: 'PC-2026-001',
        quarter: '2026Q2',
        ratio: 10,
        periodFrom: '2026-04-01',
        periodTo: '2026-06-30',
        listDueOn: '2026-06-05',
        resultDueOn: '2026-06-26',
        createdAt: new Date(),
      },
    });
    const list = await b.rt.db.caseReviewList.create({
      data: { reviewId: plan.id, orgId: zjj, checksum: 'x', rows: '[]', count: 4, receivedAt: new Date() },
    });
    for (const [i, result] of ['pass', 'basic', 'fail', null].entries())
      await b.rt.db.caseReviewFile.create({
        data: {
          reviewId: plan.id,
          listId: list.id,
          orgId: zjj,
          caseNo: `A${i + 1}`,
          caseName: `案卷${i + 1}`,
          reason: 'random',
          position: i,
          reviewerOrgId: zjj,
          result,
        },
      });
    // not for an agency's officer
    expect(await b.answer('c-scj', 'u-scj', '/考核 2026')).toContain('供领导、检察院和司法局');
    expect(await b.answer('c-leaders', 'u-leader', '/考核 二〇二六')).toContain('四位年份');
    const cur = await b.lastCursor('c-leaders');
    const text = await b.answer('c-leaders', 'u-leader', '/考核 2026');
    // Example rubric: 按期反馈 20 (比率), 整改到位 20 (比率), 督办 10 (−2 each), 监督通知书 10 (−5 each), 报送 10,
    // 培训 10, then 出庭 10, 答辩 5 — 无数据 for every unit (no lawsuit): 不计 — and 评查 5 (反比率), 无数据 but
    // for 住建局; so each total is earned ÷ 80 × 100 (住建局: ÷ 85 × 100).
    // 市场监管局: 按期 1/2 → 10; 整改 2/2 → 20; 督办 0 → 10; 通知书 0 → 10; 报送 1/1 → 10; 培训 1/1 → 10
    //   = 70 / 80 × 100 = 87.5
    // 住建局: 按期 1/1 → 20; 整改 0/1 (正在整改) → 0; 督办 → 10; 通知书 → 10; 报送 0/1 (late) → 0; 培训 0/1 → 0;
    //   评查 不合格 1 of 3 reviewed → 5 × (1 − 1/3) = 3.333… → 3.33; = 43.33 / 85 × 100 = 50.976… → 50.98
    // 自然资源局: 按期 0/1 (never replied, due 06-16) → 0; 整改 0/1 → 0; 督办 2 → 10 − 4 = 6; 通知书 1 → 10 − 5 = 5;
    //   报送 0/1 (missing) → 0; 培训 1/1 → 10 = 21 / 80 × 100 = 26.25
    // 生态环境分局, 农业农村局, 应急管理局: only 督办 0 → 10 and 通知书 0 → 10 count = 20 / 20 × 100 = 100
    expect(text).toContain('【年度考核】2026年（截至 2026-07-01，满分 100）');
    const lines = text.split('\n').filter((l) => /^\d\. /.test(l));
    expect(lines).toEqual([
      '1. 示例县生态环境分局：100',
      '1. 示例县农业农村局：100',
      '1. 示例县应急管理局：100',
      '4. 示例县市场监督管理局：87.5',
      '5. 示例县住房和城乡建设局：50.98',
      '6. 示例县自然资源局：26.25',
    ]);
    const files = (await b.botSays('c-leaders', cur)).flatMap((m) => m.attachments ?? []);
    expect(files.map((f) => f.name)).toEqual(['年度考核-2026.xlsx', '年度考核结果-2026.docx']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fileOf(b, files[0]!.ref)) as never);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const scores = rows('考核得分');
    expect(scores[1]!.slice(0, 3)).toEqual(['名次', '单位', '检察建议按期反馈（20分）']);
    const zrzy = scores.find((r) => r[1] === '示例县自然资源局')!;
    expect(zrzy.slice(2, 8)).toEqual([0, 0, 6, 5, 0, 10]);
    expect(zrzy.slice(8)).toEqual(['无数据（不计）', '无数据（不计）', '无数据（不计）', 26.25]);
    const basis = rows('计分依据');
    const of = (unit: string, item: string) => {
      const row = basis.find((r) => r[0] === unit && r[1] === item)!;
      return Array.from({ length: 5 }, (_, i) => row[2 + i]);
    };
    expect(of('示例县市场监督管理局', '检察建议按期反馈')).toEqual([
      '按期反馈率',
      '1/2（50.0%）',
      '10',
      'JY-2026-001、JY-2026-002',
      'JY-2026-001',
    ]);
    expect(of('示例县自然资源局', '被督办')).toEqual(['督办次数', '2 次', '6', undefined, 'JY-2026-003×2']);
    expect(of('示例县自然资源局', '被制发监督通知书')).toEqual(['监督通知书', '1 次', '5', undefined, 'TZ-2026-001']);
    expect(of('示例县住房和城乡建设局', '按期报送')).toEqual([
      '报送按期率',
      '0/1（0.0%）',
      '0',
      'BS-2026-001',
      undefined,
    ]);
    expect(of('示例县住房和城乡建设局', '案卷评查')).toEqual([
      '评查不合格率',
      '1/3（33.3%）',
      '3.33',
      'PC-2026-001/A1、PC-2026-001/A2、PC-2026-001/A3',
      'PC-2026-001/A3',
    ]);
    expect(of('示例县住房和城乡建设局', '参加联合培训')).toEqual([
      '培训参加',
      '0/1（0.0%）',
      '0',
      'BS-2026-002',
      undefined,
    ]);

    const doc = await openDocx(await fileOf(b, files[1]!.ref));
    expect(doc.paragraphs.map((p) => p.text)).toContain('2026年度示例县府检联动工作考核结果');
    const table = tableRows(doc);
    expect(table.find((r) => r[1] === '示例县自然资源局')).toEqual([
      '6',
      '示例县自然资源局',
      '0',
      '0',
      '6',
      '5',
      '0',
      '10',
      '无数据（不计）',
      '无数据（不计）',
      '无数据（不计）',
      '26.25',
    ]);

    // `liandong assess` on the same database (its clock: the simulated 07-01) gives the same table
    await b.stop();
    const out = mkdtempSync(path.join(os.tmpdir(), 'liandong-assess-'));
    const r = spawnSync(
      process.execPath,
      [path.resolve('bin/liandong.mjs'), 'assess', '--year', '2026', '--out', out],
      {
        cwd: out,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: b.url },
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual([
      '1\t示例县生态环境分局\t100',
      '1\t示例县农业农村局\t100',
      '1\t示例县应急管理局\t100',
      '4\t示例县市场监督管理局\t87.5',
      '5\t示例县住房和城乡建设局\t50.98',
      '6\t示例县自然资源局\t26.25',
    ]);
    const cli = new ExcelJS.Workbook();
    await cli.xlsx.load(readFileSync(path.join(out, '年度考核-2026.xlsx')) as never);
    expect(cli.getWorksheet('计分依据')!.rowCount).toBe(2 + 6 * 9);
    expect(readFileSync(path.join(out, '年度考核结果-2026.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a rubric with an unknown figure or weights that do not add up, and sends nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rubric-'));
    const file = path.join(dir, 'rubric.yaml');
    writeFileSync(
      file,
      [
        '满分: 100',
        '项目:',
        '  - { 名称: 按期反馈, 口径: 按时反馈率, 权重: 60 }',
        '  - { 名称: 整改, 口径: 整改到位率, 权重: 30 }',
      ].join('\n'),
    );
    bot = await startBot({ start: '2026-07-01T10:00:00+08:00', env: { LIANDONG_ASSESSMENT: file } });
    const cur = await bot.lastCursor('c-joint');
    const text = await bot.answer('c-joint', 'u-liaison', '/考核 2026');
    expect(text).toContain('未计算考核得分');
    expect(text).toContain('第 1 项“按期反馈”的口径“按时反馈率”不是可用的统计口径');
    expect((await bot.botSays('c-joint', cur)).flatMap((m) => m.attachments ?? [])).toEqual([]);
    writeFileSync(
      file,
      [
        '满分: 100',
        '项目:',
        '  - { 名称: 按期反馈, 口径: 按期反馈率, 权重: 60 }',
        '  - { 名称: 整改, 口径: 整改到位率, 权重: 30 }',
      ].join('\n'),
    );
    expect(await bot.answer('c-joint', 'u-liaison', '/考核 2026')).toContain('各项权重之和为 90，与满分 100 不符');
    writeFileSync(file, '满分: [100\n');
    expect(await bot.answer('c-joint', 'u-liaison', '/考核 2026')).toContain('不是有效的 YAML');
    // the command line says the same and writes nothing
    await bot.stop();
    const out = mkdtempSync(path.join(os.tmpdir(), 'liandong-assess-'));
    const r = spawnSync(
      process.execPath,
      [path.resolve('bin/liandong.mjs'), 'assess', '--year', '2026', '--out', out],
      {
        cwd: out,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: bot.url, LIANDONG_ASSESSMENT: file },
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不是有效的 YAML');
    expect(readdirSync(out)).toEqual([]);
  });
});
