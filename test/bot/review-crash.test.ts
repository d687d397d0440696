// The review on the real `liandong start`, killed with SIGKILL (kill -9) between the steps and started
// again: the lists received before a kill are kept, the draw runs once at the deadline (one message to
// the joint group, one to each agency), a late list is drawn once, `liandong review verify` — a process
// of its own on the same database — recomputes the same sample, the circular goes out once, the results'
// reminder and overdue notice once each; a joint inspection beside it reminds and names the missing once.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildBot, startChild } from '../support/child.js';
import { freshDbUrl } from '../support/db.js';
import { cases, listBook } from './review-support.js';

let bot: ChildBot | undefined;
afterEach(() => {
  bot?.stop();
  bot = undefined;
});

async function send(b: ChildBot, chat: string, who: string, bytes: Buffer): Promise<string> {
  await b.answer(chat, who, '/评查 名单 PC-2026-001');
  await b.api('POST', `/api/chats/${chat}/messages`, {
    senderId: who,
    text: '',
    attachments: [{ name: '案卷名单.xlsx', data: bytes.toString('base64') }],
  });
  return b.answer(chat, who, '确认');
}

function verify(url: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.resolve('bin/liandong.mjs'), 'review', 'verify', 'PC-2026-001'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: url,
      LIANDONG_FILES_DIR: path.join(path.dirname(url.slice(5)), 'files'),
      LIANDONG_HOLIDAYS_FILE: '/nonexistent/holidays.json',
    },
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('a review across kill -9', () => {
  it('draws once, keeps every list and result, and verifies the same sample', async () => {
    const url = await freshDbUrl();
    bot = await startChild(url, '2026-10-12T10:00:00+08:00');
    const b = bot;
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/评查 计划 季度=2026Q4 比例=10% 单位=市场监管局,住建局,应急局 截止=2026-10-23',
      ),
    ).toContain('PC-2026-001');
    expect(await send(b, 'c-scj', 'u-scj', await listBook(cases('市监罚', 31)))).toContain('案卷名单：31 卷');
    // a joint inspection beside it: 市场监管局 returns its self-inspection, 应急局 does not
    expect(
      await b.answer(
        'c-joint',
        'u-liaison',
        '/专项 新建 主题=执法案卷联合检查 单位=市场监管局,应急局 自查截止=2026-10-23',
      ),
    ).toContain('ZX-2026-001');
    for (const a of ['/专项 自查 ZX-2026-001', '10', '1', '/跳过']) await b.answer('c-scj', 'u-scj', a);
    expect(await b.answer('c-scj', 'u-scj', '确认')).toContain('自查案件 10 件，发现问题 1 件');
    await b.kill9();
    expect(await send(b, 'c-zjj', 'u-zjj', await listBook([]))).toContain('案卷名单：0 卷');
    await b.kill9();

    await b.advance(14); // 10-26 10:00: drawn at 09:00, the working day after the deadline
    await b.kill9();
    const drawn = (await b.botSays('c-joint')).filter((m) => m.text.startsWith('【案卷评查抽取结果】'));
    expect(drawn).toHaveLength(1);
    // ceil(10% × 31) = 4
    expect(drawn[0]!.text).toContain('示例县市场监督管理局：名单 31 卷，抽取 4 卷');
    expect((await b.botSays('c-scj')).filter((m) => m.text.includes('请准备案卷备查'))).toHaveLength(1);
    // the self-inspection reminders (7, 3, 1 and 0 working days before 10-23), each once; the missing list after it once
    expect((await b.botSays('c-yjj')).filter((m) => m.text.startsWith('【自查提醒】ZX-2026-001'))).toHaveLength(4);
    expect((await b.botSays('c-scj')).filter((m) => m.text.startsWith('【自查提醒】'))).toHaveLength(0);
    expect(
      (await b.botSays('c-joint')).filter((m) =>
        m.text.includes('自查已于 2026-10-23 截止，以下 1 个单位未报送：示例县应急管理局'),
      ),
    ).toHaveLength(1);

    expect(await send(b, 'c-yjj', 'u-yjj', await listBook(cases('应急罚', 12)))).toContain('补报');
    await b.kill9();
    // ceil(10% × 12) = 2
    const all = (await b.botSays('c-joint')).filter((m) => m.text.startsWith('【案卷评查抽取结果】'));
    expect(all).toHaveLength(2);
    expect(all[1]!.text).toContain('示例县应急管理局（补报名单，单独抽取）：名单 12 卷，抽取 2 卷');

    const v = verify(url);
    expect(v.out).toContain('一致  示例县市场监督管理局：名单 31 卷，抽取 4 卷；名单文件校验值一致；种子 一致');
    expect(v.out).toContain('一致  示例县住房和城乡建设局：名单 0 卷，抽取 0 卷');
    expect(v.out).toContain('一致  示例县应急管理局：名单 12 卷，抽取 2 卷');
    expect(v.out).toContain('复核结果：抽取结果与记录一致。');
    expect(v.status).toBe(0);

    const first = /· (市监罚〔2026〕\d+号)/.exec(drawn[0]!.text)![1]!;
    await b.answer('c-joint', 'u-liaison', `/评查 结果 PC-2026-001 案号=${first}`);
    for (const a of ['不合格', '超期办理', '/跳过', '/跳过']) await b.answer('c-joint', 'u-liaison', a);
    expect(await b.answer('c-joint', 'u-liaison', '确认')).toContain('不合格；问题类型：超期办理');
    await b.kill9();
    await b.answer('c-joint', 'u-liaison', '/评查 通报 PC-2026-001');
    await b.kill9();
    const reports = (await b.botSays('c-joint')).filter((m) => m.text.startsWith('【评查通报】'));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.text).toContain(
      '示例县市场监督管理局：抽取 4 卷，已评查 1 卷，合格 0、基本合格 0、不合格 1，不合格率 100%',
    );
    expect(reports[0]!.text).toContain('（尚有 5 卷未录入结果）');
    expect(
      (await b.botSays('c-joint')).filter((m) => m.attachments?.some((x) => x.name.endsWith('.docx'))),
    ).toHaveLength(1);

    // results due 2026-11-12 (20 days after the list deadline, a Thursday): the reviewers reminded 3 working days
    // before (11-09), the joint group told after it (11-13) — once each, across kills
    await b.advance(15); // 11-10
    await b.kill9();
    await b.advance(4); // 11-14
    const reminded = (await b.botSays('c-sfj')).filter((m) =>
      m.text.startsWith('【案卷评查提醒】PC-2026-001 的评查结果'),
    );
    expect(reminded).toHaveLength(1);
    expect(reminded[0]!.text).toContain('将于 2026-11-12 到期');
    const overdue = (await b.botSays('c-joint')).filter((m) =>
      m.text.startsWith('【案卷评查】PC-2026-001 的评查结果已于'),
    );
    expect(overdue).toHaveLength(1);
    // 6 drawn, 1 recorded (the 检察院's first): 3 of the 司法局's, 2 of the 检察院's still to record
    expect(overdue[0]!.text).toContain('示例县司法局：3 卷');
    expect(overdue[0]!.text).toContain('示例县人民检察院：2 卷');
  });
});
