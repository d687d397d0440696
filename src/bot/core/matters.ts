// What every tracked matter shares (检察建议, 诉前检察建议, 任务 …): its deadline from a period,
// the reminder, overdue and escalation jobs planned for it, and its registration. The replies,
// evaluations and extensions of a recommendation are the recommendations family's.
// Every function runs inside the caller's transaction and only queues messages.

import { yearOf } from '../../domain/civil-date.js';
import { computeDeadline, type Deadline } from '../../domain/deadline.js';
import { formatPeriod, readPeriod } from '../../domain/period.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import {
  insertMatter,
  keepCodeSequence,
  type MatterChange,
  type MatterWithOrgs,
  type NewMatter,
  nextMatterCode,
  updateMatter,
} from '../../store/matters.js';
import type { OrgRow } from '../../store/roster.js';
import { periodProblem } from './args.js';
import { agencyButtons, matterCard } from './cards.js';
import { audit, type Ctx, forKind, reply, t, UserError } from './context.js';
import { sendCopies } from './copies.js';
import { MATTER_JOB_KINDS, planMatterJobs } from './deadline-jobs.js';
import { explainDeadline } from './deadline-text.js';
import { notify } from './notify.js';
import type { Fields } from './prompts.js';

export {
  type DeadlinePlan,
  escalationAfter,
  MATTER_JOB_KINDS,
  matterJobs,
  moveEscalation,
  planMatterJobs,
  withRoad,
} from './deadline-jobs.js';

export function deadlineFor(ctx: Ctx, from: string, periodText: string): { deadline: Deadline; period: string } {
  const read = readPeriod(periodText);
  if ('error' in read) {
    const p = periodProblem(periodText, read.error);
    throw new UserError(p.key, p.fields);
  }
  return { deadline: computeDeadline(from, read.period, ctx.services.calendar), period: formatPeriod(read.period) };
}

export function explanation(ctx: Ctx, d: Deadline): string {
  return explainDeadline(ctx.services.prompts, d).join('\n');
}

export interface RegisterInput {
  /** a clue is registered by the clue room (bot/clues); a lawsuit and a consultation by theirs */
  kind: Exclude<MatterKind, 'clue' | 'lawsuit' | 'consultation'>;
  orgId: string;
  title: string;
  servedOn: string;
  period?: string;
  urgent?: boolean;
  summary?: string;
  /** a task from a meeting's resolution */
  meetingId?: string;
  /** the matter it follows up (a 行政执法监督通知书 names its 检察建议) */
  relatedMatterId?: string;
  /** 文号 (某检行建〔2026〕3号), shown beside the code */
  docNumber?: string;
  /** the agency's notice in words of its own (a 监督通知书 names the 司法局 and the recommendation) */
  notice?: { key: string; fields: Fields };
  /** an imported ledger row keeps its code (JY-2026-017) */
  code?: string;
  /** imported: reminders planned, but no notice or answer (the agency has had it for weeks) */
  silent?: boolean;
}

/**
 * Who issues a matter nobody typed (a ledger imported on the command line): the procuratorate
 * on the roster, the unit that issues 检察建议.
 */
async function procuratorate(ctx: Ctx) {
  const found = (await ctx.services.roster.orgs(ctx.tx)).find((o) => o.kind === 'procuratorate');
  if (!found) throw new UserError('error.no_procuratorate');
  return found;
}

/** What a registration is checked and computed to, before anything is written. */
export interface PreparedMatter {
  input: RegisterInput;
  org: OrgRow;
  deadline: Deadline;
  issuingOrgId: string;
}

/**
 * Checks a registration and computes its deadline, writing nothing: the responsible unit is an
 * agency (any unit for a task) with a bound work group; the period counts from the day served.
 */
export async function prepareMatter(ctx: Ctx, input: RegisterInput): Promise<PreparedMatter> {
  const { config } = ctx.services;
  if (input.servedOn > ctx.today)
    throw new UserError('error.served_in_future', { served: input.servedOn, today: ctx.today });
  const periodText = input.period ?? (input.urgent ? config.periods.urgent : config.periods[input.kind]);
  const { deadline } = deadlineFor(ctx, input.servedOn, periodText);
  const org = await ctx.services.roster.org(ctx.tx, input.orgId);
  // 被建议单位 is an administrative agency; a task may go to any unit (司法局, 纪委监委 …); either reachable in its bound work group
  if (!org || (org.kind !== 'agency' && input.kind !== 'task'))
    throw new UserError('error.not_an_agency', {
      org: org?.name ?? input.orgId,
      kind: t(ctx, `org_kind.${org?.kind ?? 'unknown'}`),
    });
  if ((await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency', orgId: org.id })).length === 0)
    throw new UserError('error.no_agency_group', { org: org.name });
  const issuingOrgId = ctx.member?.orgId ?? (await procuratorate(ctx)).id;
  return { input, org, deadline, issuingOrgId };
}

/** The matter's row as it is stored, from its preparation and its code. */
export function matterRow(ctx: Ctx, { input, deadline, issuingOrgId }: PreparedMatter, code: string): NewMatter {
  return {
    code,
    kind: input.kind,
    title: input.title,
    summary: input.summary ?? '',
    urgent: input.urgent ?? false,
    issuingOrgId,
    responsibleOrgId: input.orgId,
    servedOn: input.servedOn,
    periodRule: deadline.period,
    dueOn: deadline.due,
    originalDueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    createdById: ctx.member?.id ?? null,
    createdAt: ctx.now,
    meetingId: input.meetingId ?? null,
    relatedMatterId: input.relatedMatterId ?? null,
    docNumber: input.docNumber ?? null,
  };
}

export async function registerMatter(ctx: Ctx, input: RegisterInput): Promise<MatterWithOrgs> {
  const prepared = await prepareMatter(ctx, input);
  const { org, deadline } = prepared;
  const code = input.code ?? (await nextMatterCode(ctx.tx, input.kind, yearOf(input.servedOn)));
  if (input.code) await keepCodeSequence(ctx.tx, input.code);
  const created = await insertMatter(ctx.tx, matterRow(ctx, prepared, code));
  await planMatterJobs(ctx, created.id, deadline.due);
  // the new matter with its orgs, from the roster in memory (no read back)
  const issuing = await ctx.services.roster.orgRow(ctx.tx, created.issuingOrgId);
  const matter: MatterWithOrgs = {
    ...created,
    responsibleOrg: (await ctx.services.roster.orgRow(ctx.tx, org.id))!,
    issuingOrg: issuing!,
  };
  audit(ctx, input.silent ? 'matter.import' : 'matter.register', code, {
    kind: input.kind,
    org: org.name,
    dueOn: deadline.due,
    provisional: deadline.provisional,
  });
  if (input.silent) return matter;

  const kindLabel = MATTER_KIND_LABEL[input.kind];
  await notify(
    ctx,
    'agency',
    input.orgId,
    input.notice?.key ?? forKind(ctx, 'matter.registered_notice', input.kind),
    {
      ...input.notice?.fields,
      kind: kindLabel,
      code,
      title: input.title,
      served: input.servedOn,
      period: deadline.period,
      due: deadline.due,
    },
    {
      card: matterCard(
        ctx,
        matter,
        forKind(ctx, 'card.title.registered', input.kind),
        'info',
        agencyButtons(ctx, code, input.kind),
      ),
      matterId: matter.id,
    },
  );
  const unit = t(ctx, input.kind.endsWith('recommendation') ? 'matter.unit_recommendation' : 'matter.unit_task');
  reply(
    ctx,
    'matter.registered',
    {
      kind: kindLabel,
      code: input.docNumber ? t(ctx, 'matter.code_with_doc', { code, doc: input.docNumber }) : code,
      unit,
      org: org.name,
      due: deadline.due,
      explanation: explanation(ctx, deadline),
      // a recommendation registered without its 检察建议书: how to send it on
      documents: input.kind.endsWith('recommendation') ? t(ctx, 'matter.documents_hint', { code, org: org.name }) : '',
    },
    { matterId: matter.id },
  );
  if (deadline.due < ctx.today) reply(ctx, 'matter.registered_overdue', { code, due: deadline.due });
  await sendCopies(ctx, matter, 'matter.copy_registered', {
    kind: kindLabel,
    code,
    title: input.title,
    issuer: matter.issuingOrg.name,
    org: org.name,
    served: input.servedOn,
    period: deadline.period,
    due: deadline.due,
  });
  ctx.completed = { action: t(ctx, 'card.used.register') };
  return matter;
}

/**
 * A matter's new due date (退回 with a new period, 延期 granted): the date and how it was
 * counted are kept, the pending reminders go, and the new date's reminders are planned.
 */
export async function moveDeadline(
  ctx: Ctx,
  matterId: string,
  deadline: Deadline,
  change: Pick<MatterChange, 'status'> = {},
): Promise<void> {
  await updateMatter(ctx.tx, matterId, {
    ...change,
    dueOn: deadline.due,
    dueProvisional: deadline.provisional,
    dueBasis: JSON.stringify(deadline),
    updatedAt: ctx.now,
  });
  await cancelPendingJobs(ctx.tx, matterId, MATTER_JOB_KINDS);
  await planMatterJobs(ctx, matterId, deadline.due);
}
