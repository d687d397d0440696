// Builds the running bot from the configuration: database, clock, calendar, words,
// forms, roster, platform adapters, the App and (by default) the sandbox server.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { App } from './bot/core/app.js';
import { parseFormDef } from './bot/core/forms/definition.js';
import { loadFormFiles, loadPrompts } from './bot/core/prompts.js';
import { FAMILIES } from './bot/families.js';
import type { PlatformAdapter } from './chat/adapter.js';
import { loadCalendar } from './config/calendar-source.js';
import type { Config } from './config/env.js';
import { readRosterFile } from './config/roster.js';
import { shanghaiDate, yearOf } from './domain/civil-date.js';
import { AdvisoryLeadership } from './outbox/leader.js';
import { PROJECT_ROOT } from './paths.js';
// Feishu's SDK and wechaty are loaded only when configured (each adds tens of MiB)
import type { LarkAdapter } from './platforms/lark/adapter.js';
import type { LarkReceiver } from './platforms/lark/receiver.js';
import { SandboxAdapter } from './platforms/sandbox/adapter.js';
import { SandboxServer } from './platforms/sandbox/server.js';
import type { WechatAdapter } from './platforms/wechat/adapter.js';
import { type Clock, RealClock, SimulatedClock } from './schedule/clock.js';
import { checkWritable, type Db, migrateDeploy, migrationState, openDb } from './store/db.js';
import { pruneInbound } from './store/inbound.js';
import { transaction } from './store/lane.js';
import { holdLocks } from './store/locks.js';
import { pruneInboxBefore } from './store/platform-inbox.js';
import { applyRoster, rosterIsEmpty } from './store/roster.js';
import { getSetting, raiseSetting } from './store/settings.js';
import { isPostgres } from './store/sql.js';

export const DEMO_ROSTER = path.join(PROJECT_ROOT, 'config/roster.example.yaml');
const CLOCK_KEY = 'clock.simulated';
/** inbound event ids are kept a day (Feishu retries for about 7 hours) */
const DEDUPE_KEEP_MS = 24 * 3600_000;

export interface Runtime {
  app: App;
  db: Db;
  clock: Clock;
  sandbox?: { port: number; adapter: SandboxAdapter };
  lark?: LarkReceiver;
  wechat?: WechatAdapter;
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

export async function startRuntime({
  config,
  log,
  migrate = true,
  listen,
  wechatPuppet,
}: RuntimeOptions): Promise<Runtime> {
  if (migrate && config.databaseFile) checkWritable(config.databaseFile);
  let db = await openDb(config.databaseUrl);
  // the migrate CLI (a child process, ~1.5 s) runs only when a migration is pending
  if (migrate) {
    const state = await migrationState(db).catch(() => undefined);
    if (!state || state.pending.length || state.failed.length) {
      await db.$disconnect();
      await migrateDeploy(config.databaseUrl);
      db = await openDb(config.databaseUrl);
    }
  }
  const clock = await makeClock(db, config);
  const calendar = loadCalendar({ holidaysFile: config.holidaysFile, policy: config.adjustedWorkday });
  const thisYear = yearOf(shanghaiDate(clock.now()));
  for (const y of [thisYear, thisYear + 1])
    if (!calendar.covers(y))
      log.warn({ year: y }, `节假日数据未收录 ${y} 年：涉及该年的期限将标为待核，请在 ${config.holidaysFile} 中补充`);
  const prompts = loadPrompts();
  const forms = loadFormFiles().map(parseFormDef);

  // a roster loads whole or not at all: a full disk mid-way must not leave half a roster
  // that later starts would take for a loaded one
  const loadRoster = async (file: string) => {
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
  };
  if (config.rosterFile) await loadRoster(config.rosterFile);
  else if (config.platforms.includes('sandbox') && (await rosterIsEmpty(db))) {
    await loadRoster(DEMO_ROSTER);
    log.info('loaded the demo roster (示例县) into an empty database');
  }

  const adapters: PlatformAdapter[] = [];
  let sandboxAdapter: SandboxAdapter | undefined;
  let larkAdapter: LarkAdapter | undefined;
  let wechatAdapter: WechatAdapter | undefined;
  // waiting for a rate limit or pacing: real time passes, or the simulated clock moves on
  const sleep =
    clock instanceof SimulatedClock
      ? (ms: number) => clock.advance(new Date(clock.now().getTime() + ms))
      : (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  let app: App | undefined;
  for (const p of config.platforms) {
    if (p === 'sandbox') adapters.push((sandboxAdapter = new SandboxAdapter(db, clock, config.sandboxPace)));
    else if (p === 'lark' && config.lark.configured)
      adapters.push(
        (larkAdapter = new (await import('./platforms/lark/adapter.js')).LarkAdapter(config.lark, log, {
          whenRequired: (field, value) => prompts.render('lark.when_required', { field, value }),
        })),
      );
    else if (p === 'wechat' && (config.wechat.configured || wechatPuppet)) {
      const { WechatyBuilder } = await import('wechaty');
      const bot = wechatPuppet
        ? WechatyBuilder.build({ puppet: wechatPuppet as never })
        : WechatyBuilder.build({
            name: 'liandong',
            puppet: config.wechat.puppet as never,
            puppetOptions: config.wechat.token ? { token: config.wechat.token } : undefined,
          });
      const { WechatAdapter } = await import('./platforms/wechat/adapter.js');
      wechatAdapter = new WechatAdapter({
        bot,
        db,
        clock,
        log,
        prompts,
        pacing: {
          sameChatMs: config.wechat.sameChatMs,
          switchMinMs: config.wechat.switchMinMs,
          switchMaxMs: config.wechat.switchMaxMs,
          perMinute: config.wechat.perMinute,
          dailyWarn: config.wechat.dailyWarn,
        },
        filesDir: config.filesDir,
        fileMaxBytes: config.fileMaxBytes,
        sleep,
        receive: (incoming) => app!.receive(incoming),
        flush: () => app!.dispatcher.flush(),
      });
      adapters.push(wechatAdapter);
    } else log.warn({ platform: p }, 'this platform is not configured; its outbox rows wait');
  }
  if (adapters.length === 0) {
    log.warn('no available platform configured; running the local sandbox');
    adapters.push((sandboxAdapter = new SandboxAdapter(db, clock, config.sandboxPace)));
  }

  // PostgreSQL: several processes may share the database; one of them (elected) sends
  const senders: AdvisoryLeadership[] = [];
  const leadership = isPostgres(db)
    ? (platform: string) => {
        const l = new AdvisoryLeadership(config.databaseUrl, log, platform);
        senders.push(l);
        return l;
      }
    : undefined;
  app = new App({ db, clock, config, calendar, prompts, forms, log, adapters, sleep, leadership, families: FAMILIES });
  for (const l of senders) l.start();
  const stopSenders = () => Promise.all(senders.map((l) => l.stop()));
  // event ids and processed inbox rows are kept a day, then forgotten
  const pruneOld = async () => {
    const before = new Date(clock.now().getTime() - DEDUPE_KEEP_MS);
    await pruneInbound(db, before);
    await pruneInboxBefore(db, before);
  };
  const prune = setInterval(() => void pruneOld().catch(() => undefined), 3600_000);
  prune.unref();

  const advance =
    clock instanceof SimulatedClock
      ? async (ms: number) => {
          const to = new Date(clock.now().getTime() + ms);
          await app.scheduler.advanceTo(to, clock, (now) => raiseSetting(db, CLOCK_KEY, now.toISOString(), new Date()));
        }
      : undefined;

  if (wechatAdapter) await wechatAdapter.start();

  let lark: LarkReceiver | undefined;
  if (larkAdapter) {
    const { LarkReceiver } = await import('./platforms/lark/receiver.js');
    lark = new LarkReceiver(config.lark, db, clock, app, prompts, log, larkAdapter, {
      dir: config.filesDir,
      maxBytes: config.fileMaxBytes,
    });
    if (config.lark.mode === 'webhook') {
      const port = await lark.startWebhook();
      log.info({ port, path: config.lark.webhookPath }, 'lark webhook listening');
    } else await lark.startWebSocket();
  }
  const webhook = lark && config.lark.mode === 'webhook' ? lark : undefined;

  let server: SandboxServer | undefined;
  let port = 0;
  if (sandboxAdapter && (listen ?? true)) {
    server = new SandboxServer(
      db,
      sandboxAdapter,
      {
        receive: async (incoming) => void (await app.receive(incoming)),
        clock: () => ({ now: clock.now().toISOString(), simulated: clock.simulated }),
        sync: clock.sync ? () => clock.sync!() : undefined,
        advance,
      },
      log,
      { dir: config.filesDir, maxBytes: config.fileMaxBytes },
    );
    try {
      port = await server.listen(config.sandboxPort);
    } catch (err) {
      clearInterval(prune);
      await stopSenders();
      await app.stop();
      await db.$disconnect();
      throw err;
    }
  }

  // the servers answer first; what fell due while the process was down, the outbox left
  // unsent and the webhook events stored but not processed are caught up behind them
  const ready = (async () => {
    await pruneOld();
    await app.start();
    await webhook?.resume();
  })();
  ready.catch((err) =>
    log.error(
      { error: String((err as Error)?.message ?? err).slice(0, 300) },
      'start-up catch-up failed; the scheduler retries at its next wake',
    ),
  );

  return {
    app,
    db,
    clock,
    sandbox: sandboxAdapter ? { port, adapter: sandboxAdapter } : undefined,
    advance,
    lark,
    wechat: wechatAdapter,
    ready,
    async stop() {
      await ready.catch(() => undefined);
      clearInterval(prune);
      await lark?.stop();
      await wechatAdapter?.stop();
      await app.stop();
      await stopSenders();
      await server?.close();
      await db.$disconnect();
    },
  };
}
