// The App: wires the pipeline, the commands, the forms, the scheduler and the outbox.
// Adapters call `app.receive(incoming)`; the scheduler calls back into `fire(job)`.
import type { Logger } from 'pino';
import type { PlatformAdapter } from '../../chat/adapter.js';
import type { Card, Incoming, Outgoing } from '../../chat/messages.js';
import type { Config } from '../../config/env.js';
import type { WorkCalendar } from '../../domain/calendar.js';
import { shanghaiDate } from '../../domain/civil-date.js';
import { nextOfficeMoment } from '../../domain/office-hours.js';
import { Dispatcher } from '../../outbox/dispatcher.js';
import type { Leadership } from '../../outbox/leader.js';
import type { Clock } from '../../schedule/clock.js';
import { type JobRow, Scheduler } from '../../schedule/scheduler.js';
import type { AuditInput } from '../../store/audit.js';
import { appendAudits } from '../../store/audit.js';
import { recordCardUse } from '../../store/cards.js';
import type { Db } from '../../store/db.js';
import { findFormById, findFormOf } from '../../store/forms.js';
import { firstSeen } from '../../store/inbound.js';
import { claimPending, countPending, finishJobs, rescheduleJobs } from '../../store/jobs.js';
import { transaction } from '../../store/lane.js';
import { holdLocks } from '../../store/locks.js';
import { findMattersByIds } from '../../store/matters.js';
import { enqueue, sentMessage } from '../../store/outbox.js';
import { RosterCache, rosterVersionNow } from '../../store/roster.js';
import { saveSuggestion } from '../../store/suggestions.js';
import { parseJson, type Tx } from '../../store/tx.js';
import { closedCard } from './cards.js';
import { type Ctx, reply, type Services, t, UserError } from './context.js';
import type { FormDef } from './forms/definition.js';
import { FormEngine, type FormOutcome } from './forms/engine.js';
import { cardOnce, compose, dedupe, dropStale, identify } from './pipeline.js';
import type { Prompts } from './prompts.js';
import { routing } from './routing.js';
import type { CommandFamily, CommandSpec, MatterJobHandler, Router } from './spec.js';
import { syntaxOf } from './syntax.js';

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

/**
 * On PostgreSQL several processes take turns at once: turns in one chat, and turns of one
 * person (their direct-chat form), run one after another — as every turn does on SQLite's
 * single writer — so a double click that reaches two processes is one click and a plain
 * "already open" for the second, never two forms. Always the chat first, then the person,
 * so two turns never wait on each other in a circle.
 */
const turnLocks = (incoming: Incoming) => [
  `chat:${incoming.platform}:${incoming.chatId}`,
  `person:${incoming.platform}:${incoming.senderId}`,
];

export class App {
  readonly forms: FormEngine;
  readonly dispatcher: Dispatcher;
  readonly scheduler: Scheduler;
  private readonly services: Services;
  private readonly commands = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[];
  private readonly pipeline: (ctx: Ctx) => Promise<void>;
  private readonly jobHandlers = new Map<string, NonNullable<CommandFamily['jobs']>[string]>();
  private readonly matterJobHandlers = new Map<string, MatterJobHandler>();
  private readonly officeKinds = new Set<string>();

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
    for (const f of families) {
      for (const [kind, handler] of Object.entries(f.jobs ?? {})) this.jobHandlers.set(kind, handler);
      for (const [kind, handler] of Object.entries(f.matterJobs ?? {})) this.matterJobHandlers.set(kind, handler);
      for (const kind of f.officeHours ?? []) this.officeKinds.add(kind);
    }
    for (const s of this.specs) for (const n of s.names) this.commands.set(n.toLowerCase(), s);
    this.dispatcher = new Dispatcher({
      db: opts.db,
      clock: opts.clock,
      adapters: opts.adapters,
      log: opts.log,
      sleep: opts.sleep,
      filesDir: opts.config.filesDir,
      leadership: opts.leadership,
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
    const router: Router = {
      commands: this.commands,
      deps: { forms: this.forms, commands: () => this.specs },
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
  async receive(incoming: Incoming): Promise<{ ok: boolean; card?: Card }> {
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
        card = await this.closeUsedCards(ctx);
        await this.commitEffects(ctx, keyPrefix);
        scheduled = ctx.scheduled;
        dueNow = ctx.dueNow ?? false;
      });
    } catch (err) {
      ok = false;
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
          if (userError) {
            reply(ctx, userError.key, userError.fields);
            // a form whose submission was refused keeps its answers: say how to fix or leave it
            const session = await findFormOf(tx, incoming);
            if (session && session.step === -1 && !incoming.action) reply(ctx, 'form.fix_hint');
          } else reply(ctx, 'error.internal');
          if (userError?.suggestion)
            await saveSuggestion(
              tx,
              incoming.platform,
              incoming.chatId,
              incoming.senderId,
              userError.suggestion,
              ctx.now,
            );
          await this.commitEffects(ctx, keyPrefix);
        });
      } catch (err2) {
        log.error(
          { event: incoming.eventId, error: String((err2 as Error)?.message ?? err2).slice(0, 300) },
          'could not even answer with an error',
        );
      }
    }
    if (scheduled) await this.scheduler.arm();
    await this.dispatcher.flush();
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
   * When a turn completed what a card asked for, closes that card (and the card whose
   * button opened the form): recorded once, and replaced on the platform by the same
   * card without buttons, saying who used it and when. Returns the closed card the
   * action came from, for a platform that answers a click with the new card (Feishu).
   */
  private async closeUsedCards(ctx: Ctx): Promise<Card | undefined> {
    const inc = ctx.incoming!;
    if (!ctx.completed) return undefined;
    const ids = [inc.action ? inc.cardMessageId : undefined, ctx.completed.card].filter((x): x is string => Boolean(x));
    let answer: Card | undefined;
    for (const id of new Set(ids)) {
      const original = await sentMessage(ctx.tx, inc.platform, id);
      if (!original?.card) continue;
      const by = ctx.member?.name ?? inc.senderName ?? inc.senderId;
      if (
        !(await recordCardUse(ctx.tx, inc.platform, id, {
          action: ctx.completed.action,
          actorId: ctx.member?.id,
          actorName: by,
          at: ctx.now,
        }))
      )
        continue;
      const card = closedCard(ctx, original.card, by, ctx.completed.action, ctx.now);
      ctx.out.push({
        platform: inc.platform,
        to: original.to,
        text: t(ctx, 'card.used.text', { title: card.title, note: card.closedNote! }),
        card,
        updates: id,
      });
      if (id === inc.cardMessageId) answer = card;
    }
    return answer;
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
    let heldElsewhere = 0;
    await this.transaction(async (tx) => {
      const now = this.opts.clock.now();
      const pending = new Set(
        await claimPending(
          tx,
          jobs.map((j) => j.id),
        ),
      );
      const live = jobs.filter((j) => pending.has(j.id));
      // on PostgreSQL a job another process is firing right now is skipped, not waited for
      if (live.length < jobs.length)
        heldElsewhere = await countPending(
          tx,
          jobs.filter((j) => !pending.has(j.id)).map((j) => j.id),
        );
      const matters = await findMattersByIds(tx, [
        ...new Set(live.map((j) => j.matterId).filter((id): id is string => Boolean(id))),
      ]);
      const hours = { start: this.opts.config.officeStart, end: this.opts.config.officeEnd };
      const officeMoment = nextOfficeMoment(now, hours, this.opts.calendar);
      const done: string[] = [];
      const cancelled: string[] = [];
      const waits = new Map<number, string[]>();
      const out: Array<{ key: string; message: Outgoing; at: Date }> = [];
      const audits: AuditInput[] = [];
      for (const job of live) {
        const ctx = this.newCtx(tx);
        const payload = parseJson<Record<string, unknown>>(job.payload, {});
        const wait = (until: Date) => waits.set(until.getTime(), [...(waits.get(until.getTime()) ?? []), job.id]);
        const handler = this.jobHandlers.get(job.kind);
        const matterHandler = job.matterId ? this.matterJobHandlers.get(job.kind) : undefined;
        if (handler) {
          // words to units go in office hours (see below)
          if (this.officeKinds.has(job.kind) && officeMoment > ctx.now) {
            wait(officeMoment);
            continue;
          }
          await handler(ctx, payload);
        } else if (job.kind === 'form_timeout') {
          const session = await findFormById(tx, String(payload.sessionId));
          if (session && session.expiresAt > ctx.now) {
            wait(session.expiresAt); // answered since: wait again
            continue;
          }
          if (session) await this.forms.expire(ctx, session);
        } else if (matterHandler) {
          // words to an agency go in office hours: a notice that fell due at night (the
          // process was down, or the clock jumped) waits for the next office-hours start
          if (officeMoment > ctx.now) {
            wait(officeMoment);
            continue;
          }
          const applied = await matterHandler(ctx, job.kind, matters.get(job.matterId!), payload);
          if (!applied) {
            cancelled.push(job.id);
            continue;
          }
        }
        done.push(job.id);
        out.push(...ctx.out.map((message, i) => ({ key: `job:${job.idempotencyKey}:${i}`, message, at: ctx.now })));
        audits.push(...ctx.audits);
      }
      await finishJobs(tx, done, 'done', now);
      await finishJobs(tx, cancelled, 'cancelled', now);
      for (const [until, ids] of waits) await rescheduleJobs(tx, ids, new Date(until));
      if (out.length) await enqueue(tx, out);
      await appendAudits(tx, audits);
    });
    return heldElsewhere;
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
