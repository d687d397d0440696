// 检察建议: 登记 (/建议 新建) and 整改反馈 (/反馈), and the forms each opens when something is
// missing. 评估 (/评估) is in evaluate.ts, 延期 (/延期) in extension.ts.

import { daysBetween } from '../../domain/civil-date.js';
import { canApply } from '../../domain/matter-state.js';
import { MATTER_KIND_LABEL } from '../../domain/vocabulary.js';
import { type MatterWithOrgs, recentTwin } from '../../store/matters.js';
import {
  assertNotClosed,
  commandText,
  dateOption,
  fieldOption,
  formContext,
  formOptions,
  matterArg,
  NEW_WORDS,
  orgArg,
  periodOption,
  rejectUnknownKeys,
  textOption,
  yesNoOption,
} from '../core/args.js';
import { audit, type Ctx, forKind, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor, registerMatter } from '../core/matters.js';
import { word } from '../core/parse.js';
import type { CommandDeps, CommandSpec } from '../core/spec.js';
import { assertResponsible, PROCURATORATE_LIAISON, RECOMMENDATION_KINDS } from './access.js';
import { correctRecommendation, startDocumentsForm, withdrawRecommendation } from './corrections.js';
import { submitReply } from './reply.js';

const WITHDRAW_WORDS = ['撤回', 'withdraw'];
const CORRECT_WORDS = ['更正', '修改', 'correct'];
const DOCUMENT_WORDS = ['附件', '检察建议书', 'document'];

type RecommendationKind = 'recommendation' | 'pil_recommendation';

/**
 * The default period, in words. 诉前检察建议: two months, fifteen days where the harm is spreading
 * (两高《关于检察公益诉讼案件适用法律若干问题的解释》第二十一条). 检察建议: two months
 * (《人民检察院检察建议工作规定》); its 15 days when urgent is a local default the office may change.
 */
function defaultPeriod(ctx: Ctx, kind: RecommendationKind, urgent: boolean): string {
  const { periods } = ctx.services.config;
  if (urgent) return periods.urgent;
  return kind === 'pil_recommendation' ? periods.pil_recommendation : periods.recommendation;
}

/** 类型=: 诉前 (诉前检察建议) or, when not written, 检察建议. */
const KIND_WORDS: Record<string, RecommendationKind> = {
  诉前: 'pil_recommendation',
  诉前检察建议: 'pil_recommendation',
  诉前建议: 'pil_recommendation',
  公益诉讼: 'pil_recommendation',
  pil: 'pil_recommendation',
  检察建议: 'recommendation',
  普通: 'recommendation',
  一般: 'recommendation',
  社会治理: 'recommendation',
};

function kindOption(value: string | undefined): RecommendationKind {
  if (value === undefined) return 'recommendation';
  const kind = KIND_WORDS[value.trim().toLowerCase()];
  if (!kind) throw new UserError('registration.unknown_kind', { value: value.trim() });
  return kind;
}

/** The code of a matter this person registered for this unit and title in the past day: a double send. */
async function twinOf(ctx: Ctx, orgId: string, title: string): Promise<string | undefined> {
  // two copies at two processes (PostgreSQL): one person's turns run one after another (turnLocks), so
  // the second sees the first
  const since = new Date(ctx.now.getTime() - 86_400_000);
  return (await recentTwin(ctx.tx, { orgId, title, createdById: ctx.member?.id ?? null, since }))?.code;
}

const kindOf = (context: Record<string, string | undefined>): RecommendationKind =>
  context.kind === 'pil_recommendation' ? 'pil_recommendation' : 'recommendation';

export const registerRecommendation: CommandSpec = {
  id: 'rec_new',
  names: ['建议', 'rec', 'recommendation'],
  ...PROCURATORATE_LIAISON,
  async run(ctx, cmd, { forms }) {
    if (WITHDRAW_WORDS.includes(word(cmd, 0))) return withdrawRecommendation(ctx, cmd);
    if (CORRECT_WORDS.includes(word(cmd, 0))) return correctRecommendation(ctx, cmd, forms);
    if (DOCUMENT_WORDS.includes(word(cmd, 0))) return startDocumentsForm(ctx, cmd, forms);
    if (!NEW_WORDS.includes(word(cmd, 0))) throw new UserError('error.usage', { usage: t(ctx, 'usage.rec_new') });
    rejectUnknownKeys(ctx, cmd, 'usage.rec_new');
    const o = cmd.options;
    const prefill: Record<string, unknown> = {};
    const displays: Record<string, string> = {};
    if (o.org) {
      const org = await orgArg(ctx, o.org);
      prefill.org = org.id;
      displays.org = org.name;
    }
    if (o.title)
      prefill.title = displays.title = fieldOption(
        forms,
        'recommendation',
        'title',
        o.title,
        t(ctx, 'card.label.title'),
      );
    if (o.served) {
      const served = dateOption(o.served, t(ctx, 'usage.rec_new'));
      if (served > ctx.today) throw new UserError('error.served_in_future', { served, today: ctx.today });
      prefill.served = displays.served = served;
    }
    if (o.period) prefill.period = displays.period = periodOption(o.period);
    const urgent = yesNoOption(o.urgent, '紧急', ['紧急']) ?? false;
    const kind = kindOption(o.kind);
    const context = {
      kind,
      urgent: urgent ? '1' : '',
      docNumber: o.docNumber ? textOption(o.docNumber, t(ctx, 'card.label.doc_number'), 50) : '',
      summary: o.summary ? textOption(o.summary, t(ctx, 'form.label.summary'), 2000, false) : '',
    };
    if (prefill.org && prefill.title && prefill.served) {
      const input = {
        kind,
        orgId: prefill.org as string,
        title: prefill.title as string,
        servedOn: prefill.served as string,
        period: prefill.period as string | undefined,
        urgent,
        summary: context.summary || undefined,
        docNumber: context.docNumber || undefined,
      };
      // registered already late: the liaison sees it in the review and confirms first
      const { deadline } = deadlineFor(ctx, input.servedOn, input.period ?? defaultPeriod(ctx, kind, urgent));
      if (deadline.due >= ctx.today) {
        const twin = await twinOf(ctx, input.orgId, input.title);
        if (twin && !yesNoOption(o.confirm, '确认'))
          throw new UserError(
            'registration.duplicate',
            { code: twin, title: input.title },
            `${commandText(ctx)} 确认=是`,
          );
        await registerMatter(ctx, input);
        return;
      }
      if (!('period' in prefill)) prefill.period = null;
    }
    await forms.start(ctx, 'recommendation', context, {
      prefill,
      displays,
      defaults: { period: defaultPeriod(ctx, kind, urgent) },
    });
  },
};

export const recommendationForm: FormHandler = {
  form: 'recommendation',
  ...PROCURATORATE_LIAISON,
  async submit(ctx, answers, context) {
    await registerMatter(ctx, {
      kind: kindOf(context),
      orgId: String(answers.org),
      title: String(answers.title),
      servedOn: String(answers.served),
      period: (answers.period as string | null) ?? undefined,
      urgent: context.urgent === '1',
      summary: context.summary || undefined,
      docNumber: context.docNumber || undefined,
    });
  },
  async review(ctx, answers, context) {
    const { deadline } = deadlineFor(
      ctx,
      String(answers.served),
      (answers.period as string | null) ?? defaultPeriod(ctx, kindOf(context), context.urgent === '1'),
    );
    const lines = [
      t(ctx, 'matter.review_due', {
        due: deadline.due,
        period: deadline.period,
        // a year without holiday data: the same 【待核】 the registration's answer carries
        mark: deadline.provisional ? t(ctx, 'card.provisional_mark') : '',
      }),
    ];
    if (kindOf(context) === 'pil_recommendation')
      lines.unshift(t(ctx, 'registration.review_kind', { kind: MATTER_KIND_LABEL.pil_recommendation }));
    const twin = await twinOf(ctx, String(answers.org), String(answers.title));
    if (twin) lines.push(t(ctx, 'registration.review_duplicate', { code: twin }));
    if (deadline.due < ctx.today)
      lines.push(t(ctx, 'matter.review_overdue', { due: deadline.due, days: daysBetween(deadline.due, ctx.today) }));
    return lines;
  },
};

/** The reply form of a matter: a task's progress in its own words (task_reply), else the rectification reply. */
const replyFormOf = (m: { kind: string }) => (m.kind === 'task' ? 'task_reply' : 'rectification');

/** Starts the rectification reply form (text, and a card form where the client shows one). */
export async function startReplyForm(
  ctx: Ctx,
  m: MatterWithOrgs,
  { forms }: CommandDeps,
  firstAnswer?: string,
  given: { prefill?: Record<string, unknown>; displays?: Record<string, string> } = {},
): Promise<void> {
  assertResponsible(ctx, m);
  assertNotClosed(m);
  if (!canApply(m.status, 'reply'))
    throw new UserError('error.cannot_reply', { code: m.code, status: t(ctx, `status.${m.status}`) });
  const context = formContext(ctx, { code: m.code, matterId: m.id });
  const form = replyFormOf(m);
  const { sessionId, resumed } = await forms.start(ctx, form, context, { firstAnswer, ...given });
  if (ctx.incoming?.cardForms && !resumed) {
    reply(
      ctx,
      forKind(ctx, 'reply.card_offer', m.kind),
      { code: m.code },
      {
        matterId: m.id,
        card: {
          title: t(ctx, forKind(ctx, 'card.title.reply_form', m.kind), { code: m.code }),
          tone: 'info',
          fields: [],
          buttons: [],
          form: forms.cardForm(form, sessionId),
        },
      },
    );
  }
  if (!resumed) audit(ctx, 'form.start', m.code, { form });
}

export const replyCommand: CommandSpec = {
  id: 'reply',
  names: ['反馈', '整改反馈', 'reply', 'feedback'],
  // the responsible unit's contact: an agency's 经办人 (officer), or the liaison of a unit given a task (司法局 …)
  allow: ['officer', 'liaison', 'admin'],
  async run(ctx, cmd, deps) {
    const m = await matterArg(ctx, cmd, 'usage.reply', RECOMMENDATION_KINDS);
    // /反馈 编号 措施=… 整改状态=正在整改 预计=YYYY-MM-DD: the form asks only what is missing
    const o = cmd.options;
    const status = o.rectStatus?.trim();
    const given = await formOptions(ctx, deps.forms, replyFormOf(m), {
      measures: o.measures,
      rectStatus: status,
      expectedOn: o.expected,
      reason: o.reason,
    });
    await startReplyForm(ctx, m, deps, undefined, given);
  },
};

export const rectificationForm: FormHandler = {
  form: 'rectification',
  allow: ['officer', 'liaison', 'admin'],
  async submit(ctx, answers, context) {
    await submitReply(ctx, context.matterId!, answers);
  },
};

/** A task's reply: the same answers as the rectification reply, asked in a task's words (进展情况、完成情况). */
export const taskReplyForm: FormHandler = { ...rectificationForm, form: 'task_reply' };
