// Builds the running bot from the configuration: database, clock, calendar, words,
// forms, roster, the platforms (through src/platforms/registry.ts) and the App, then
// starts the platforms and catches up on what the process missed while it was down.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { App } from './bot/core/app.js';
import { parseFormDef } from './bot/core/forms/definition.js';
import { loadFormFiles, loadPrompts } from './bot/core/prompts.js';
import { FAMILIES } from './bot/families.js';
import { loadCalendar } from './config/calendar-source.js';
import type { Config } from './config/env.js';
import { readRosterFile } from './config/roster.js';
import { shanghaiDate, yearOf } from './domain/civil-date.js';
import { sendersOf } from './outbox/senders.js';
import { PROJECT_ROOT } from './paths.js';
import { type Built, buildPlatforms, startPlatforms } from './platforms/build.js';
import type { Inbound } from './platforms/platform.js';
// each factory loads its platform's SDK (Feishu's, wechaty) only when it is configured:
// each adds tens of MiB
import type { ListedPlatform, PlatformHandles } from './platforms/registry.js';
import { CLOCK_KEY, ClockAdvance } from './schedule/advance.js';
import { type Clock, RealClock, SimulatedClock } from './schedule/clock.js';
import { checkWritable, type Db, MIGRATIONS_DIR, migrateDeploy, migrationState, openDb } from './store/db.js';
import { pruneInbound } from './store/inbound.js';
import { transaction } from './store/lane.js';
import { holdLocks } from './store/locks.js';
import { pruneInboxBefore } from './store/platform-inbox.js';
import { applyRoster, rosterIsEmpty } from './store/roster.js';
import { startSealing } from './store/sealed-rows.js';
import { getSetting, raiseSetting } from './store/settings.js';
import { isPostgres } from './store/sql.js';
import { migrateNewSqlite } from './store/sqlite-first-migrate.js';

export const DEMO_ROSTER = path.join(PROJECT_ROOT, 'config/roster.example.yaml');
/** inbound event ids are kept a day (Feishu retries for about 7 hours) */
const DEDUPE_KEEP_MS = 24 * 3600_000;

export interface Runtime {
  app: App;
  db: Db;
  clock: Clock;
  sandbox?: PlatformHandles['sandbox'];
  lark?: PlatformHandles['lark'];
  wechat?: PlatformHandles['wechat'];
  wecom?: PlatformHandles['wecom'];
  dingtalk?: PlatformHandles['dingtalk'];
  /** simulated clock only: move forward, firing what falls due */
  advance?: (ms: number) => Promise<void>;
  /** resolves when the start-up catch-up (due jobs, outbox, stored webhook events) is done */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  log: Logger;
  /** apply migrations first (npm start); tests use an already migrated copy */
  migrate?: boolean;
  /** serve the sandbox page and API (default true when the sandbox is a platform) */
  listen?: boolean;
  /** a wechaty puppet instance to use instead of WECHATY_PUPPET (tests: wechaty-puppet-mock) */
  wechatPuppet?: unknown;
}

async function makeClock(db: Db, config: Config): Promise<Clock> {
  if (config.clock.mode === 'real') return new RealClock();
  const saved = await getSetting(db, CLOCK_KEY);
  const start = saved ? new Date(saved) : (config.clock.start ?? new Date());
  await raiseSetting(db, CLOCK_KEY, start.toISOString(), new Date());
  // on PostgreSQL several processes may run: they share the simulated time through the database
  const store = isPostgres(db)
    ? {
        read: async () => ((v) => (v ? new Date(v) : undefined))(await getSetting(db, CLOCK_KEY)),
        write: (to: Date) => raiseSetting(db, CLOCK_KEY, to.toISOString(), new Date()),
      }
    : undefined;
  return new SimulatedClock(start, store);
}

async function openDatabase(config: Config, migrate: boolean): Promise<Db> {
  if (migrate && config.databaseFile) checkWritable(config.databaseFile);
  const db = await openDb(config.databaseUrl);
  if (!migrate) return db;
  // the migrate CLI (a child process, ~1.5 s) runs only when a migration is pending
  const state = await migrationState(db).catch(() => undefined);
  if (state && !state.pending.length && !state.failed.length) return db;
  await db.$disconnect();
  // a new SQLite file is migrated here (the first start: about 2 s sooner than the migrate CLI)
  const fresh = state && !state.applied.length && !state.failed.length && config.databaseFile;
  if (!fresh || !migrateNewSqlite(fresh, MIGRATIONS_DIR, state.pending)) await migrateDeploy(config.databaseUrl);
  return openDb(config.databaseUrl);
}

function calendarFor(config: Config, clock: Clock, log: Logger) {
  const calendar = loadCalendar({ holidaysFile: config.holidaysFile, policy: config.adjustedWorkday });
  const thisYear = yearOf(shanghaiDate(clock.now()));
  for (const y of [thisYear, thisYear + 1])
    if (!calendar.covers(y))
      log.warn({ year: y }, `节假日数据未收录 ${y} 年：涉及该年的期限将标为待核，请在 ${config.holidaysFile} 中补充`);
  return calendar;
}

// a roster loads whole or not at all: a full disk mid-way must not leave half a roster
// that later starts would take for a loaded one
async function loadRoster(db: Db, file: string) {
  // a YAML roster, or the same as a workbook (名册.xlsx: 单位, 人员, 群聊)
  const roster = file.toLowerCase().endsWith('.xlsx')
    ? await (await import('./config/roster-workbook.js')).rosterFromWorkbook(readFileSync(file), file)
    : readRosterFile(file);
  return transaction(
    db,
    async (tx) => {
      // several processes starting at once on PostgreSQL load it one after another
      await holdLocks(tx, ['roster']);
      return applyRoster(tx, roster);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function loadStartRoster(db: Db, config: Config, log: Logger): Promise<void> {
  if (config.rosterFile) await loadRoster(db, config.rosterFile);
  else if (config.platforms.includes('sandbox') && (await rosterIsEmpty(db))) {
    await loadRoster(db, DEMO_ROSTER);
    log.info('loaded the demo roster (示例县) into an empty database');
  }
}

/** Event ids and processed inbox rows are kept a day, then forgotten. */
function prunerOf(db: Db, clock: Clock) {
  const prune = async () => {
    const before = new Date(clock.now().getTime() - DEDUPE_KEEP_MS);
    await pruneInbound(db, before);
    await pruneInboxBefore(db, before);
  };
  const timer = setInterval(() => void prune().catch(() => undefined), 3600_000);
  timer.unref();
  return { prune, stop: () => clearInterval(timer) };
}

/** Waiting for a rate limit or pacing: real time passes, or the simulated clock moves on. */
const sleepOf = (clock: Clock) =>
  clock instanceof SimulatedClock
    ? (ms: number) => clock.advance(new Date(clock.now().getTime() + ms))
    : (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What the platforms call: the App's door, and (simulated clock) the sandbox's clock control. */
function inboundOf(app: App, advance: ClockAdvance | undefined, clock: Clock): Inbound {
  return {
    receive: (incoming) => app.receive(incoming),
    announce: (platform, chatId, key, eventId) => app.announce(platform, chatId, key, eventId),
    flush: () => app.dispatcher.flush(),
    advance: advance ? (ms: number) => advance.to(new Date(clock.now().getTime() + ms)) : undefined,
  };
}

/**
 * The platforms answer first; what fell due while the process was down, the outbox left
 * unsent and the webhook events stored but not processed are caught up behind them.
 */
function catchUp(prune: () => Promise<void>, app: App, platforms: Built[], log: Logger): Promise<void> {
  const ready = (async () => {
    await prune();
    await app.start();
    for (const p of platforms) await p.platform.catchUp?.();
  })();
  ready.catch((err) =>
    log.error(
      { error: String((err as Error)?.message ?? err).slice(0, 300) },
      'start-up catch-up failed; the scheduler retries at its next wake',
    ),
  );
  return ready;
}

export async function startRuntime({
  config,
  log,
  migrate = true,
  listen,
  wechatPuppet,
}: RuntimeOptions): Promise<Runtime> {
  const db = await openDatabase(config, migrate);
  const clock = await makeClock(db, config);
  const calendar = calendarFor(config, clock, log);
  const prompts = loadPrompts();
  const forms = loadFormFiles().map(parseFormDef);
  await loadStartRoster(db, config, log);
  // restricted content sealed at rest (SM4): the data keys, and the first sealing of plain text
  const sandboxOnly = config.platforms.every((p) => p === 'sandbox');
  await startSealing(db, config.dataKeys, sandboxOnly, log);

  const sleep = sleepOf(clock);
  const senders = sendersOf(db, config, log);
  const platforms = await buildPlatforms(config, { db, clock, log, prompts, sleep, listen, wechatPuppet }, senders);
  const adapters = platforms.map((p) => p.platform.adapter);
  const app = new App({
    db,
    clock,
    config,
    calendar,
    prompts,
    forms,
    log,
    adapters,
    sleep,
    leadership: senders.leadership,
    families: FAMILIES,
  });
  senders.start();
  const pruner = prunerOf(db, clock);

  const advance = clock instanceof SimulatedClock ? new ClockAdvance(db, clock, app.scheduler, log) : undefined;
  const inbound = inboundOf(app, advance, clock);
  try {
    await startPlatforms(platforms, inbound);
  } catch (err) {
    pruner.stop();
    await senders.stop();
    await app.stop();
    await db.$disconnect();
    throw err;
  }

  const ready = catchUp(pruner.prune, app, platforms, log).then(() => advance?.resumeStored());

  const handle = <K extends ListedPlatform>(name: K) =>
    platforms.find((p) => p.name === name)?.platform.expose?.() as PlatformHandles[K] | undefined;
  return {
    app,
    db,
    clock,
    sandbox: handle('sandbox'),
    lark: handle('lark'),
    wechat: handle('wechat'),
    wecom: handle('wecom'),
    dingtalk: handle('dingtalk'),
    advance: inbound.advance,
    ready,
    async stop() {
      await ready.catch(() => undefined);
      advance?.stop();
      pruner.stop();
      for (const p of platforms) await p.platform.stop();
      await app.stop();
      await senders.stop();
      await db.$disconnect();
    },
  };
}
