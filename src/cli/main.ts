// The `liandong` command line: deadline, doctor, db migrate, start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HolidayFileError, loadCalendar } from '../config/calendar-source.js';
import { ConfigError, loadDotEnv, readConfig } from '../config/env.js';
import { PROJECT_ROOT } from '../paths.js';
import { errorReason, redactUrl } from '../store/database-url.js';
import { migrateDeploy } from '../store/db.js';
import { parse } from './args.js';
import { deadlineCommand } from './deadline-command.js';
import { doctorCommand } from './doctor.js';
import { type Io, processIo, UsageError } from './io.js';

const USAGE = [
  '用法：',
  '  liandong start                                       启动机器人（无平台凭据时使用本地沙盒）',
  '  liandong deadline --from YYYY-MM-DD --period 期限 [--json]   计算期限，如 --period 2个月',
  '  liandong doctor                                      自检配置、数据库、节假日数据、平台',
  '  liandong db migrate                                  应用数据库迁移',
  '  liandong db copy --to postgresql://…                 把 SQLite 数据库复制到空的 PostgreSQL 数据库',
  '  liandong crypto init|status|seal|rotate               数据密钥：生成、查看、加密明文、轮换（控制知悉内容 SM4 加密保存）',
  '  liandong digest [--week 2026-W47] [--out 目录]        生成领导周报（文字和图表）',
  '  liandong export --out 台账.xlsx [--year 2026|all]      导出台账工作簿',
  '  liandong assess --year 2026 [--out 目录]               年度考核：各政府工作部门的得分表（Excel，含计分依据）和考核结果（Word）',
  '  liandong import --file 台账.xlsx [--dry-run]           导入检察建议台账（逐行核对，全部无误才导入）',
  '  liandong roster export --out 名册.xlsx                导出名册工作簿（单位、人员、群聊）',
  '  liandong roster import --file 名册.xlsx [--dry-run]    导入名册工作簿（与 YAML 名册同样核对）',
  '  liandong doc 督办通知书|监督通知书|会议通知|会议纪要|季度通报|统计表 <编号|季度|年份> [--out 目录]   生成公文（Word）',
  '  liandong audit verify [--quick]                      逐条核对审计链（SM3、HMAC-SM3），指出第一条被改动、删除或插入的记录',
  '  liandong audit export --out 审计.xlsx [--from 日期] [--to 日期] [--actor 姓名] [--matter 编号]   导出审计记录（第一张表为校验结果）',
  '  liandong review verify PC-2026-001                  复核案卷评查的抽取：按公布的方法从保存的名单重新抽取，与记录比对',
  '  liandong --version                                   显示版本',
  '每个命令都可加 -h 或 --help 查看说明。',
];

/** One line of help per command, shown by `liandong COMMAND --help`. */
const COMMAND_HELP: Record<string, string[]> = {
  start: ['用法：liandong start', '启动机器人。没有平台凭据时使用本地沙盒和内置 SQLite 数据库；配置见 .env.example。'],
  deadline: [
    '用法：liandong deadline --from YYYY-MM-DD --period 期限 [--json]',
    '按送达日和期限计算期限届满日（起算日不计入，末日遇休息日顺延）。',
    '期限可写 15日、2个月、1年、5个工作日，最长 5 年；日期只支持 2000–2099 年。',
  ],
  doctor: ['用法：liandong doctor', '自检配置、数据库迁移、节假日数据和平台凭据；有问题时退出码非 0。'],
  db: [
    '用法：liandong db migrate | liandong db copy --to postgresql://用户:密码@主机:端口/库名 [--from file:./data/liandong.db]',
    'migrate：把数据库迁移到最新结构（npm start 会自动执行）。',
    'copy：把 SQLite 数据库（默认 DATABASE_URL 所指）整体复制到一个空的 PostgreSQL 数据库，逐表核对行数；失败时目标库不留任何数据。复制前请停止机器人。',
  ],
  export: [
    '用法：liandong export --out 台账.xlsx [--year 2026|all]',
    '导出台账工作簿：检察建议、线索、任务各一张表，另有统计表；控制知悉范围的线索，内容不写入。',
  ],
  import: [
    '用法：liandong import --file 台账.xlsx [--dry-run]',
    '导入原有的检察建议台账：每一行先核对，有问题时逐行列出、不导入任何一行；--dry-run 只核对。',
  ],
  roster: [
    '用法：liandong roster export --out 名册.xlsx | liandong roster import --file 名册.xlsx [--dry-run]',
    '名册的 Excel 版本：单位、人员、群聊三张表，与 YAML 名册同样核对；LIANDONG_ROSTER 也可指向 .xlsx 文件。',
  ],
  audit: [
    '用法：liandong audit verify [--quick] | liandong audit export --out 审计.xlsx [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--actor 姓名] [--matter 编号]',
    'verify：从头逐条核对审计链，审计记录被改动、删除或插入时指出第一条，退出码 1；--quick 只核对最近 200 条。',
    'export：导出审计记录工作簿，第一张表是审计链的校验结果；只写编号和动作，不含控制知悉范围的内容。',
  ],
  review: [
    '用法：liandong review verify PC-2026-001',
    '复核案卷评查的抽取：核对各单位名单文件的 SHA-256 校验值，用计划编号和校验值重新计算种子，按 README「案卷评查的抽取方法」重新抽取，逐份名单与记录比对；不一致时退出码 1。',
  ],
  assess: [
    '用法：liandong assess --year 2026 [--out 目录]',
    '按考核细则（LIANDONG_ASSESSMENT，不设时用 config/assessment.example.yaml）计算该年各政府工作部门的考核得分：年度考核-2026.xlsx（得分表和计分依据）、年度考核结果-2026.docx；细则有误时说明问题、不写文件，退出码 1。',
  ],
  digest: [
    '用法：liandong digest [--week 2026-W47] [--out 目录]',
    '生成该周的领导周报：周报-2026-W47.txt 和 周报-2026-W47.png；不写 --week 时为上一个完整的周。',
  ],
};

export function version(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

type Values = Record<string, unknown>;
const str = (v: unknown) => v as string | undefined;

/** A command of the command line: its options (read strictly) and what it does with them. */
interface CliCommand {
  options?: NonNullable<Parameters<typeof parse>[2]>;
  accepted?: string;
  run(values: Values, io: Io, rest: string[]): Promise<number>;
}

/** Prints the command's help when it is asked for alone (liandong db --help). */
function askedForHelp(rest: string[], help: string[], io: Io): boolean {
  if (rest.length !== 1 || (rest[0] !== '-h' && rest[0] !== '--help')) return false;
  for (const line of help) io.out(line);
  return true;
}

async function dbCommand(io: Io, rest: string[]): Promise<number> {
  if (askedForHelp(rest, COMMAND_HELP.db!, io)) return 0;
  if (rest[0] === 'copy') {
    const values = parse(
      COMMAND_HELP.db!,
      rest.slice(1),
      { to: { type: 'string' }, from: { type: 'string' } },
      '--to postgresql://… [--from file:…]',
      io,
    );
    if (!values) return 0;
    const { dbCopyCommand } = await import('./db-copy-command.js');
    return await dbCopyCommand(io, { to: str(values.to), from: str(values.from) });
  }
  if (rest[0] !== 'migrate')
    throw new UsageError('未知的 db 子命令：可用 liandong db migrate、liandong db copy --to postgresql://…');
  if (!parse(COMMAND_HELP.db!, rest.slice(1), {}, '（无）', io)) return 0;
  const config = readConfig();
  await migrateDeploy(config.databaseUrl);
  io.out(`数据库已是最新：${config.databaseFile || redactUrl(config.databaseUrl)}`);
  return 0;
}

async function rosterCli(io: Io, rest: string[]): Promise<number> {
  if (askedForHelp(rest, COMMAND_HELP.roster!, io)) return 0;
  const options = { out: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' } } as const;
  const accepted = 'export --out 名册.xlsx | import --file 名册.xlsx [--dry-run]';
  const values = parse(COMMAND_HELP.roster!, rest.slice(1), options, accepted, io);
  if (!values) return 0;
  const { rosterCommand } = await import('./roster-command.js');
  return await rosterCommand(io, rest[0], {
    out: str(values.out),
    file: str(values.file),
    dryRun: Boolean(values['dry-run']),
  });
}

async function auditCli(io: Io, rest: string[]): Promise<number> {
  if (askedForHelp(rest, COMMAND_HELP.audit!, io)) return 0;
  const options = {
    quick: { type: 'boolean' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    actor: { type: 'string' },
    matter: { type: 'string' },
  } as const;
  const values = parse(COMMAND_HELP.audit!, rest.slice(1), options, 'verify [--quick] | export --out 审计.xlsx …', io);
  if (!values) return 0;
  const { auditCommand } = await import('./audit-command.js');
  return await auditCommand(io, rest[0], { ...(values as object), quick: Boolean(values.quick) });
}

/** The commands that read their options the same way: by name. */
const COMMANDS: Record<string, CliCommand> = {
  deadline: {
    options: { from: { type: 'string' }, period: { type: 'string' }, json: { type: 'boolean' } },
    accepted: '--from YYYY-MM-DD --period 期限 [--json]',
    async run(values, io) {
      const config = readConfig();
      const calendar = loadCalendar({ holidaysFile: config.holidaysFile, policy: config.adjustedWorkday });
      return deadlineCommand(values as { from?: string; period?: string; json?: boolean }, calendar, io);
    },
  },
  doctor: { run: (_values, io) => doctorCommand(io) },
  digest: {
    options: { week: { type: 'string' }, out: { type: 'string' } },
    accepted: '[--week 2026-W47] [--out 目录]',
    async run(values, io) {
      const { digestCommand } = await import('./digest-command.js');
      return await digestCommand(io, { week: str(values.week), out: str(values.out) });
    },
  },
  assess: {
    options: { year: { type: 'string' }, out: { type: 'string' } },
    accepted: '--year 2026 [--out 目录]',
    async run(values, io) {
      const { assessCommand } = await import('./assess-command.js');
      return await assessCommand(io, { year: str(values.year), out: str(values.out) });
    },
  },
  export: {
    options: { out: { type: 'string' }, year: { type: 'string' } },
    accepted: '--out 台账.xlsx [--year 2026|all]',
    async run(values, io) {
      const { exportCommand } = await import('./workbook-command.js');
      return await exportCommand(io, { out: str(values.out), year: str(values.year) });
    },
  },
  import: {
    options: { file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    accepted: '--file 台账.xlsx [--dry-run]',
    async run(values, io) {
      const { importCommand } = await import('./workbook-command.js');
      return await importCommand(io, { file: str(values.file), dryRun: Boolean(values['dry-run']) });
    },
  },
  start: {
    async run(_values, io) {
      const { startCommand } = await import('./start.js');
      return await startCommand(io);
    },
  },
};

async function run(command: string | undefined, rest: string[], io: Io): Promise<number> {
  if (command === 'db') return dbCommand(io, rest);
  if (command === 'roster') return rosterCli(io, rest);
  if (command === 'doc') return (await import('./doc-command.js')).docCli(io, rest);
  if (command === 'crypto') return (await import('./crypto-command.js')).cryptoCli(io, rest);
  if (command === 'audit') return auditCli(io, rest);
  if (command === 'review') {
    if (askedForHelp(rest, COMMAND_HELP.review!, io)) return 0;
    return (await import('./review-command.js')).reviewCommand(io, rest[0], rest[1]);
  }
  const c = command ? COMMANDS[command] : undefined;
  if (c) {
    const values = parse(COMMAND_HELP[command!] ?? USAGE, rest, c.options ?? {}, c.accepted ?? '（无）', io);
    return values ? c.run(values, io, rest) : 0;
  }
  if (command === undefined || ['help', '--help', '-h'].includes(command)) {
    for (const line of USAGE) io.out(line);
    return 0;
  }
  if (['--version', '-v', 'version'].includes(command)) {
    io.out(`liandong ${version()}`);
    return 0;
  }
  throw new UsageError(
    `未知命令 "${command}"：可用 start、deadline、doctor、db migrate、db copy、digest、assess、export、import、roster、doc、audit、crypto、review`,
  );
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  loadDotEnv();
  const [command, ...rest] = argv;
  try {
    return await run(command, rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`错误：${e.message}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.err(`配置错误：${p}`);
      return 2;
    }
    if (e instanceof HolidayFileError) {
      io.err(`错误：${e.message}`);
      return 2;
    }
    io.err(`错误：${errorReason(e, 1000)}`);
    return 1;
  }
}
