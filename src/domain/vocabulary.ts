// The glossary's closed vocabularies (DESIGN.md), with their Chinese labels.

export const MATTER_KINDS = [
  'recommendation',
  'pil_recommendation',
  'clue',
  'task',
  'supervision_notice',
  'lawsuit',
  'consultation',
] as const;
export type MatterKind = (typeof MATTER_KINDS)[number];

export const MATTER_KIND_LABEL: Record<MatterKind, string> = {
  recommendation: '检察建议',
  pil_recommendation: '诉前检察建议',
  clue: '线索',
  task: '任务',
  supervision_notice: '行政执法监督通知书',
  lawsuit: '行政应诉案件',
  consultation: '咨询',
};

/** prefix of the human code: JY-2026-001 */
export const MATTER_CODE_PREFIX: Record<MatterKind, string> = {
  recommendation: 'JY',
  pil_recommendation: 'SQ',
  clue: 'XS',
  task: 'RW',
  supervision_notice: 'TZ',
  lawsuit: 'YS',
  // 咨询 / 征求意见 (ZX- is the glossary's 专项行动)
  consultation: 'ZQ',
};

// recommendations and tasks: registered → replied → closed (or returned), or → rectifying (正在整改,
// owing the final reply by the expected date) → replied → closed; clues:
// referred → handling → closed (or bounced back to the referrer, or forwarded on)
export const MATTER_STATUSES = [
  'registered',
  'replied',
  'rectifying',
  'returned',
  'closed',
  'withdrawn',
  'referred',
  'handling',
  'bounced',
] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];

export const MATTER_STATUS_LABEL: Record<MatterStatus, string> = {
  registered: '待反馈',
  replied: '已反馈待评估',
  rectifying: '正在整改',
  returned: '已退回待重新整改',
  closed: '已办结',
  withdrawn: '已撤回',
  referred: '已移送待受理',
  handling: '办理中',
  bounced: '已退回待重新移送',
};

// head: the unit's 负责人 (行政诉讼法 第3条第3款: 被诉行政机关负责人应当出庭应诉), told of its hearings
export const ROLES = ['liaison', 'officer', 'supervisor', 'leader', 'admin', 'head'] as const;
export type Role = (typeof ROLES)[number];

// legal: the government's legal office (法制办, 法制科) where copies of supervision documents go (抄送)
export const CHAT_PURPOSES = ['agency', 'supervisor', 'leaders', 'joint', 'legal'] as const;
export type ChatPurpose = (typeof CHAT_PURPOSES)[number];

export const CHAT_PURPOSE_LABEL: Record<ChatPurpose, string> = {
  agency: '单位工作群',
  supervisor: '督办群',
  leaders: '领导群',
  joint: '联动群',
  legal: '法制群',
};

export const ORG_KINDS = ['procuratorate', 'agency', 'supervisor', 'judicial', 'discipline', 'government'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const RECT_STATUSES = ['done', 'in_progress', 'impossible'] as const;
export type RectStatus = (typeof RECT_STATUSES)[number];
export const RECT_STATUS_LABEL: Record<RectStatus, string> = {
  done: '已整改到位',
  in_progress: '正在整改',
  // 不予采纳 (the agency does not accept the recommendation, with its reasons); stored as impossible,
  // the 无法整改 of earlier replies
  impossible: '不予采纳',
};

/** restricted (限制知悉): content only by direct message to those who must know, every reading audited */
export const CONFIDENTIALITY = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];
