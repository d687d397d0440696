// `liandong doctor`: a checklist a county IT officer can read.
import { existsSync } from 'node:fs';
import { HolidayFileError, loadCalendar } from '../config/calendar-source.js';
import { type Config, ConfigError, readConfig } from '../config/env.js';
import { formatShanghai, shanghaiDate, yearOf } from '../domain/civil-date.js';
import { LOGIN_STATE_KEY } from '../platforms/wechat/adapter.js';
import { CONNECTION_STATE_KEY } from '../platforms/wecom/receiver.js';
import { errorReason, redactUrl } from '../store/database-url.js';
import { type Db, migrationState, openDb } from '../store/db.js';
import { getSetting } from '../store/settings.js';
import { type DatabaseClock, readDatabaseClock } from './clock.js';
import type { Io } from './io.js';

export type CheckLevel = 'ok' | 'warn' | 'fail';
export interface Check {
  level: CheckLevel;
  label: string;
  detail: string;
}

const MARK: Record<CheckLevel, string> = { ok: '✔', warn: '!', fail: '✘' };

/** The WeChat login the bot last recorded: logged in, logged out (messages kept), or waiting for a scan. */
async function wechatLogin(db: Db): Promise<Check> {
  const raw = await getSetting(db, LOGIN_STATE_KEY);
  const login = raw ? (JSON.parse(raw) as { state: string; at: string; link?: string }) : undefined;
  const words: Record<string, string> = {
    logged_in: '已登录',
    logged_out: '已登出（消息暂存，重新登录后发送）',
    scan: `等待扫码登录：${login?.link ?? ''}`,
  };
  if (!login) return { level: 'warn', label: '微信登录', detail: '尚未登录过：运行 npm start 后扫码' };
  return {
    level: login.state === 'logged_in' ? 'ok' : 'warn',
    label: '微信登录',
    detail: `${words[login.state] ?? login.state}（${login.at}）`,
  };
}

/** The database: reachable, its migrations applied, (with WeChat) the last login, and its clock. */
async function databaseChecks(
  config: Config,
): Promise<{ checks: Check[]; clock?: DatabaseClock; wecomState?: { state: string; at: string } }> {
  const checks: Check[] = [];
  let clock: DatabaseClock | undefined;
  let wecomState: { state: string; at: string } | undefined;
  const where = config.databaseFile || redactUrl(config.databaseUrl);
  try {
    const db = await openDb(config.databaseUrl);
    try {
      const state = await migrationState(db);
      checks.push({
        level: 'ok',
        label: '数据库',
        detail: `可访问：${where}${config.databaseFile ? '' : '（PostgreSQL，可多个进程共用）'}`,
      });
      if (state.failed.length)
        checks.push({ level: 'fail', label: '数据库迁移', detail: `有失败的迁移：${state.failed.join('、')}` });
      else if (state.pending.length)
        checks.push({
          level: 'warn',
          label: '数据库迁移',
          detail: `${state.pending.length} 个迁移未应用（npm start 会自动应用，或运行 liandong db migrate）`,
        });
      else checks.push({ level: 'ok', label: '数据库迁移', detail: `已是最新（${state.applied.length} 个迁移）` });
      if (!state.failed.length && !state.pending.length)
        checks.push(...(await (await import('./audit-command.js')).auditChecks(config, db)));
      if (config.wechat.configured && state.pending.length === 0) checks.push(await wechatLogin(db));
      if (config.wecom.configured && state.pending.length === 0)
        wecomState = ((v) => (v ? JSON.parse(v) : undefined))(await getSetting(db, CONNECTION_STATE_KEY));
      // the year to check the holiday data for: the database's (a sandbox's simulated clock), else now
      if (!state.failed.length && !state.pending.length)
        clock = await readDatabaseClock(config, db).catch(() => undefined);
    } finally {
      await db.$disconnect();
    }
  } catch (e) {
    // Prisma wraps the driver's words ("\nInvalid `prisma…` invocation:\n\n\nunable to open database file"): keep the last line that says something
    const reason = errorReason(e);
    checks.push({
      level: 'fail',
      label: '数据库',
      detail: config.databaseFile
        ? `无法打开 ${config.databaseFile}：${reason}。请检查 DATABASE_URL 所指的目录是否存在、是否可写，磁盘是否已满。`
        : reason.startsWith('无法连接')
          ? reason
          : `无法连接 ${where}：${reason}`,
    });
  }
  return { checks, clock, wecomState };
}

/** The holiday data for this year and the next, the 调休 policy, and the local holiday file. */
function calendarChecks(config: Config, now: Date): Check[] {
  const checks: Check[] = [];
  try {
    const calendar = loadCalendar({ holidaysFile: config.holidaysFile, policy: config.adjustedWorkday });
    const thisYear = yearOf(shanghaiDate(now));
    for (const y of [thisYear, thisYear + 1]) {
      checks.push(
        calendar.covers(y)
          ? { level: 'ok', label: `节假日数据 ${y}`, detail: `已收录（来源：${calendar.sourceOf(y)}）` }
          : {
              level: 'warn',
              label: `节假日数据 ${y}`,
              detail: `未收录：涉及 ${y} 年的期限将标为“待核”。国务院公布安排后写入 ${config.holidaysFile}（格式见 README）`,
            },
      );
    }
    checks.push({
      level: 'ok',
      label: '调休上班日',
      detail:
        config.adjustedWorkday === 'working'
          ? '按工作日计（LIANDONG_ADJUSTED_WORKDAY=working）'
          : '按休息日计（LIANDONG_ADJUSTED_WORKDAY=rest）',
    });
    if (existsSync(config.holidaysFile))
      checks.push({ level: 'ok', label: '本地节假日文件', detail: config.holidaysFile });
  } catch (e) {
    if (!(e instanceof HolidayFileError)) throw e;
    checks.push({ level: 'fail', label: '节假日数据', detail: e.message });
  }
  return checks;
}

/** Feishu's credentials, asked of its Open API. */
async function larkChecks(config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  if (config.lark.configured) {
    const { LarkAdapter } = await import('../platforms/lark/adapter.js');
    const { silentLogger } = await import('../log.js');
    const adapter = new LarkAdapter(config.lark, silentLogger, { whenRequired: () => '' });
    const r = await adapter.checkCredentials(config.lark.appId!, config.lark.appSecret!);
    checks.push({
      level: r.ok ? 'ok' : 'fail',
      label: '飞书凭据',
      detail: r.ok
        ? `${r.detail}（${config.lark.domain}，${config.lark.mode === 'ws' ? '长连接' : `Webhook ${config.lark.webhookPath}`}）`
        : `${r.detail}；请核对 LARK_APP_ID、LARK_APP_SECRET 和 LARK_DOMAIN`,
    });
  }
  return checks;
}

/**
 * WeCom: a robot has one long connection, and a new one closes the old. While the bot's process
 * holds it (as it last recorded), that is the check; otherwise a connection is opened, authenticated
 * with the Bot ID and Secret, and closed again.
 */
async function wecomChecks(config: Config, last?: { state: string; at: string }): Promise<Check[]> {
  if (!config.wecom.configured) return [];
  const label = '企业微信长连接';
  if (last?.state === 'connected')
    return [
      {
        level: 'ok',
        label,
        detail: `机器人进程已连接（${last.at} 起，${config.wecom.wsUrl}）；为免挤掉该连接，未另行测试`,
      },
    ];
  const { WSClient } = await import('@wecom/aibot-node-sdk');
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const client = new WSClient({
    botId: config.wecom.botId!,
    secret: config.wecom.secret!,
    wsUrl: config.wecom.wsUrl,
    maxReconnectAttempts: 0,
    maxAuthFailureAttempts: 0,
    logger: quiet,
  });
  const result = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve('10 秒内未完成认证'), 10_000);
    const done = (problem?: string) => {
      clearTimeout(timer);
      resolve(problem);
    };
    client.on('authenticated', () => done());
    client.on('error', (err) => done(String(err?.message ?? err).slice(0, 160)));
    client.connect();
  });
  client.disconnect();
  return [
    result === undefined
      ? { level: 'ok', label, detail: `已认证（${config.wecom.wsUrl}）` }
      : { level: 'fail', label, detail: `${result}；请核对 WECOM_BOT_ID、WECOM_BOT_SECRET 和 WECOM_WS_URL` },
  ];
}

/** DingTalk: the token, the Stream gateway (src/platforms/dingtalk/doctor.ts, imported only when configured). */
async function dingtalkChecks(config: Config): Promise<Check[]> {
  const dt = config.dingtalk;
  if (!dt.configured && !dt.webhooks.length) return [];
  const { dingtalkChecks: checks } = await import('../platforms/dingtalk/doctor.js');
  return checks(dt);
}

/** `now`: the moment to check at; by default the database's clock (the sandbox's simulated time, or now). */
export async function runChecks(env: NodeJS.ProcessEnv, now?: Date): Promise<Check[]> {
  const checks: Check[] = [];
  let config: Config;
  try {
    config = readConfig(env);
    checks.push({ level: 'ok', label: '配置', detail: '环境变量有效' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const p of e.problems) checks.push({ level: 'fail', label: '配置', detail: p });
    return checks;
  }

  const database = await databaseChecks(config);
  checks.push(...database.checks);
  const clock = database.clock;
  if (!now && clock?.simulated)
    checks.push({
      level: 'ok',
      label: '时钟',
      detail: `模拟时钟，数据库中的时间 ${formatShanghai(clock.now)}（北京时间）`,
    });
  checks.push(...calendarChecks(config, now ?? clock?.now ?? new Date()));
  checks.push(...(await larkChecks(config)));
  checks.push(...(await wecomChecks(config, database.wecomState)));
  checks.push(...(await dingtalkChecks(config)));
  checks.push({
    level: 'ok',
    label: '聊天平台',
    detail: `启用：${config.platforms.join('、')}；飞书${config.lark.configured ? '已配置' : '未配置（LARK_APP_ID、LARK_APP_SECRET）'}；微信${config.wechat.configured ? `已配置（${config.wechat.puppet}）` : '未配置（WECHATY_PUPPET）'}；企业微信${config.wecom.configured ? '已配置' : '未配置（WECOM_BOT_ID、WECOM_BOT_SECRET）'}；钉钉${config.dingtalk.configured ? '已配置' : config.dingtalk.webhooks.length ? '仅群自定义机器人（通知）' : '未配置（DINGTALK_CLIENT_ID、DINGTALK_CLIENT_SECRET）'}`,
  });
  return checks;
}

export async function doctorCommand(io: Io, env: NodeJS.ProcessEnv = process.env, now?: Date): Promise<number> {
  const checks = await runChecks(env, now);
  io.out('liandong 自检');
  for (const c of checks) io.out(`${MARK[c.level]} ${c.label}：${c.detail}`);
  const failed = checks.filter((c) => c.level === 'fail').length;
  const warned = checks.filter((c) => c.level === 'warn').length;
  io.out(failed ? `有 ${failed} 项未通过，请按提示修正。` : warned ? `基本正常，有 ${warned} 项提醒。` : '全部正常。');
  return failed ? 1 : 0;
}
