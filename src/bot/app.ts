// The App: wires the pipeline, the commands, the forms, the scheduler and the outbox.
// Adapters call `app.receive(incoming)`; the scheduler calls back into `fire(job)`.
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { shanghaiDate } from '../domain/civil-date.js';
import { nextOfficeMoment } from '../domain/office-hours.js';
import { Dispatcher } from '../outbox/dispatcher.js';
import type { Clock } from '../schedule/clock.js';
import { type JobRow, Scheduler } from '../schedule/scheduler.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { deleteForm, findForm, findFormById } from '../store/forms.js';
import { firstSeen } from '../store/inbound.js';
import { finishJob, reschedulePending } from '../store/jobs.js';
import { enqueue } from '../store/outbox.js';
import { parseJson, type Tx } from '../store/tx.js';
import type { PlatformAdapter } from './adapter.js';
import { bindCommand, helpCommand } from './commands/admin.js';
import { ledgerCommand, statusCommand } from './commands/ledger.js';
import { evaluateCommand, extensionCommand, registerRecommendation, replyCommand } from './commands/recommendation.js';
import type { CommandSpec } from './commands/spec.js';
import { type Ctx, reply, type Services, UserError } from './context.js';
import type { FormDef } from './forms/definition.js';
import { FormEngine, type FormOutcome } from './forms/engine.js';
import { fireMatterJob, registerMatter, requestExtension, submitReply } from './matters/service.js';
import { compose, dedupe, dropStale, identify, route, type Router } from './pipeline.js';
import type { Prompts } from './prompts.js';
import type { Incoming } from './types.js';

export interface AppOptions {
  db: Db;
  clock: Clock;
  config: Config;
  calendar: WorkCalendar;
  prompts: Prompts;
  forms: FormDef[];
  log: Logger;
  adapters: PlatformAdapter[];
  sleep?: (ms: number) => Promise<void>;
}

const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 };

export class App {
  readonly forms: FormEngine;
  readonly dispatcher: Dispatcher;
  readonly scheduler: Scheduler;
  private readonly services: Services;
  private readonly commands = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[];
  private readonly pipeline: (ctx: Ctx) => Promise<void>;

  constructor(private readonly opts: AppOptions) {
    this.services = { config: opts.config, calendar: opts.calendar, prompts: opts.prompts, log: opts.log };
    this.forms = new FormEngine(opts.forms);
    this.specs = [helpCommand(() => this.specs), registerRecommendation, replyCommand, evaluateCommand, extensionCommand, ledgerCommand, statusCommand, bindCommand];
    for (const s of this.specs) for (const n of s.names) this.commands.set(n.toLowerCase(), s);
    this.dispatcher = new Dispatcher({ db: opts.db, clock: opts.clock, adapters: opts.adapters, log: opts.log, sleep: opts.sleep });
    this.scheduler = new Scheduler({
      db: opts.db,
      clock: opts.clock,
      log: opts.log,
      fire: (job) => this.fire(job),
      dispatch: () => this.dispatcher.flush(),
      platforms: () => this.dispatcher.platforms(),
    });
    const router: Router = {
      commands: this.commands,
      deps: { forms: this.forms },
      submit: (ctx, outcome) => this.submitForm(ctx, outcome),
      cardSubmit: (ctx, form) => this.submitCardForm(ctx, form),
    };
    this.pipeline = compose([dedupe, dropStale, identify, route(router)]);
  }

  commandSpecs(): CommandSpec[] {
    return this.specs;
  }

  private newCtx(tx: Tx, incoming?: Incoming): Ctx {
    const now = this.opts.clock.now();
    return { tx, now, today: shanghaiDate(now), services: this.services, incoming, out: [], audits: [], scheduled: false };
  }

  /** Writes what a turn produced (messages, audit) in its transaction. */
  private async commitEffects(ctx: Ctx, keyPrefix: string): Promise<void> {
    await enqueue(ctx.tx, ctx.out.map((message, i) => ({ key: `${keyPrefix}:${i}`, message, at: ctx.now })));
    for (const a of ctx.audits) await appendAudit(ctx.tx, a);
  }

  /**
   * Handles one incoming message. Never throws: a user's mistake rolls the turn back
   * and answers with what was wrong; anything else rolls back, is logged without the
   * message text, and answers with a short apology.
   */
  async receive(incoming: Incoming): Promise<{ ok: boolean }> {
    const { db, log } = this.opts;
    const keyPrefix = `in:${incoming.platform}:${incoming.eventId}`;
    let scheduled = false;
    let ok = true;
    try {
      await db.$transaction(async (tx) => {
        const ctx = this.newCtx(tx, incoming);
        await this.pipeline(ctx);
        await this.commitEffects(ctx, keyPrefix);
        scheduled = ctx.scheduled;
      }, TX_OPTIONS);
    } catch (err) {
      ok = false;
      const userError = err instanceof UserError ? err : undefined;
      if (!userError) log.error({ platform: incoming.platform, event: incoming.eventId, error: String((err as Error)?.stack ?? err).slice(0, 1000) }, 'message handling failed');
      try {
        await db.$transaction(async (tx) => {
          const ctx = this.newCtx(tx, incoming);
          if (!(await firstSeen(tx, incoming.platform, incoming.eventId, ctx.now))) return;
          // a form whose submission failed ends, so nobody is stuck at its last step
          const session = await findForm(tx, incoming.platform, incoming.chatId, incoming.senderId);
          if (session && session.step === -1 && userError) await deleteForm(tx, session.id);
          if (userError) reply(ctx, userError.key, userError.fields);
          else reply(ctx, 'error.internal');
          await this.commitEffects(ctx, keyPrefix);
        }, TX_OPTIONS);
      } catch (err2) {
        log.error({ event: incoming.eventId, error: String((err2 as Error)?.message ?? err2).slice(0, 300) }, 'could not even answer with an error');
      }
    }
    if (scheduled) await this.scheduler.arm();
    await this.dispatcher.flush();
    return { ok };
  }

  /**
   * Says something to a chat that is not an answer to a message (e.g. a welcome when
   * the bot is added to a group), through the outbox like everything else.
   */
  async announce(platform: string, chatId: string, key: string, eventId: string): Promise<void> {
    await this.opts.db.$transaction(async (tx) => {
      const ctx = this.newCtx(tx);
      ctx.out.push({ platform, to: { chatId }, text: this.opts.prompts.render(key) });
      await this.commitEffects(ctx, `announce:${platform}:${eventId}`);
    }, TX_OPTIONS);
    await this.dispatcher.flush();
  }

  private async submitForm(ctx: Ctx, outcome: Extract<FormOutcome, { kind: 'submitted' }>): Promise<void> {
    const { answers, context } = outcome;
    switch (outcome.form.name) {
      case 'rectification':
        return submitReply(ctx, context.matterId!, answers);
      case 'extension':
        return requestExtension(ctx, context.matterId!, String(answers.period), String(answers.reason));
      case 'recommendation':
        await registerMatter(ctx, {
          kind: 'recommendation',
          orgId: String(answers.org),
          title: String(answers.title),
          servedOn: String(answers.served),
          period: (answers.period as string | null) ?? undefined,
          urgent: context.urgent === '1',
          summary: context.summary || undefined,
        });
        return;
      default:
        throw new Error(`no submit handler for form ${outcome.form.name}`);
    }
  }

  private async submitCardForm(ctx: Ctx, form: { name: string; context: Record<string, string>; values: Record<string, unknown> }): Promise<void> {
    let def;
    try {
      def = this.forms.get(form.name);
    } catch {
      throw new UserError('error.unknown_form');
    }
    const result = await this.forms.readCard(ctx, form.name, form.values);
    if ('errors' in result) throw new UserError('form.card_errors', { errors: result.errors.join('\n') });
    // the card replaces a text form of the same person in this chat
    const inc = ctx.incoming!;
    const session = await findForm(ctx.tx, inc.platform, inc.chatId, inc.senderId);
    if (session) await deleteForm(ctx.tx, session.id);
    await this.submitForm(ctx, { kind: 'submitted', form: def, answers: result.answers, context: form.context });
  }

  /** Does what a due job says, in one transaction with marking it done (so it happens once). */
  async fire(job: JobRow): Promise<void> {
    await this.opts.db.$transaction(async (tx) => {
      const ctx = this.newCtx(tx);
      const payload = parseJson<Record<string, unknown>>(job.payload, {});
      if (job.kind === 'form_timeout') {
        const session = await findFormById(tx, String(payload.sessionId));
        if (session && session.expiresAt > ctx.now) {
          await reschedulePending(tx, job.idempotencyKey, session.expiresAt); // answered since: wait again
          return;
        }
        if (session) await this.forms.expire(ctx, session);
      } else if (job.matterId) {
        // words to an agency go in office hours: a notice that fell due at night (the
        // process was down, or the clock jumped) waits for the next office-hours start
        const hours = { start: this.opts.config.officeStart, end: this.opts.config.officeEnd };
        const officeMoment = nextOfficeMoment(ctx.now, hours, this.opts.calendar);
        if (officeMoment > ctx.now) {
          await reschedulePending(tx, job.idempotencyKey, officeMoment);
          return;
        }
        const applied = await fireMatterJob(ctx, job.kind, job.matterId, payload as { dueOn?: string; workdaysLeft?: number | null });
        if (!applied) {
          await finishJob(tx, job.id, 'cancelled', ctx.now);
          return;
        }
      }
      if (!(await finishJob(tx, job.id, 'done', ctx.now))) return; // finished meanwhile: nothing more to do
      await this.commitEffects(ctx, `job:${job.idempotencyKey}`);
    }, TX_OPTIONS);
  }

  /** Catches up on what fell due while the process was down, then arms the alarm. */
  async start(): Promise<void> {
    await this.scheduler.runDue();
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
  }
}
