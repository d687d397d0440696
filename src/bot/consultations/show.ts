// /咨询 查看 ZQ-… and /状态 ZQ-…: the question and its answer. A restricted one only to the asker and the
// asked unit's contacts, by direct message (asked in a group: the outline there, the content directly),
// each reading audited (控制知悉范围).
import { consultationOfMatter } from '../../store/consultations.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { rejectUnknownKeys } from '../core/args.js';
import { audit, type Ctx, reply, t } from '../core/context.js';
import { tell } from '../core/notify.js';
import type { ParsedCommand } from '../core/parse.js';
import { consultationArg, inGroup, mayRead } from './access.js';

export async function showConsultation(ctx: Ctx, m: MatterWithOrgs): Promise<void> {
  const c = (await consultationOfMatter(ctx.tx, m.id))!;
  const outline = {
    code: m.code,
    asker: m.issuingOrg.name,
    org: m.responsibleOrg.name,
    due: m.dueOn,
    state: t(ctx, m.status === 'closed' ? 'consultation.state.answered' : 'consultation.state.open', {
      on: c.answeredOn ?? '',
    }),
  };
  if (c.variant === 'invitation') {
    reply(
      ctx,
      'consultation.show_invitation',
      {
        ...outline,
        question: c.question,
        on: `${c.hearingOn} ${c.hearingTime}`.trim(),
        location: c.location,
        mode: c.attendMode,
        attendees: c.attendees || t(ctx, 'common.none'),
      },
      { matterId: m.id },
    );
    return;
  }
  const full = {
    ...outline,
    question: c.question,
    answer: c.answer ?? t(ctx, 'consultation.no_answer'),
    files:
      JSON.parse(c.answerFiles)
        .map((f: { name: string }) => f.name)
        .join('、') || t(ctx, 'common.none'),
  };
  if (!c.restricted) return reply(ctx, 'consultation.show', full, { matterId: m.id });
  if (!mayRead(ctx, m, c)) {
    reply(ctx, 'consultation.show_outline', outline, { matterId: m.id });
    return;
  }
  audit(ctx, 'consultation.read', m.code, { channel: inGroup(ctx) ? 'direct_from_group' : 'direct' });
  if (inGroup(ctx)) {
    reply(ctx, 'consultation.show_outline', outline, { matterId: m.id });
    reply(ctx, 'consultation.content_by_direct', { code: m.code });
    await tell(ctx, [ctx.member!.id], 'consultation.show', full, { matterId: m.id });
  } else reply(ctx, 'consultation.show', full, { matterId: m.id });
}

export async function viewCommand(ctx: Ctx, cmd: ParsedCommand): Promise<void> {
  rejectUnknownKeys(ctx, cmd, 'consultation.usage.view');
  const m = await consultationArg(ctx, cmd, 'consultation.usage.view');
  await showConsultation(ctx, m);
}
