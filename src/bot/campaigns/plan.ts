// /专项 新建: a joint inspection or special campaign (ZX-…), the call to each unit for its self-inspection,
// reminders before the deadline with who has not returned, and the missing list the day after it.
import type { CardButton } from '../../chat/messages.js';
import { yearOf } from '../../domain/civil-date.js';
import { shiftWorkingDays } from '../../domain/office-hours.js';
import { atOfficeStart } from '../../domain/reminder-plan.js';
import { addCampaign, campaignById, returnsOf } from '../../store/campaigns.js';
import { type JobInput, planJobs } from '../../store/jobs.js';
import { nextCode } from '../../store/matters.js';
import type { OrgRow } from '../../store/roster.js';
import { dateOption, orgArg, rejectUnknownKeys, textOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import { notify, notifyUnit } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { assertOrganiser, type CampaignRow, orgNames, unitIds } from './service.js';

export const CAMPAIGN_JOBS = ['campaign_remind', 'campaign_self_due'];
const TYPES: Record<string, string> = {
  联合检查: 'joint_inspection',
  联合巡查: 'joint_patrol',
  专项行动: 'special_action',
  专项检查: 'special_action',
};
const ALL = ['全部', '所有', 'all'];

async function unitsOf(ctx: Ctx, text: string): Promise<OrgRow[]> {
  const orgs = await ctx.services.roster.orgs(ctx.tx);
  if (ALL.includes(text.trim())) return orgs.filter((o) => o.kind === 'agency');
  const out: OrgRow[] = [];
  for (const q of text.split(/[,，、;；\s]+/).filter(Boolean)) {
    const o = await orgArg(ctx, q);
    if (!out.some((x) => x.id === o.id)) out.push(o);
  }
  return out;
}

export function returnButtons(ctx: Ctx, code: string): CardButton[] {
  return [{ label: t(ctx, 'campaign.button.return'), command: `/专项 自查 ${code}`, style: 'primary' }];
}

async function planCampaignJobs(ctx: Ctx, c: CampaignRow): Promise<void> {
  const { calendar, config } = ctx.services;
  const jobs: JobInput[] = [];
  for (const n of config.reminderOffsets) {
    const day = shiftWorkingDays(c.selfDueOn, -n, calendar);
    if (day >= ctx.today)
      jobs.push({
        kind: 'campaign_remind',
        key: `campaign:${c.id}:remind:${n}`,
        dueAt: atOfficeStart(day, config.officeStart),
        payload: { campaignId: c.id },
      });
  }
  jobs.push({
    kind: 'campaign_self_due',
    key: `campaign:${c.id}:due`,
    dueAt: atOfficeStart(shiftWorkingDays(c.selfDueOn, 1, calendar), config.officeStart),
    payload: { campaignId: c.id },
  });
  await planJobs(ctx.tx, jobs, ctx.now);
  ctx.scheduled = true;
}

export async function newCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  await assertOrganiser(ctx);
  rejectUnknownKeys(ctx, cmd, 'campaign.usage.new');
  const o = cmd.options;
  const usage = t(ctx, 'campaign.usage.new');
  if (!o.title || !o.org || !o.selfDue) throw new UserError('campaign.error.missing', { usage });
  const title = textOption(o.title, t(ctx, 'campaign.label.title'), 100);
  const type = o.kind ? TYPES[o.kind.trim()] : 'joint_inspection';
  if (!type) throw new UserError('campaign.error.type', { value: o.kind!, types: Object.keys(TYPES).join('、') });
  const units = await unitsOf(ctx, o.org);
  if (!units.length) throw new UserError('campaign.error.no_units', { usage });
  const selfDueOn = dateOption(o.selfDue, usage);
  if (selfDueOn < ctx.today) throw new UserError('campaign.error.due_past', { due: selfDueOn, today: ctx.today });
  const code = await nextCode(ctx.tx, 'ZX', yearOf(ctx.today));
  const c = await addCampaign(ctx.tx, {
    code,
    title,
    type,
    orgIds: JSON.stringify(units.map((u) => u.id)),
    selfDueOn,
    createdById: ctx.member!.id,
    createdAt: ctx.now,
  });
  await planCampaignJobs(ctx, c);
  const fields = { code, title, type: t(ctx, `campaign.type.${type}`), due: selfDueOn };
  for (const u of units)
    await notifyUnit(ctx, u.id, 'campaign.request', fields, {
      card: {
        title: t(ctx, 'campaign.card.request', fields),
        tone: 'info',
        fields: [],
        buttons: returnButtons(ctx, code),
      },
    });
  audit(ctx, 'campaign.new', code, { type, units: units.length });
  reply(ctx, 'campaign.created', { ...fields, count: units.length, units: units.map((u) => u.name).join('、') });
}

/** The units that have not returned their self-inspection. */
export async function missingUnits(ctx: Ctx, c: CampaignRow): Promise<string[]> {
  const sent = new Set((await returnsOf(ctx.tx, c.id)).map((r) => r.orgId));
  const names = await orgNames(ctx);
  return unitIds(c)
    .filter((id) => !sent.has(id))
    .map((id) => names.get(id) ?? id);
}

export async function campaignJob(ctx: Ctx, kind: string, payload: Record<string, unknown>): Promise<void> {
  const c = await campaignById(ctx.tx, String(payload.campaignId));
  if (c?.status !== 'open') return;
  const sent = new Set((await returnsOf(ctx.tx, c.id)).map((r) => r.orgId));
  const fields = { code: c.code, title: c.title, due: c.selfDueOn };
  if (kind === 'campaign_remind')
    for (const id of unitIds(c).filter((x) => !sent.has(x)))
      await notifyUnit(ctx, id, 'campaign.reminder', fields, {
        card: {
          title: t(ctx, 'campaign.card.reminder', fields),
          tone: 'warning',
          fields: [],
          buttons: returnButtons(ctx, c.code),
        },
      });
  const missing = await missingUnits(ctx, c);
  if (missing.length)
    await notify(ctx, 'joint', undefined, kind === 'campaign_remind' ? 'campaign.missing' : 'campaign.missing_after', {
      ...fields,
      count: missing.length,
      units: missing.join('、'),
    });
}
