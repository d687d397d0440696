// The clue forms — 登记 (the clue itself), 受理 (the handler), 进展, 办结 (the result), 退回 (the
// reason), the new receiving unit — and starting one. Clue forms run in the person's direct chat
// with the bot: their answers are a clue's content, which a group must not see.
import { CLUE_CATEGORY, type ClueCategory, categoryLabel, liftsRestriction } from '../../domain/clue.js';
import { contextMatter, formContext } from '../core/args.js';
import { type Ctx, t, UserError } from '../core/context.js';
import type { FormHandler } from '../core/forms/handler.js';
import { deadlineFor } from '../core/matters.js';
import { unitGroups } from '../core/notify.js';
import type { CommandDeps } from '../core/spec.js';
import { REGISTRAR } from './access.js';
import { assertResultNote } from './options.js';
import { defaultReceiver, receiverFor, registerClue } from './register.js';
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

/** What the 线索登记 form's answers come to: the category, the receiving unit (by category when not named), 限制知悉. */
async function registration(ctx: Ctx, answers: Record<string, unknown>) {
  const category = answers.category as ClueCategory;
  const receiver = answers.receiver
    ? (await ctx.services.roster.org(ctx.tx, String(answers.receiver)))!
    : await receiverFor(ctx, category, undefined);
  const restricted = answers.restricted ? answers.restricted === 'yes' : CLUE_CATEGORY[category].restricted;
  return { category, receiver, restricted };
}

export const clueForms: FormHandler[] = [
  {
    form: 'clue',
    ...REGISTRAR,
    async submit(ctx, answers) {
      const { category, receiver, restricted } = await registration(ctx, answers);
      await registerClue(ctx, {
        category,
        receiver,
        source: String(answers.source),
        summary: String(answers.summary),
        involved: String(answers.involved ?? ''),
        restricted,
      });
    },
    async check(ctx, answers) {
      if (!('category' in answers) || !('receiver' in answers)) return undefined;
      const category = answers.category as ClueCategory;
      const receiver = answers.receiver
        ? await ctx.services.roster.org(ctx.tx, String(answers.receiver))
        : await defaultReceiver(ctx, category);
      const label = CLUE_CATEGORY[category].label;
      if (!receiver)
        return {
          field: 'receiver',
          key:
            CLUE_CATEGORY[category].receiver === ctx.member!.orgKind
              ? 'clue.form.own_category'
              : 'clue.form.no_default_receiver',
          fields: { category: label, org: ctx.member!.orgName },
        };
      if (receiver.id === ctx.member!.orgId)
        return { field: 'receiver', key: 'clue.form.same_unit', fields: { org: receiver.name } };
      if (!(await unitGroups(ctx, receiver.id)).length)
        return { field: 'receiver', key: 'clue.form.no_group', fields: { org: receiver.name } };
      return undefined;
    },
    async review(ctx, answers) {
      const { category, receiver, restricted } = await registration(ctx, answers);
      const { deadline } = deadlineFor(ctx, ctx.today, `${limitOf(ctx, category).acceptWorkdays}个工作日`);
      const lines = [
        t(ctx, 'clue.review', {
          org: receiver.name,
          due: deadline.due,
          restricted: t(ctx, restricted ? 'clue.yes' : 'clue.no'),
        }),
      ];
      if (liftsRestriction(category, restricted))
        lines.push(t(ctx, 'clue.review_unrestricted', { category: CLUE_CATEGORY[category].label }));
      return lines;
    },
  },
  holderForm('clue_accept', (ctx, c, answers) => acceptClue(ctx, c, String(answers.handler ?? '') || ctx.member!.name)),
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
