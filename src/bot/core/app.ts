// The App: wires the pipeline, the commands, the forms, the scheduler and the outbox.
// Adapters call `app.receive(incoming)`; the scheduler calls back into `fire(job)`, whose
// batches are done in firing.ts; the cards a turn used are closed in used-cards.ts.
import type { Logger } from 'pino';
import type { PlatformAdapter } from '../../chat/adapter.js';
import type { Card, Incoming } from '../../chat/messages.js';
import type { Config } from '../../config/env.js';
import type { WorkCalendar } from '../../domain/calendar.js';
import { shanghaiDate } from '../../domain/civil-date.js';
import { Dispatcher } from '../../outbox/dispatcher.js';
import type { Leadership } from '../../outbox/leader.js';
import type { Clock } from '../../schedule/clock.js';
import { type JobRow, Scheduler } from '../../schedule/scheduler.js';
import { appendAudits } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import { firstSeen } from '../../store/inbound.js';
import { transaction } from '../../store/lane.js';
import { holdLocks } from '../../store/locks.js';
import { enqueue } from '../../store/outbox.js';
import { RosterCache, rosterVersionNow } from '../../store/roster.js';
import type { Tx } from '../../store/tx.js';
import { isDatabaseUnavailable } from '../../store/unavailable.js';
import { combinedNotice } from './combined-notices.js';
import { type Ctx, type Services, UserError } from './context.js';
import { answerFailureIn, type Received, turnLocks } from './failure.js';
import { type Firing, fireBatch, firingOf } from './firing.js';
import type { FormDef } from './forms/definition.js';
import { FormEngine, type FormOutcome } from './forms/engine.js';
import { cardOnce, compose, dedupe, dropStale, identify } from './pipeline.js';
import type { Prompts } from './prompts.js';
import { routing } from './routing.js';
import type { CommandFamily, CommandSpec, Router } from './spec.js';
import { syntaxOf } from './syntax.js';
import { closeUsedCards } from './used-cards.js';

export interface AppOptions {
  db: Db;
  clock: Clock;
  config: Config;
  calendar: WorkCalendar;
  prompts: Prompts;
  forms: FormDef[];
  log: Logger;
  adapters: PlatformAdapter[];
  /** the command families the bot runs (src/bot/families.ts), in the order 帮助 lists them */
  families: CommandFamily[];
  sleep?: (ms: number) => Promise<void>;
  /** several processes on PostgreSQL: which one sends for a platform (src/outbox/leader.ts) */
  leadership?: (platform: string) => Leadership;
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
  /** what fireJobs hands each due job to: the families' job handlers, the forms' timeouts */
  private readonly firing: Firing;

  constructor(private readonly opts: AppOptions) {
    this.services = {
      config: opts.config,
      calendar: opts.calendar,
      prompts: opts.prompts,
      log: opts.log,
      roster: new RosterCache(),
      syntax: syntaxOf(opts.families),
    };
    const families = opts.families;
    this.forms = new FormEngine(
      opts.forms,
      families.flatMap((f) => f.forms),
    );
    this.specs = families.flatMap((f) => f.commands);
    this.firing = firingOf(families, {
      forms: this.forms,
      clock: opts.clock,
      config: opts.config,
      calendar: opts.calendar,
      newCtx: (tx) => this.newCtx(tx),
    });
    for (const s of this.specs) for (const n of s.names) this.commands.set(n.toLowerCase(), s);
    this.dispatcher = new Dispatcher({
      db: opts.db,
      clock: opts.clock,
      adapters: opts.adapters,
      log: opts.log,
      sleep: opts.sleep,
      filesDir: opts.config.filesDir,
      leadership: opts.leadership,
      combiner: {
        rules: { atLeast: opts.config.noticeCombineAt, perDay: opts.config.groupNoticesPerDay },
        message: combinedNotice(this.services, opts.db, opts.clock),
      },
    });
    this.scheduler = new Scheduler({
      db: opts.db,
      clock: opts.clock,
      log: opts.log,
      fire: (job) => this.fire(job),
      fireBatch: (jobs) => this.fireJobs(jobs),
      dispatch: () => this.dispatcher.flush(),
      platforms: () => this.dispatcher.platforms(),
    });
    const shows = new Map(families.flatMap((f) => Object.entries(f.shows ?? {})));
    const router: Router = {
      commands: this.commands,
      deps: { forms: this.forms, commands: () => this.specs, showFor: (kind) => shows.get(kind) },
      syntax: this.services.syntax,
      submit: (ctx, outcome) => this.submitForm(ctx, outcome),
    };
    const familyRoutes = families.flatMap((f) => f.routes ?? []);
    this.pipeline = compose([dedupe, dropStale, identify, cardOnce, ...routing(router, familyRoutes)]);
  }

  /** One transaction; a roster change inside it (committed or not) drops the roster snapshot after. */
  private async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const version = rosterVersionNow();
    try {
      return await transaction(this.opts.db, work, TX_OPTIONS);
    } finally {
      this.services.roster.settle(version);
    }
  }

  commandSpecs(): CommandSpec[] {
    return this.specs;
  }

  private newCtx(tx: Tx, incoming?: Incoming): Ctx {
    const now = this.opts.clock.now();
    return {
      tx,
      now,
      today: shanghaiDate(now),
      services: this.services,
      incoming,
      out: [],
      audits: [],
      scheduled: false,
    };
  }

  /** Writes what a turn produced (messages, audit) in its transaction. */
  private async commitEffects(ctx: Ctx, keyPrefix: string): Promise<void> {
    if (ctx.out.length)
      await enqueue(
        ctx.tx,
        ctx.out.map((message, i) => ({ key: `${keyPrefix}:${i}`, message, at: ctx.now })),
      );
    await appendAudits(ctx.tx, ctx.audits);
  }

  /**
   * Handles one incoming message. Never throws: a user's mistake rolls the turn back
   * and answers with what was wrong; anything else rolls back, is logged without the
   * message text, and answers with a short apology.
   */
  async receive(incoming: Incoming): Promise<Received> {
    const { log } = this.opts;
    const keyPrefix = `in:${incoming.platform}:${incoming.eventId}`;
    let scheduled = false;
    let ok = true;
    let card: Card | undefined;
    let dueNow = false;
    try {
      await this.opts.clock.sync?.();
      await this.transaction(async (tx) => {
        await holdLocks(tx, turnLocks(incoming));
        const ctx = this.newCtx(tx, incoming);
        await this.pipeline(ctx);
        card = await closeUsedCards(ctx);
        await this.commitEffects(ctx, keyPrefix);
        scheduled = ctx.scheduled;
        dueNow = ctx.dueNow ?? false;
      });
    } catch (err) {
      ok = false;
      // the database could not be used at all: the turn is not taken, so that a retry is processed
      if (isDatabaseUnavailable(err) || !(await this.answerFailure(incoming, err, keyPrefix))) {
        log.warn({ platform: incoming.platform, event: incoming.eventId }, 'database unavailable: message not taken');
        return { ok: false, unavailable: true };
      }
    }
    if (scheduled) await this.scheduler.arm();
    // sent now, or by the dispatcher's next pass: a send that fails does not undo the turn
    await this.dispatcher
      .flush()
      .catch((err) => log.warn({ error: String(err).slice(0, 200) }, 'sending after a turn failed'));
    // work left for after the answer (a ledger file) runs now, behind it
    if (dueNow)
      void this.scheduler
        .runDue()
        .catch((err) =>
          log.error({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'follow-up job failed'),
        );
    return { ok, card };
  }

  /**
   * A turn that failed is rolled back and answered in a turn of its own: a user's mistake with what
   * was wrong (and a corrected command to accept with 是), anything else with a short apology, logged
   * without the message text. False when even that could not be written.
   */
  private async answerFailure(incoming: Incoming, err: unknown, keyPrefix: string): Promise<boolean> {
    const { log } = this.opts;
    const userError = err instanceof UserError ? err : undefined;
    if (!userError)
      log.error(
        {
          platform: incoming.platform,
          event: incoming.eventId,
          error: String((err as Error)?.stack ?? err).slice(0, 1000),
        },
        'message handling failed',
      );
    try {
      await this.transaction(async (tx) => {
        const ctx = this.newCtx(tx, incoming);
        if (!(await firstSeen(tx, incoming.platform, incoming.eventId, ctx.now))) return;
        await answerFailureIn(ctx, userError);
        await this.commitEffects(ctx, keyPrefix);
      });
      return true;
    } catch (err2) {
      log.error(
        { event: incoming.eventId, error: String((err2 as Error)?.message ?? err2).slice(0, 300) },
        'could not even answer with an error',
      );
      return false;
    }
  }

  /**
   * Says something to a chat that is not an answer to a message (e.g. a welcome when
   * the bot is added to a group), through the outbox like everything else.
   */
  async announce(platform: string, chatId: string, key: string, eventId: string): Promise<void> {
    await this.transaction(async (tx) => {
      const ctx = this.newCtx(tx);
      ctx.out.push({ platform, to: { chatId }, text: this.opts.prompts.render(key) });
      await this.commitEffects(ctx, `announce:${platform}:${eventId}`);
    });
    await this.dispatcher.flush();
  }

  /** A completed form goes to the handler its family registered; the card it began from is closed after. */
  private async submitForm(ctx: Ctx, outcome: Extract<FormOutcome, { kind: 'submitted' }>): Promise<void> {
    const handler = this.forms.handler(outcome.form.name);
    if (!handler) throw new Error(`no submit handler for form ${outcome.form.name}`);
    await handler.submit(ctx, outcome.answers, outcome.context);
    if (ctx.completed && outcome.context.card) ctx.completed.card = outcome.context.card;
  }

  /** Does what a due job says, in one transaction with marking it done (so it happens once). */
  async fire(job: JobRow): Promise<number> {
    return this.fireJobs([job]);
  }

  /**
   * Does what a batch of due jobs says, in one transaction: each job's messages and audit
   * are written with marking it done, so each happens once; a job changed meanwhile (a
   * reply cancelled it) is skipped. The matters are read together, the rows written
   * together. A batch that fails is rolled back whole and the scheduler fires its jobs
   * one by one (fire), so one bad job cannot hold back the others.
   */
  async fireJobs(jobs: JobRow[]): Promise<number> {
    return this.transaction((tx) => fireBatch(tx, jobs, this.firing));
  }

  /** Catches up on what fell due while the process was down, then arms the alarm. */
  async start(): Promise<void> {
    for (const f of this.opts.families) {
      if (!f.onStart) continue;
      await this.transaction(async (tx) => {
        const ctx = this.newCtx(tx);
        await f.onStart!(ctx);
        await this.commitEffects(ctx, `start:${ctx.now.toISOString()}`);
      });
    }
    await this.scheduler.runDue();
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
  }
}
