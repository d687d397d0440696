// /专项: 新建 (a joint inspection or special campaign), 自查 (a unit's self-inspection), 检查 (an on-site
// inspection), 问题 (a finding), 转 (a finding → task / 监督通知书 / 检察建议), 总结 (the closing report), 查看.
import { findingsOf, inspectionsOf, returnsOf } from '../../store/campaigns.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import { word } from '../core/parse.js';
import { permits } from '../core/permissions.js';
import type { CommandSpec } from '../core/spec.js';
import { convertCommand, findingCommand, inspectCommand, returnCommand } from './findings.js';
import { missingUnits, newCommand } from './plan.js';
import { closeCommand } from './report.js';
import { type CampaignRow, requireCampaign } from './service.js';

const SUB: Record<string, string> = {
  新建: 'new',
  new: 'new',
  自查: 'return',
  return: 'return',
  检查: 'inspect',
  inspect: 'inspect',
  问题: 'finding',
  finding: 'finding',
  转: 'convert',
  转为: 'convert',
  convert: 'convert',
  总结: 'close',
  close: 'close',
  查看: 'show',
  show: 'show',
};

async function showCommand(ctx: Ctx, c: CampaignRow): Promise<void> {
  const returns = await returnsOf(ctx.tx, c.id);
  reply(ctx, 'campaign.show', {
    code: c.code,
    title: c.title,
    type: t(ctx, `campaign.type.${c.type}`),
    due: c.selfDueOn,
    status: t(ctx, `campaign.status.${c.status}`),
    returned: returns.length,
    missing: (await missingUnits(ctx, c)).join('、') || t(ctx, 'common.none'),
    inspections: (await inspectionsOf(ctx.tx, c.id)).length,
    findings: (await findingsOf(ctx.tx, c.id)).length,
  });
}

export const campaignCommand: CommandSpec = {
  id: 'campaign',
  names: ['专项', '联合检查', 'campaign'],
  allow: 'member',
  async run(ctx, cmd, { forms }) {
    const sub = SUB[word(cmd, 0)];
    if (!sub) throw new UserError('error.usage', { usage: t(ctx, 'campaign.usage.all') });
    if (sub === 'show') return showCommand(ctx, await requireCampaign(ctx, cmd.positional[1], 'campaign.usage.show'));
    if (!permits(ctx, { allow: ['liaison', 'officer'] }))
      throw new UserError('campaign.error.forbidden', { usage: t(ctx, 'campaign.usage.all') });
    if (sub === 'return') return returnCommand(ctx, cmd, forms);
    if (!permits(ctx, { allow: ['liaison'] }))
      throw new UserError('campaign.error.forbidden', { usage: t(ctx, 'campaign.usage.all') });
    if (sub === 'new') return newCommand(ctx, cmd);
    if (sub === 'inspect') return inspectCommand(ctx, cmd);
    if (sub === 'finding') return findingCommand(ctx, cmd);
    if (sub === 'convert') return convertCommand(ctx, cmd);
    return closeCommand(ctx, cmd);
  },
};
