// Environment configuration, read once at start and validated: every problem is
// reported in Chinese with the variable's name and the accepted form.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import type { AdjustedWorkdayPolicy } from '../domain/calendar.js';
import { minutesOf, parseZonedInstant } from '../domain/civil-date.js';
import { parseClueLimits } from '../domain/clue.js';
import { DEFAULT_PREP } from '../domain/meeting.js';
import { PERIOD_FORMS_HINT, parsePeriod } from '../domain/period.js';
import { isPostgresUrl } from '../store/database-url.js';
import { DEFAULT_DATABASE_URL, sqliteFileFromUrl } from '../store/sqlite-file.js';
import { readAuditSettings } from './audit-settings.js';
import { readCopyTo } from './copy-to.js';
import { dingtalkCredentialsSet, readDingtalk } from './dingtalk.js';
import { readWecom, wecomCredentialsSet } from './wecom.js';

export * from './types.js';

import {
  type Config,
  ConfigError,
  DEFAULT_PERIODS,
  FEISHU_DOMAIN,
  type PeriodKey,
  PLATFORM_NAMES,
  type PlatformName,
  type WechatConfig,
} from './types.js';

/** Reads `.env` from the working directory into process.env, without overriding what is set. */
export function loadDotEnv(file = path.resolve('.env')): void {
  if (!existsSync(file)) return;
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  for (const [k, v] of Object.entries(parsed)) if (process.env[k] === undefined) process.env[k] = v;
}

/** What the readers of one section share: the variables, and the problems found so far. */
interface Reader {
  get(name: string): string | undefined;
  problems: string[];
  /** a number within [min, max], or the default (a problem when written wrong) */
  num(name: string, dflt: number, min: number, max: number): number;
}

function reader(env: NodeJS.ProcessEnv): Reader {
  const problems: string[] = [];
  const get = (k: string) => {
    const v = env[k]?.trim();
    return v ? v : undefined;
  };
  const num = (name: string, dflt: number, min: number, max: number) => {
    const text = get(name);
    if (text === undefined) return dflt;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) {
      problems.push(`${name} 应为 ${min}–${max} 的数字，收到 "${text}"`);
      return dflt;
    }
    return n;
  };
  return { get, problems, num };
}

function readDatabase({ get, problems }: Reader): Pick<Config, 'databaseUrl' | 'databaseFile'> {
  const databaseUrl = get('DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  /** the SQLite file; '' on PostgreSQL */
  let databaseFile = '';
  try {
    if (!isPostgresUrl(databaseUrl)) databaseFile = sqliteFileFromUrl(databaseUrl);
  } catch (e) {
    problems.push((e as Error).message);
  }
  return { databaseUrl, databaseFile };
}

/** LIANDONG_PLATFORM, or the platforms whose credentials are set, or the sandbox. */
function readPlatforms({ get, problems }: Reader, env: NodeJS.ProcessEnv): PlatformName[] {
  const platforms: PlatformName[] = [];
  const forced = get('LIANDONG_PLATFORM');
  if (forced) {
    for (const p of forced.split(',').map((s) => s.trim())) {
      if ((PLATFORM_NAMES as readonly string[]).includes(p)) platforms.push(p as PlatformName);
      else problems.push(`LIANDONG_PLATFORM 只能是 ${PLATFORM_NAMES.join('、')}（可用逗号组合），收到 "${p}"`);
    }
    return platforms;
  }
  if (get('LARK_APP_ID') && get('LARK_APP_SECRET')) platforms.push('lark');
  if (get('WECHATY_PUPPET')) platforms.push('wechat');
  if (wecomCredentialsSet(get)) platforms.push('wecom');
  if (dingtalkCredentialsSet(get, env)) platforms.push('dingtalk');
  return platforms.length ? platforms : ['sandbox'];
}

function readSandboxAndClock({ get, problems }: Reader): Pick<Config, 'sandboxPort' | 'sandboxPace' | 'clock'> {
  const portText = get('SANDBOX_PORT') ?? '3000';
  const sandboxPort = Number(portText);
  if (!/^\d+$/.test(portText) || sandboxPort < 0 || sandboxPort > 65535)
    problems.push(`SANDBOX_PORT 应为 0–65535 的端口号，收到 "${portText}"`);
  const sandboxPace = (get('SANDBOX_PACE') ?? 'none').toLowerCase();
  if (sandboxPace !== 'none' && sandboxPace !== 'lark')
    problems.push(`SANDBOX_PACE 只能是 none 或 lark，收到 "${sandboxPace}"`);
  const clockMode = get('LIANDONG_CLOCK') ?? 'real';
  let clockStart: Date | undefined;
  if (clockMode !== 'real' && clockMode !== 'simulated')
    problems.push(`LIANDONG_CLOCK 只能是 real 或 simulated，收到 "${clockMode}"`);
  const startText = get('LIANDONG_CLOCK_START');
  if (startText) {
    clockStart = parseZonedInstant(startText);
    if (!clockStart)
      problems.push(`LIANDONG_CLOCK_START 应为带时区的时刻，如 2026-09-01T09:00:00+08:00，收到 "${startText}"`);
  }
  return {
    sandboxPort,
    sandboxPace: sandboxPace === 'lark' ? 'lark' : 'none',
    clock: { mode: clockMode as 'real' | 'simulated', start: clockStart },
  };
}

/** The calendar policy and the default periods (PERIOD_*). */
function readPeriods({ get, problems }: Reader): Pick<Config, 'adjustedWorkday' | 'periods' | 'holidaysFile'> {
  const policy = get('LIANDONG_ADJUSTED_WORKDAY') ?? 'working';
  if (policy !== 'working' && policy !== 'rest')
    problems.push(`LIANDONG_ADJUSTED_WORKDAY 只能是 working（调休上班日按工作日计）或 rest，收到 "${policy}"`);
  const periods = { ...DEFAULT_PERIODS } as Record<PeriodKey, string>;
  for (const key of Object.keys(DEFAULT_PERIODS) as PeriodKey[]) {
    const name = `PERIOD_${key.toUpperCase()}`;
    const v = get(name);
    if (!v) continue;
    if (!parsePeriod(v)) problems.push(`${name} 不是有效期限 "${v}"，可写 ${PERIOD_FORMS_HINT}`);
    else periods[key] = v;
  }
  return {
    adjustedWorkday: policy as AdjustedWorkdayPolicy,
    periods,
    holidaysFile: path.resolve(get('LIANDONG_HOLIDAYS_FILE') ?? 'config/holidays.local.json'),
  };
}

type Timing = Pick<
  Config,
  | 'officeStart'
  | 'officeEnd'
  | 'reminderOffsets'
  | 'escalationAfterWorkdays'
  | 'groupNoticesPerDay'
  | 'evaluationReminderWorkdays'
  | 'copyTo'
  | 'noticeCombineAt'
  | 'meetingStart'
  | 'digestTime'
>;

/** Office hours, the reminder ladder and the escalation step, the meeting and digest times. */
function readTiming({ get, problems }: Reader): Timing {
  const officeStart = minutesOf(get('OFFICE_HOURS_START') ?? '09:00');
  const officeEnd = minutesOf(get('OFFICE_HOURS_END') ?? '17:30');
  if (officeStart === undefined) problems.push('OFFICE_HOURS_START 应写成 HH:MM，如 09:00');
  if (officeEnd === undefined) problems.push('OFFICE_HOURS_END 应写成 HH:MM，如 17:30');
  if (officeStart !== undefined && officeEnd !== undefined && officeEnd <= officeStart)
    problems.push('OFFICE_HOURS_END 应晚于 OFFICE_HOURS_START');
  const offsetsText = get('REMINDER_WORKDAYS_BEFORE') ?? '7,3,1,0';
  const reminderOffsets = offsetsText.split(',').map((s) => Number(s.trim()));
  if (reminderOffsets.some((n) => !Number.isInteger(n) || n < 0 || n > 60))
    problems.push(`REMINDER_WORKDAYS_BEFORE 应为逗号分隔的工作日数，如 7,3,1,0，收到 "${offsetsText}"`);
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const text = get(name) ?? String(fallback);
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`${name} 应为 ${min}–${max} 的整数，收到 "${text}"`);
    return n;
  };
  const escalationAfterWorkdays = whole('ESCALATION_AFTER_WORKDAYS', 5, 1, 60);
  const evaluationReminderWorkdays = whole('EVALUATION_REMINDER_WORKDAYS', 5, 1, 60);
  const groupNoticesPerDay = whole('GROUP_NOTICES_PER_DAY', 20, 1, 1000);
  const noticeCombineAt = whole('NOTICE_COMBINE_AT', 4, 2, 1000);
  const copyTo = readCopyTo(get('COPY_TO'), problems);
  const meetingStart = minutesOf(get('MEETING_TIME') ?? '09:30');
  if (meetingStart === undefined) problems.push('MEETING_TIME 应写成 HH:MM，如 09:30');
  const digestTime = minutesOf(get('DIGEST_TIME') ?? '09:10');
  if (digestTime === undefined) problems.push('DIGEST_TIME 应写成 HH:MM，如 09:10');
  return {
    officeStart: officeStart!,
    officeEnd: officeEnd!,
    reminderOffsets: [...new Set(reminderOffsets)].sort((a, b) => b - a),
    escalationAfterWorkdays,
    groupNoticesPerDay,
    noticeCombineAt,
    evaluationReminderWorkdays,
    copyTo,
    meetingStart: meetingStart ?? 570,
    digestTime: digestTime ?? 550,
  };
}

/** 线索 limits (CLUE_LIMITS) and the meeting preparation steps (MEETING_PREP_WORKDAYS). */
function readRoomRules({ get, problems }: Reader): Pick<Config, 'clueLimits' | 'meetingPrep'> {
  const clue = parseClueLimits(get('CLUE_LIMITS'));
  problems.push(...clue.problems);
  const prepText = get('MEETING_PREP_WORKDAYS') ?? Object.values(DEFAULT_PREP).join(',');
  const prep = prepText.split(',').map((x) => Number(x.trim()));
  if (
    prep.length !== 4 ||
    prep.some((n) => !Number.isInteger(n) || n < 1 || n > 60) ||
    !(prep[0]! > prep[1]! && prep[1]! > prep[2]! && prep[2]! >= prep[3]!)
  )
    problems.push(
      `MEETING_PREP_WORKDAYS 应为从大到小的 4 个工作日数：通知,议题截止,汇总议程,会前提醒，如 14,7,3,1，收到 "${prepText}"`,
    );
  return {
    clueLimits: clue.limits,
    meetingPrep: { notice: prep[0]!, close: prep[1]!, agenda: prep[2]!, remind: prep[3]! },
  };
}

function readLark({ get, problems }: Reader): Config['lark'] {
  const configured = Boolean(get('LARK_APP_ID') && get('LARK_APP_SECRET'));
  const larkMode = get('LARK_MODE') ?? (get('LARK_PUBLIC_URL') ? 'webhook' : 'ws');
  if (larkMode !== 'ws' && larkMode !== 'webhook')
    problems.push(`LARK_MODE 只能是 ws（长连接）或 webhook，收到 "${larkMode}"`);
  const larkPortText = get('LARK_WEBHOOK_PORT') ?? '3100';
  const larkPort = Number(larkPortText);
  if (!/^\d+$/.test(larkPortText) || larkPort > 65535)
    problems.push(`LARK_WEBHOOK_PORT 应为 0–65535 的端口号，收到 "${larkPortText}"`);
  const larkPath = get('LARK_WEBHOOK_PATH') ?? '/lark/events';
  if (!larkPath.startsWith('/')) problems.push(`LARK_WEBHOOK_PATH 应以 / 开头，收到 "${larkPath}"`);
  const larkDomain = (get('LARK_DOMAIN') ?? FEISHU_DOMAIN).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(larkDomain))
    problems.push(`LARK_DOMAIN 应为 https://open.feishu.cn 这样的地址，收到 "${larkDomain}"`);
  const allowUnencrypted = get('LARK_ALLOW_UNENCRYPTED') === '1';
  const larkAppId = get('LARK_APP_ID');
  if (larkAppId && !/^cli_[0-9a-fA-F]{16}$/.test(larkAppId))
    problems.push(`LARK_APP_ID 应形如 cli_ 加 16 位十六进制字符（飞书开放平台 → 凭证与基础信息），收到 "${larkAppId}"`);
  if (configured && larkMode === 'webhook' && !get('LARK_ENCRYPT_KEY') && !allowUnencrypted)
    problems.push(
      'LARK_MODE=webhook 需要设置 LARK_ENCRYPT_KEY（飞书开放平台 → 事件与回调 → 加密策略）；仅在开发环境可设 LARK_ALLOW_UNENCRYPTED=1',
    );
  if (configured && !get('LARK_VERIFICATION_TOKEN') && larkMode === 'webhook')
    problems.push('LARK_MODE=webhook 需要设置 LARK_VERIFICATION_TOKEN（事件与回调 → 加密策略 → Verification Token）');
  return {
    appId: get('LARK_APP_ID'),
    appSecret: get('LARK_APP_SECRET'),
    encryptKey: get('LARK_ENCRYPT_KEY'),
    verificationToken: get('LARK_VERIFICATION_TOKEN'),
    mode: larkMode as 'ws' | 'webhook',
    webhookPort: larkPort,
    webhookPath: larkPath,
    domain: larkDomain,
    allowUnencrypted,
    configured,
  };
}

function readWechat({ get, problems, num }: Reader): WechatConfig {
  const wechat: WechatConfig = {
    puppet: get('WECHATY_PUPPET'),
    token: get('WECHATY_PUPPET_SERVICE_TOKEN') ?? get('WECHATY_TOKEN'),
    sameChatMs: num('WECHAT_SAME_CHAT_MS', 1000, 0, 60_000),
    switchMinMs: num('WECHAT_SWITCH_MIN_MS', 3000, 0, 60_000),
    switchMaxMs: num('WECHAT_SWITCH_MAX_MS', 5000, 0, 60_000),
    perMinute: num('WECHAT_MAX_PER_MINUTE', 30, 1, 600),
    dailyWarn: num('WECHAT_DAILY_WARN', 500, 1, 100_000),
    configured: Boolean(get('WECHATY_PUPPET')),
  };
  if (wechat.switchMaxMs < wechat.switchMinMs) problems.push('WECHAT_SWITCH_MAX_MS 不能小于 WECHAT_SWITCH_MIN_MS');
  return wechat;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = reader(env);
  const config: Config = {
    ...readDatabase(r),
    platforms: readPlatforms(r, env),
    ...readSandboxAndClock(r),
    ...readPeriods(r),
    ...readTiming(r),
    ...readRoomRules(r),
    rosterFile: r.get('LIANDONG_ROSTER'),
    assessmentFile: r.get('LIANDONG_ASSESSMENT') ? path.resolve(r.get('LIANDONG_ASSESSMENT')!) : undefined,
    logLevel: r.get('LOG_LEVEL') ?? 'info',
    lark: readLark(r),
    wechat: readWechat(r),
    wecom: readWecom(r),
    dingtalk: readDingtalk(r, env),
    filesDir: path.resolve(r.get('LIANDONG_FILES_DIR') ?? 'data/files'),
    fileMaxBytes: r.num('LIANDONG_FILE_MAX_MB', 20, 1, 200) * 1048576,
    audit: readAuditSettings(r),
    dataKeys: {
      file: r.get('LIANDONG_DATA_KEY_FILE') ? path.resolve(r.get('LIANDONG_DATA_KEY_FILE')!) : undefined,
      inline: r.get('LIANDONG_DATA_KEY'),
    },
  };
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}
