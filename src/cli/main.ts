// The `liandong` command line: deadline, doctor, db migrate, start.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadDotEnv, readConfig } from '../config/env.js';
import { HolidayFileError, loadCalendar } from '../config/calendar-source.js';
import { migrateDeploy } from '../store/db.js';
import { deadlineCommand } from './deadline-command.js';
import { doctorCommand } from './doctor.js';
import { type Io, processIo, UsageError } from './io.js';

const USAGE = [
  '用法：',
  '  liandong start                                       启动机器人（无平台凭据时使用本地沙盒）',
  '  liandong deadline --from YYYY-MM-DD --period 期限 [--json]   计算期限，如 --period 2个月',
  '  liandong doctor                                      自检配置、数据库、节假日数据、平台',
  '  liandong db migrate                                  应用数据库迁移',
];

function parse(argv: string[], options: ParseArgsConfig['options'], accepted: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const m = /Unknown option '([^']+)'|Option '([^']+)[^']*' argument missing/.exec((e as Error).message);
    if (m?.[1]) throw new UsageError(`未知选项 ${m[1]}：可用选项 ${accepted}`);
    if (m?.[2]) throw new UsageError(`选项 ${m[2]} 缺少取值：可用选项 ${accepted}`);
    throw new UsageError(`参数有误：可用选项 ${accepted}`);
  }
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  loadDotEnv();
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'deadline': {
        const values = parse(rest, { from: { type: 'string' }, period: { type: 'string' }, json: { type: 'boolean' } }, '--from YYYY-MM-DD --period 期限 [--json]');
        const config = readConfig();
        const calendar = loadCalendar({ holidaysFile: config.holidaysFile, policy: config.adjustedWorkday });
        return deadlineCommand(values as { from?: string; period?: string; json?: boolean }, calendar, io);
      }
      case 'doctor':
        parse(rest, {}, '（无）');
        return await doctorCommand(io);
      case 'db': {
        if (rest[0] !== 'migrate' || rest.length > 1) throw new UsageError('未知的 db 子命令：可用 liandong db migrate');
        const config = readConfig();
        await migrateDeploy(config.databaseUrl);
        io.out(`数据库已是最新：${config.databaseFile}`);
        return 0;
      }
      case 'start': {
        parse(rest, {}, '（无）');
        const { startCommand } = await import('./start.js');
        return await startCommand(io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        for (const line of USAGE) io.out(line);
        return 0;
      default:
        throw new UsageError(`未知命令 "${command}"：可用 start、deadline、doctor、db migrate`);
    }
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
    io.err(`错误：${(e as Error).message.split('\n')[0]}`);
    return 1;
  }
}
