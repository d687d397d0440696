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
  '  liandong digest [--week 2026-W47] [--out 目录]        生成领导周报（文字和图表）',
  '  liandong export --out 台账.xlsx [--year 2026|all]      导出台账工作簿',
  '  liandong import --file 台账.xlsx [--dry-run]           导入检察建议台账（逐行核对，全部无误才导入）',
  '  liandong roster export --out 名册.xlsx                导出名册工作簿（单位、人员、群聊）',
  '  liandong roster import --file 名册.xlsx [--dry-run]    导入名册工作簿（与 YAML 名册同样核对）',
  '  liandong doc 督办通知书|监督通知书|会议通知|会议纪要|季度通报|统计表 <编号|季度|年份> [--out 目录]   生成公文（Word）',
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
    `未知命令 "${command}"：可用 start、deadline、doctor、db migrate、db copy、digest、export、import、roster、doc`,
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
