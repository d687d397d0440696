// `liandong doc 督办通知书|监督通知书|会议通知|会议纪要|季度通报|统计表 <编号|季度|年份> [--out 目录]`: one
// official document (.docx) written from the database, as the bot sends it in the chat where its event
// happens — by the same functions, at the database's time (the sandbox's simulated clock, or now).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../bot/core/context.js';
import { statisticsDocument } from '../bot/digest/commands.js';
import { minutesDocument, noticeDocument } from '../bot/meetings/documents.js';
import { noticeFacts } from '../bot/supervision/notice.js';
import { documentWords, superviseFacts } from '../bot/supervision/supervise.js';
import { circularDocument } from '../bot/tasks/service.js';
import { readConfig } from '../config/env.js';
import { enforcementNotice, superviseNotice } from '../documents/supervision.js';
import { type Composed, fileOf } from '../documents/words.js';
import { shanghaiDate, yearSupported } from '../domain/civil-date.js';
import { normalizeCode } from '../domain/codes.js';
import { prepDays } from '../domain/meeting.js';
import { openDb } from '../store/db.js';
import { findMatterByCode, findMatterById } from '../store/matters.js';
import { meetingByCode } from '../store/meetings.js';
import { supervisionHistory } from '../store/supervision.js';
import { parse } from './args.js';
import { databaseNow } from './clock.js';
import { cliCtx } from './context.js';
import { type Io, UsageError } from './io.js';

export const DOC_HELP = [
  '用法：liandong doc 督办通知书|监督通知书|会议通知|会议纪要|季度通报|统计表 <编号|季度|年份> [--out 目录]',
  '按数据库中的记录生成一份公文（Word 文档），与机器人在群里发送的相同：',
  '  督办通知书 JY-2026-001（该事项最近一次督办）  监督通知书 TZ-2026-001  会议通知 HY-2026-001  会议纪要 HY-2026-001',
  '  季度通报 2026Q3（也可写 2026-Q3、2026/3）  统计表 2026（全部单位的年度统计表）',
  '文件写入 --out 目录（默认当前目录），文件名如 督办通知书-JY-2026-001.docx；按数据库的时钟计算“截至”日期。',
];

type Kind = 'supervise' | 'tz' | 'meeting_notice' | 'minutes' | 'circular' | 'statistics';
const KINDS: Record<string, Kind> = {
  督办通知书: 'supervise',
  督办: 'supervise',
  监督通知书: 'tz',
  行政执法监督通知书: 'tz',
  会议通知: 'meeting_notice',
  会议纪要: 'minutes',
  纪要: 'minutes',
  季度通报: 'circular',
  通报: 'circular',
  统计表: 'statistics',
  年度统计表: 'statistics',
};

async function matter(ctx: Ctx, raw: string, kinds: string[], what: string) {
  const code = normalizeCode(raw);
  const m = await findMatterByCode(ctx.tx, code);
  if (!m || !kinds.includes(m.kind)) throw new UsageError(`没有编号为 ${code} 的${what}`);
  return m;
}

/** The 督办通知书 of a matter's latest 督办. */
async function supervised(ctx: Ctx, raw: string): Promise<Composed> {
  const m = await matter(ctx, raw, ['recommendation', 'pil_recommendation', 'task', 'supervision_notice'], '事项');
  const s = (await supervisionHistory(ctx.tx, m.id)).supervisions.at(-1);
  if (!s) throw new UsageError(`${m.code} 没有督办记录`);
  const unit = s.by?.org.name ?? (s.orgId ? (await ctx.services.roster.org(ctx.tx, s.orgId))?.name : undefined) ?? '';
  const on = shanghaiDate(s.createdAt);
  return superviseNotice(
    documentWords(ctx),
    superviseFacts(ctx, m, { opinion: s.opinion, period: s.periodRule ?? '', limit: s.dueOn ?? on, unit, on }),
  );
}

async function meeting(ctx: Ctx, raw: string) {
  const code = normalizeCode(raw);
  const m = await meetingByCode(ctx.tx, code);
  if (!m) throw new UsageError(`没有编号为 ${code} 的会议`);
  return m;
}

/** 2026Q3, 2026-Q3, 2026/3, 2026年第3季度 → 2026Q3, for a quarter that has begun. */
function quarterOf(ctx: Ctx, raw: string): string {
  const m = /^(\d{4})\s*(?:-?Q|\/|年第?)\s*([1-4])(?:季度)?$/i.exec(raw.trim());
  if (!m || !yearSupported(Number(m[1])))
    throw new UsageError(`季度应写成 2026Q3（或 2026-Q3、2026/3），收到 "${raw}"`);
  const start = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  if (start > ctx.today) throw new UsageError(`${m[1]}年第${m[2]}季度还没有开始（今天是 ${ctx.today}）`);
  return `${m[1]}Q${m[2]}`;
}

async function compose(ctx: Ctx, kind: Kind, subject: string): Promise<Composed> {
  if (kind === 'supervise') return supervised(ctx, subject);
  if (kind === 'tz') {
    const notice = await matter(ctx, subject, ['supervision_notice'], '行政执法监督通知书');
    const related = notice.relatedMatterId ? await findMatterById(ctx.tx, notice.relatedMatterId) : null;
    if (!related) throw new UsageError(`${notice.code} 没有关联的检察建议`);
    return enforcementNotice(documentWords(ctx), noticeFacts(ctx, notice, related));
  }
  if (kind === 'meeting_notice') {
    const m = await meeting(ctx, subject);
    const { config, calendar } = ctx.services;
    const closes = prepDays(m.heldOn, config.meetingPrep, calendar).close;
    return noticeDocument(ctx, m, { closes, ics: `${m.code}.ics`, moved: m.sequence > 0 });
  }
  if (kind === 'minutes') {
    const m = await meeting(ctx, subject);
    if (!m.minutesAt) throw new UsageError(`${m.code} 还没有记录纪要`);
    return minutesDocument(ctx, m);
  }
  if (kind === 'circular') return circularDocument(ctx, quarterOf(ctx, subject));
  if (!/^\d{4}$/.test(subject) || !yearSupported(Number(subject)))
    throw new UsageError(`统计表的年份应为 2000–2099 的四位数字，收到 "${subject}"`);
  const table = await statisticsDocument(ctx, Number(subject));
  if (!table) throw new UsageError(`${subject} 年度没有可统计的事项`);
  return table;
}

/** `liandong doc …`: reads the kind and its subject, then --out; writes the file and prints its path. */
export async function docCli(io: Io, rest: string[], now?: Date): Promise<number> {
  if (!rest.length || (rest.length === 1 && ['-h', '--help'].includes(rest[0]!))) {
    for (const line of DOC_HELP) io.out(line);
    return 0;
  }
  const [word, subject, ...flags] = rest;
  const kind = KINDS[word!];
  if (!kind) throw new UsageError(`未知的公文 "${word}"：可用 ${Object.keys(KINDS).join('、')}`);
  if (!subject || subject.startsWith('-'))
    throw new UsageError(
      `请写明${kind === 'circular' ? '季度（如 2026Q3）' : kind === 'statistics' ? '年份' : '编号'}`,
    );
  const values = parse(DOC_HELP, flags, { out: { type: 'string' } }, '--out 目录', io);
  if (!values) return 0;
  const config = readConfig();
  const db = await openDb(config.databaseUrl);
  try {
    const ctx = cliCtx(config, db, now ?? (await databaseNow(config, db, io)));
    const f = await fileOf(await compose(ctx, kind, subject));
    const dir = path.resolve((values.out as string | undefined) ?? '.');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, f.name), f.bytes);
    io.out(path.join(dir, f.name));
    return 0;
  } finally {
    await db.$disconnect();
  }
}
