// /应诉: 新建 (register.ts), 答辩 (the 答辩举证 filed), 开庭 (the hearing set or moved), 设置 (whether the
// head must appear), 上诉 (an appeal lodged), 未出庭 (the procuratorate's list of cases where the head
// should have appeared and did not), 统计 (each unit's figures, domain/lawsuit-figures.ts).
import { shanghaiDate, yearOf, yearSupported } from '../../domain/civil-date.js';
import { shareText } from '../../domain/lawsuit-figures.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import {
  headAbsences,
  lawsuitFiguresOfYear,
  lawsuitOfMatter,
  lawsuitsOf,
  updateLawsuit,
} from '../../store/lawsuits.js';
import { updateMatter } from '../../store/matters.js';
import { dateOption, NEW_WORDS, rejectUnknownKeys, textOption, yesNoOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import { word } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { assertActsFor, lawsuitArg } from './access.js';
import { planHearing } from './hearing.js';
import { recordAppeal } from './judgment.js';
import { registerLawsuit, timeOption } from './register.js';
import { DEFENCE_JOB_KINDS } from './road.js';

const SUB: Record<string, (ctx: Ctx, cmd: ParsedCommand) => Promise<void>> = {
  答辩: defended,
  答辩举证: defended,
  开庭: hearing,
  设置: setHead,
  上诉: appeal,
  未出庭: absences,
  统计: figures,
  列表: list,
};

const UNIT_KINDS = ['agency', 'judicial'];

export const lawsuitCommand: CommandSpec = {
  id: 'lawsuit',
  names: ['应诉', '行政应诉', 'lawsuit'],
  allow: 'member',
  async run(ctx, cmd) {
    const w = word(cmd, 0);
    const sub = NEW_WORDS.includes(w) ? registerLawsuit : SUB[w];
    if (!sub) throw new UserError('error.usage', { usage: t(ctx, 'lawsuit.usage.all') });
    const reads = sub === absences || sub === figures || sub === list;
    if (!reads && !UNIT_KINDS.includes(ctx.member!.orgKind))
      throw new UserError('lawsuit.error.units_only', { usage: t(ctx, 'lawsuit.usage.all') });
    await sub(ctx, { ...cmd, positional: cmd.positional.slice(1) });
  },
};

async function caseOf(ctx: Ctx, cmd: ParsedCommand, usage: string) {
  rejectUnknownKeys(ctx, cmd, usage);
  const m = await lawsuitArg(ctx, cmd, usage);
  assertActsFor(ctx, m);
  return { m, l: (await lawsuitOfMatter(ctx.tx, m.id))! };
}

/** 答辩举证 filed (日期= defaults to today): the deadline's jobs stop; late or on time is said. */
async function defended(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { m, l } = await caseOf(ctx, cmd, 'lawsuit.usage.defended');
  if (l.defendedOn) throw new UserError('lawsuit.error.defended_already', { code: m.code, on: l.defendedOn });
  const on = cmd.options.on ? dateOption(cmd.options.on, t(ctx, 'lawsuit.usage.defended')) : ctx.today;
  if (on > ctx.today || on < l.copyReceivedOn)
    throw new UserError('lawsuit.error.bad_defended_on', { on, copy: l.copyReceivedOn, today: ctx.today });
  await updateLawsuit(ctx.tx, l.id, { defendedOn: on });
  await updateMatter(ctx.tx, m.id, { status: 'replied', updatedAt: ctx.now });
  await cancelPendingJobs(ctx.tx, m.id, DEFENCE_JOB_KINDS);
  const late = on > m.dueOn;
  audit(ctx, 'lawsuit.defended', m.code, { on, late });
  reply(
    ctx,
    late ? 'lawsuit.defended_late' : 'lawsuit.defended',
    { code: m.code, on, due: m.dueOn },
    { matterId: m.id },
  );
}

async function hearing(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { m, l } = await caseOf(ctx, cmd, 'lawsuit.usage.hearing');
  const o = cmd.options;
  if (!o.hearing) throw new UserError('lawsuit.error.hearing_missing', { usage: t(ctx, 'lawsuit.usage.hearing') });
  if (l.appearance || l.judgmentKind) throw new UserError('lawsuit.error.hearing_held', { code: m.code });
  const on = dateOption(o.hearing, t(ctx, 'lawsuit.usage.hearing'));
  if (on < ctx.today) throw new UserError('lawsuit.error.hearing_past', { on, today: ctx.today });
  const time = timeOption(ctx, o.time);
  const court = o.court ? textOption(o.court, t(ctx, 'lawsuit.label.court'), 60) : l.court;
  await updateLawsuit(ctx.tx, l.id, { hearingOn: on, hearingTime: time, court });
  await planHearing(ctx, m.id, on);
  audit(ctx, 'lawsuit.hearing', m.code, { on });
  reply(
    ctx,
    'lawsuit.hearing_set',
    { code: m.code, on: `${on} ${time}`.trim(), court: court || t(ctx, 'lawsuit.court_unknown') },
    { matterId: m.id },
  );
}

/** 负责人应出庭=是|否 理由=…: set by the agency or the 司法局, kept with who set it. */
async function setHead(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { m, l } = await caseOf(ctx, cmd, 'lawsuit.usage.set');
  const required = yesNoOption(cmd.options.headRequired, t(ctx, 'lawsuit.label.head_required'));
  if (required === undefined) throw new UserError('lawsuit.error.set_missing', { usage: t(ctx, 'lawsuit.usage.set') });
  if (l.appearance) throw new UserError('lawsuit.error.receipt_given', { code: m.code });
  const reason = cmd.options.reason ? textOption(cmd.options.reason, t(ctx, 'lawsuit.label.reason'), 200) : '';
  await updateLawsuit(ctx.tx, l.id, { headRequired: required, headBasis: 'set', headSetById: ctx.member!.id });
  audit(ctx, 'lawsuit.head_set', m.code, { required });
  reply(
    ctx,
    required ? 'lawsuit.head_set_yes' : 'lawsuit.head_set_no',
    { code: m.code, reason, by: ctx.member!.orgName },
    { matterId: m.id },
  );
}

async function appeal(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  const { m } = await caseOf(ctx, cmd, 'lawsuit.usage.appeal');
  const on = cmd.options.on ? dateOption(cmd.options.on, t(ctx, 'lawsuit.usage.appeal')) : ctx.today;
  if (on > ctx.today) throw new UserError('lawsuit.error.appeal_in_future', { on, today: ctx.today });
  await recordAppeal(ctx, m, on);
}

/** The cases where the head should have appeared and did not: entrusted, or the hearing passed with no receipt. */
async function absences(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'lawsuit.usage.absent');
  const cases = await headAbsences(ctx.tx, ctx.today);
  if (!cases.length) return reply(ctx, 'lawsuit.absent_none');
  const lines = cases.map(({ lawsuit: l, matter: m }) =>
    t(ctx, l.appearance ? 'lawsuit.absent_line' : 'lawsuit.absent_line_no_receipt', {
      code: m.code,
      caseNumber: l.caseNumber,
      org: m.responsibleOrg.name,
      on: l.hearingOn ?? '',
      reason: l.entrustReason,
      filed: t(ctx, l.explanationFiled ? 'lawsuit.explanation.filed' : 'lawsuit.explanation.not_filed'),
    }),
  );
  audit(ctx, 'lawsuit.absent_list', undefined, { count: cases.length });
  reply(ctx, 'lawsuit.absent_list', { count: cases.length, lines: lines.join('\n') });
}

async function figures(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'lawsuit.usage.figures');
  const raw = cmd.positional[0];
  const year = raw ? Number(raw) : yearOf(ctx.today);
  if (!Number.isInteger(year) || !yearSupported(year))
    throw new UserError('lawsuit.error.bad_year', { value: raw ?? '', usage: t(ctx, 'lawsuit.usage.figures') });
  const asOf = `${year}-12-31` < ctx.today ? `${year}-12-31` : shanghaiDate(ctx.now);
  const units = await lawsuitFiguresOfYear(ctx.tx, year, asOf);
  if (!units.length) return reply(ctx, 'lawsuit.figures_none', { year });
  const lines = units.map((u) =>
    t(ctx, 'lawsuit.figures_line', {
      org: u.orgName,
      cases: u.cases.count,
      head: shareText(u.headRate),
      defence: shareText(u.defenceRate),
      complied: shareText(u.complianceRate),
      absent: u.headAbsent.length ? t(ctx, 'lawsuit.figures_absent', { codes: u.headAbsent.join('、') }) : '',
    }),
  );
  reply(ctx, 'lawsuit.figures', { year, asOf, lines: lines.join('\n') });
}

/** The unit's cases (an agency's people), or every unit's (the procuratorate, the 司法局 …), newest first. */
async function list(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'lawsuit.usage.list');
  const own = ctx.member!.orgKind === 'agency' ? ctx.member!.orgId : undefined;
  const cases = await lawsuitsOf(ctx.tx, own);
  if (!cases.length) return reply(ctx, 'lawsuit.list_empty');
  const lines = cases.map(({ lawsuit: l, matter: m }) =>
    t(ctx, 'lawsuit.list_line', {
      code: m.code,
      caseNumber: l.caseNumber,
      org: m.responsibleOrg.name,
      cause: l.cause,
      stage: t(
        ctx,
        l.finalOn
          ? 'lawsuit.stage.final'
          : l.judgmentKind
            ? 'lawsuit.stage.judged'
            : l.appearance
              ? 'lawsuit.stage.heard'
              : l.defendedOn
                ? 'lawsuit.stage.defended'
                : 'lawsuit.stage.registered',
        { due: m.dueOn },
      ),
    }),
  );
  reply(ctx, 'lawsuit.list', { count: cases.length, lines: lines.join('\n') });
}
