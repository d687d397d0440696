// The configuration's shape: what each setting means, its defaults, and the error that lists
// every problem found (read and checked by env.ts).
import type { AdjustedWorkdayPolicy } from '../domain/calendar.js';
import type { ClueCategory, ClueLimit } from '../domain/clue.js';
import type { PrepOffsets } from '../domain/meeting.js';
import type { AuditSettings } from './audit-settings.js';
import type { DingtalkConfig } from './dingtalk.js';

/** The platforms LIANDONG_PLATFORM may name: those of src/platforms/registry.ts (a test keeps the two equal). */
export const PLATFORM_NAMES = ['sandbox', 'lark', 'wechat', 'wecom', 'dingtalk'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

/**
 * Default periods per kind.
 * - recommendation: 《人民检察院检察建议工作规定》 — 被建议单位应当在两个月以内书面回复.
 * - pil_recommendation: 两高《关于检察公益诉讼案件适用法律若干问题的解释》第二十一条 — 两个月内书面回复;
 *   出现损害继续扩大等紧急情形的, 15日内 (`urgent`).
 * - urgent, for an ordinary recommendation: a local default, not a national rule (PERIOD_URGENT).
 * - task: no national rule; clue limits are in CLUE_LIMITS (src/domain/clue.ts). Both are local agreements.
 * - supervision_notice: the 司法局's 《行政执法监督通知书》 orders correction 限期; 15 days is a local
 *   default (PERIOD_SUPERVISION_NOTICE), the notice may set its own (期限=).
 */
export const DEFAULT_PERIODS = {
  recommendation: '2个月',
  pil_recommendation: '2个月',
  urgent: '15日',
  task: '1个月',
  supervision_notice: '15日',
} as const;
export type PeriodKey = keyof typeof DEFAULT_PERIODS;

/** 抄送: the legal office's group (法制群, or the 司法局's work group) and the supervisor group (督办群) */
export const COPY_TARGETS = ['legal', 'supervisor'] as const;
export type CopyTarget = (typeof COPY_TARGETS)[number];

export interface Config {
  databaseUrl: string;
  databaseFile: string;
  /** platforms chosen by which credentials are present (or LIANDONG_PLATFORM) */
  platforms: PlatformName[];
  sandboxPort: number;
  /** SANDBOX_PACE=lark: the sandbox sends at Feishu's limits (a rehearsal); default none */
  sandboxPace: 'none' | 'lark';
  clock: { mode: 'real' | 'simulated'; start?: Date };
  holidaysFile: string;
  adjustedWorkday: AdjustedWorkdayPolicy;
  periods: Record<PeriodKey, string>;
  /** office hours, minutes after midnight Asia/Shanghai */
  officeStart: number;
  officeEnd: number;
  /** reminder plan: working days before the due date (0 = the due day) */
  reminderOffsets: number[];
  /** working days after the overdue notice before escalating to leaders */
  escalationAfterWorkdays: number;
  /** working days a reply may wait for evaluation before the joint group is reminded (EVALUATION_REMINDER_WORKDAYS) */
  evaluationReminderWorkdays: number;
  /** who gets a copy (抄送) of a recommendation, a 监督通知书 and each evaluation: COPY_TO */
  copyTo: CopyTarget[];
  /** a group's notices in one day before every further one is combined into one message (GROUP_NOTICES_PER_DAY) */
  groupNoticesPerDay: number;
  /** this many notices of one kind waiting together for a group go as one message (NOTICE_COMBINE_AT) */
  noticeCombineAt: number;
  /** 线索: acceptance, closing and sleeping limits per category (CLUE_LIMITS) */
  clueLimits: Record<ClueCategory, ClueLimit>;
  /** 联席会议: preparation steps in working days before the day (MEETING_PREP_WORKDAYS) */
  meetingPrep: PrepOffsets;
  /** 联席会议: the usual start, minutes after midnight (MEETING_TIME) */
  meetingStart: number;
  /** 周报: Monday's sending time, minutes after midnight (DIGEST_TIME) */
  digestTime: number;
  rosterFile?: string;
  /** 年度考核细则 (LIANDONG_ASSESSMENT): the rubric file; the example config/assessment.example.yaml when unset */
  assessmentFile?: string;
  logLevel: string;
  lark: LarkConfig;
  wechat: WechatConfig;
  wecom: WecomConfig;
  dingtalk: DingtalkConfig;
  /** where files received in forms are kept */
  filesDir: string;
  /** the largest file kept, in bytes (LIANDONG_FILE_MAX_MB) */
  fileMaxBytes: number;
  /** 审计: the chain's key and the retention (LIANDONG_AUDIT_*, src/config/audit-settings.ts) */
  audit?: AuditSettings;
  /** the data key ring sealing restricted content (LIANDONG_DATA_KEY_FILE, LIANDONG_DATA_KEY): src/store/sealed.ts */
  dataKeys?: { file?: string; inline?: string };
}

export interface LarkConfig {
  appId?: string;
  appSecret?: string;
  encryptKey?: string;
  verificationToken?: string;
  /** ws: the SDK's long connection (no public URL needed); webhook: an HTTP endpoint */
  mode: 'ws' | 'webhook';
  webhookPort: number;
  webhookPath: string;
  /** https://open.feishu.cn, https://open.larksuite.com, or a private deployment's own domain */
  domain: string;
  /** development only: accept unencrypted webhook events */
  allowUnencrypted: boolean;
  configured: boolean;
}

export interface WechatConfig {
  /** the wechaty puppet package, e.g. wechaty-puppet-service, wechaty-puppet-padlocal, wechaty-puppet-wechat4u */
  puppet?: string;
  /** the puppet's token (hosted puppet services) */
  token?: string;
  /** pacing (see src/platforms/wechat/pacer.ts) */
  sameChatMs: number;
  switchMinMs: number;
  switchMaxMs: number;
  perMinute: number;
  dailyWarn: number;
  configured: boolean;
}

/** WeCom (企业微信, 政务微信) through its intelligent robot's long connection (src/platforms/wecom/). */
export interface WecomConfig {
  /** the robot's Bot ID and Secret (管理后台 → 智能机器人 → API 模式：长连接) */
  botId?: string;
  secret?: string;
  /** the long connection's address; a private deployment reads its own from the admin console */
  wsUrl: string;
  /** reconnect: the first wait in milliseconds, doubled up to 30 s by the SDK */
  reconnectMs: number;
  /** messages a minute (replies and active sends together) and an hour, for the whole robot */
  perMinute: number;
  perHour: number;
  /** how long after a button click the card is still updated in place (WeCom allows 5 s); later, a new message */
  cardUpdateMs: number;
  configured: boolean;
}

export const WECOM_WS_URL = 'wss://openws.work.weixin.qq.com';

export const FEISHU_DOMAIN = 'https://open.feishu.cn';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
