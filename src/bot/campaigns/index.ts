// 联合检查、联合巡查、专项行动 (ZX-…): units self-inspect by a deadline (reminded, the missing named), the
// lead units inspect on site and sample files, findings become tasks, 监督通知书 or 检察建议 by button, and
// a closing report gives the counts (Jiashan 联合巡查; Xiang'an 每年联合检查; Luoyang 专项行动).
import type { Ctx } from '../core/context.js';
import type { CommandFamily } from '../core/spec.js';
import { campaignCommand } from './commands.js';
import { returnForm } from './findings.js';
import { CAMPAIGN_JOBS, campaignJob } from './plan.js';

export const campaigns: CommandFamily = {
  name: 'campaigns',
  words: ['campaign'],
  auditActions: [
    'campaign.new',
    'campaign.return',
    'campaign.inspect',
    'campaign.finding',
    'campaign.convert',
    'campaign.close',
  ],
  options: {
    selfDue: ['自查截止', '自查期限', 'self_due'],
    kind: ['类型', '种类', 'type', 'kind'],
    on: ['日期', '会议日期', 'on'],
    sampled: ['抽查', '抽查卷数', 'sampled'],
    detail: ['说明', 'detail'],
    no: ['序号', 'no'],
    review: ['评查', '评查计划', 'review'],
  },
  commands: [campaignCommand],
  forms: [returnForm],
  jobs: Object.fromEntries(
    CAMPAIGN_JOBS.map((k) => [k, (ctx: Ctx, payload: Record<string, unknown>) => campaignJob(ctx, k, payload)]),
  ),
  officeHours: [...CAMPAIGN_JOBS],
};
