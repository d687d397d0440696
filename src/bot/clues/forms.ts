// The clue forms — 登记 (the clue itself), 受理 (the handler; a self-handled clue's too), 进展, 办结
// (the result), 退回 (the reason), the new receiving unit — and starting one. Clue forms run in the
// person's direct chat with the bot: their answers are a clue's content, which a group must not see.
import { CLUE_CATEGORY, type ClueCategory, categoryLabel, liftsRestriction } from '../../domain/clue.js';
import type { OrgRow } from '../../store/roster.js';
import { contextMatter, formContext } from '../core/args.js';
import { type Ctx, reply, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor } from '../core/matters.js';
import { unitGroups } from '../core/notify.js';
import type { CommandDeps } from '../core/spec.js';
import { REGISTRAR } from './access.js';
import { assertResultNote, recordedSource, restrictedSourceProblem } from './options.js';
import { defaultReceiver, handledBySelf, receiverFor, receiverOrSelf, registerClue } from './register.js';
import { awaitsHandler, nameHandler } from './self.js';
import { type ClueMatter, limitOf, loadClue } from './service.js';
import { acceptClue, closeClue, noteProgress, referOn, returnClue } from './steps.js';

/** Starts a clue form in the person's direct chat; where the client shows cards, a card form too. */
export async function startClueForm(
  ctx: Ctx,
  deps: CommandDeps,
  form: string,
  context: Record<string, string>,
  opts: {
    prefill?: Record<string, unknown>;
    displays?: Record<string, string>;
    defaults?: Record<string, string>;
  } = {},
): Promise<void> {
  const { sessionId, resumed } = await deps.forms.start(ctx, form, formContext(ctx, context), {
    ...opts,
    direct: true,
  });
  if (ctx.incoming?.cardForms && !resumed) {
    ctx.out.push({
      platform: ctx.incoming.platform,
      to: { userId: ctx.incoming.senderId },
      text: t(ctx, 'clue.card_form_offer', { title: deps.forms.get(form).title }),
      card: {
        title: deps.forms.get(form).title,
        tone: 'info',
        fields: [],
        buttons: [],
        form: deps.forms.cardForm(form, sessionId),
      },
    });
  }
}

async function clueOf(ctx: Ctx, context: Record<string, string>): Promise<ClueMatter> {
  return loadClue(ctx, await contextMatter(ctx, context, ['clue']));
}

/** A form about one clue (its id in the form's context); the step itself checks who may take it. */
function holderForm(
  form: string,
  act: (ctx: Ctx, c: ClueMatter, answers: Record<string, unknown>, context: Record<string, string>) => Promise<void>,
): FormHandler {
  return {
    form,
    allow: ['liaison', 'officer'],
    async submit(ctx, answers, context) {
      await act(ctx, await clueOf(ctx, context), answers, context);
    },
  };
}

/**
 * What the 线索登记 form's answers come to: the category, the receiving unit (by category when not
 * named; the registrant's own, 本单位自行办理, when the category goes to it), 限制知悉.
 */
async function registration(ctx: Ctx, answers: Record<string, unknown>) {
  const category = answers.category as ClueCategory;
  const receiver = answers.receiver
    ? (await ctx.services.roster.org(ctx.tx, String(answers.receiver)))!
    : await receiverFor(ctx, category, undefined);
  const restricted = answers.restricted ? answers.restricted === 'yes' : CLUE_CATEGORY[category].restricted;
  return { category, receiver, restricted };
}

/** The review's line: where it goes and its acceptance limit, or — handled by one's own unit — its closing limit. */
function reviewLine(ctx: Ctx, category: ClueCategory, receiver: OrgRow, restricted: boolean): string {
  const self = handledBySelf(ctx, receiver);
  const limit = limitOf(ctx, category);
  const { deadline } = deadlineFor(ctx, ctx.today, self ? limit.closePeriod : `${limit.acceptWorkdays}个工作日`);
  return t(ctx, self ? 'clue.review_self' : 'clue.review', {
    org: receiver.name,
    due: deadline.due,
    restricted: t(ctx, restricted ? 'clue.yes' : 'clue.no'),
  });
}

type FormMisfit = NonNullable<Awaited<ReturnType<NonNullable<FormHandler['check']>>>>;

/** The receiving unit of the 登记 form, when it could not be told (no default, no group). */
async function receiverMisfit(ctx: Ctx, answers: Record<string, unknown>): Promise<FormMisfit | undefined> {
  if (!('category' in answers) || !('receiver' in answers)) return undefined;
  const category = answers.category as ClueCategory;
  const receiver = answers.receiver
    ? await ctx.services.roster.org(ctx.tx, String(answers.receiver))
    : await receiverOrSelf(ctx, category);
  if (!receiver)
    return {
      field: 'receiver',
      key: 'clue.form.no_default_receiver',
      fields: { category: CLUE_CATEGORY[category].label },
    };
  // one's own unit handles it itself (本单位自行办理): nothing goes to another unit's group
  if (handledBySelf(ctx, receiver)) return undefined;
  if (!(await unitGroups(ctx, receiver.id)).length)
    return { field: 'receiver', key: 'clue.form.no_group', fields: { org: receiver.name } };
  return undefined;
}

/** A source in words of one's own on a restricted clue (restrictedSourceProblem): the words asked again. */
function sourceMisfit(answers: Record<string, unknown>): FormMisfit | undefined {
  if (!('category' in answers) || !String(answers.source_detail ?? '').trim()) return undefined;
  const category = answers.category as ClueCategory;
  const restricted = answers.restricted ? answers.restricted === 'yes' : CLUE_CATEGORY[category].restricted;
  const problem = restrictedSourceProblem(recordedSource(answers), restricted);
  return problem && { field: 'source_detail', key: 'clue.form.restricted_source', fields: problem };
}

export const clueForms: FormHandler[] = [
  {
    form: 'clue',
    ...REGISTRAR,
    async submit(ctx, answers) {
      const { category, receiver, restricted } = await registration(ctx, answers);
      const c = await registerClue(ctx, {
        category,
        receiver,
        source: recordedSource(answers),
        summary: String(answers.summary),
        involved: String(answers.involved ?? ''),
        restricted,
      });
      // 本单位自行办理: the 承办人 is named next, with the acceptance form /线索 受理 opens
      if (awaitsHandler(c)) reply(ctx, 'clue.handler_ask', { code: c.code });
    },
    async check(ctx, answers) {
      return sourceMisfit(answers) ?? (await receiverMisfit(ctx, answers));
    },
    async review(ctx, answers) {
      const { category, receiver, restricted } = await registration(ctx, answers);
      const lines = [reviewLine(ctx, category, receiver, restricted)];
      if (liftsRestriction(category, restricted))
        lines.push(t(ctx, 'clue.review_unrestricted', { category: CLUE_CATEGORY[category].label }));
      return lines;
    },
  },
  holderForm('clue_accept', (ctx, c, answers) => {
    const handler = String(answers.handler ?? '') || ctx.member!.name;
    // a clue its own unit handles was accepted at registration: the form names its 承办人
    return awaitsHandler(c) ? nameHandler(ctx, c, handler) : acceptClue(ctx, c, handler);
  }),
  holderForm('clue_progress', (ctx, c, answers) => noteProgress(ctx, c, String(answers.note))),
  holderForm('clue_close', async (ctx, c, answers) => {
    const result = String(answers.result);
    const note = String(answers.note ?? '');
    assertResultNote(result, note);
    await closeClue(ctx, c, result, note);
  }),
  holderForm('clue_return', (ctx, c, answers) => returnClue(ctx, c, String(answers.reason))),
  holderForm('clue_receiver', async (ctx, c, answers, context) => {
    const receiver = answers.receiver
      ? (await ctx.services.roster.org(ctx.tx, String(answers.receiver)))!
      : await defaultReceiver(ctx, c.clue.category as ClueCategory);
    if (!receiver) throw new UserError('clue.error.no_default_receiver', { category: categoryLabel(c.clue.category) });
    await referOn(ctx, c, receiver, context.event === 'refer' ? 'refer' : 'forward');
  }),
];
