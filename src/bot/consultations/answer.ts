// The answer: /答复 ZQ-… opens the answer form (prompts/forms/consultation_answer.yaml) in the person's
// direct chat — the answer with its files — and the asker gets it by direct message, late or on time
// said; the asker's unit group hears only that it was answered. /咨询 回执 ZQ-… 参会人=… answers a
// 行政复议 hearing invitation with who attends.
import type { Attachment } from '../../chat/messages.js';
import { consultationOfMatter, recordAnswer, recordAttendees } from '../../store/consultations.js';
import { cancelPendingJobs } from '../../store/jobs.js';
import { findMatterById, type MatterWithOrgs, updateMatter } from '../../store/matters.js';
import { contextMatter, formContext, rejectUnknownKeys, textOption } from '../core/args.js';
import { audit, type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { notifyUnit, tell } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { assertAnswers, CONSULTERS, consultationArg } from './access.js';
import { CONSULTATION_JOB_KINDS } from './road.js';

async function openFor(ctx: Ctx, m: MatterWithOrgs, variant: string) {
  assertAnswers(ctx, m);
  const c = (await consultationOfMatter(ctx.tx, m.id))!;
  if (c.variant !== variant)
    throw new UserError(
      variant === 'invitation' ? 'consultation.error.not_invitation' : 'consultation.error.is_invitation',
      { code: m.code },
    );
  if (m.status === 'closed')
    throw new UserError('consultation.error.answered', { code: m.code, on: c.answeredOn ?? '' });
  return c;
}

export const answerCommand: CommandSpec = {
  id: 'consultation_answer',
  names: ['答复', 'answer'],
  ...CONSULTERS,
  async run(ctx, cmd, deps) {
    rejectUnknownKeys(ctx, cmd, 'consultation.usage.answer');
    const m = await consultationArg(ctx, cmd, 'consultation.usage.answer');
    await openFor(ctx, m, 'consultation');
    await deps.forms.start(ctx, 'consultation_answer', formContext(ctx, { code: m.code, matterId: m.id }), {
      direct: true,
    });
  },
};

/** Closes the consultation once answered: its reminders stop. */
async function close(ctx: Ctx, m: MatterWithOrgs): Promise<boolean> {
  await updateMatter(ctx.tx, m.id, { status: 'closed', closedAt: ctx.now, updatedAt: ctx.now });
  await cancelPendingJobs(ctx.tx, m.id, CONSULTATION_JOB_KINDS);
  return ctx.today > m.dueOn;
}

export const answerForm: FormHandler = {
  form: 'consultation_answer',
  ...CONSULTERS,
  async submit(ctx, answers, context) {
    const m = await contextMatter(ctx, context, ['consultation']);
    const c = await openFor(ctx, m, 'consultation');
    const text = String(answers.answer);
    const files = ((answers.attachments as Attachment[] | null) ?? []).map((a) => ({
      kind: a.kind,
      name: a.name,
      ref: a.ref,
    }));
    await recordAnswer(ctx.tx, c, { answer: text, files, byId: ctx.member!.id, at: ctx.now, on: ctx.today });
    const late = await close(ctx, m);
    audit(ctx, 'consultation.answered', m.code, { late, files: files.length, restricted: c.restricted });
    const fields = {
      code: m.code,
      org: m.responsibleOrg.name,
      question: c.question,
      answer: text,
      files: files.length ? files.map((f) => f.name).join('、') : t(ctx, 'common.none'),
      due: m.dueOn,
      on: ctx.today,
      late: late ? t(ctx, 'consultation.late_note', { due: m.dueOn }) : '',
    };
    if (c.askerId) {
      await tell(ctx, [c.askerId], 'consultation.answer_direct', fields, { matterId: m.id });
      // the files themselves, to the asker only (a restricted answer's too: direct messages)
      for (const f of files)
        await tell(
          ctx,
          [c.askerId],
          'consultation.answer_file',
          { code: m.code, name: f.name },
          {
            [f.kind === 'image' ? 'image' : 'file']: f,
          },
        );
    }
    await notifyUnit(ctx, m.issuingOrgId, 'consultation.answered_outline', fields, { matterId: m.id });
    reply(ctx, late ? 'consultation.answer_sent_late' : 'consultation.answer_sent', fields, { matterId: m.id });
    ctx.completed = { action: t(ctx, 'consultation.used') };
  },
};

/** /咨询 回执 ZQ-… 参会人=…: who attends the hearing (陪议、旁听). */
export async function invitationReceipt(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'consultation.usage.receipt');
  const m = await consultationArg(ctx, cmd, 'consultation.usage.receipt');
  const c = await openFor(ctx, m, 'invitation');
  const raw = [cmd.options.attendees, ...cmd.positional.slice(1)].filter(Boolean).join(' ');
  if (!cmd.options.attendees)
    throw new UserError('consultation.error.receipt_missing', { usage: t(ctx, 'consultation.usage.receipt') });
  const attendees = textOption(raw, t(ctx, 'consultation.label.attendees'), 200);
  await recordAttendees(ctx.tx, c.id, attendees, ctx.member!.id, ctx.now, ctx.today);
  const late = await close(ctx, (await findMatterById(ctx.tx, m.id))!);
  audit(ctx, 'consultation.receipt', m.code, { late });
  const fields = {
    code: m.code,
    org: m.responsibleOrg.name,
    attendees,
    on: `${c.hearingOn} ${c.hearingTime}`.trim(),
    location: c.location,
    mode: c.attendMode,
  };
  await notifyUnit(ctx, m.issuingOrgId, 'consultation.receipt_notice', fields, { matterId: m.id });
  reply(ctx, 'consultation.receipt_recorded', fields, { matterId: m.id });
}
