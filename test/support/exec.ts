// The bot in-process, for command-level tests that need no HTTP: the real runtime (database,
// clock, families, outbox, the sandbox adapter) without the sandbox server, and each message
// handed straight to App.receive — as the sandbox page's POST does, minus the request.
// Stories that need the page or the JSON API keep startBot (test/support/bot.ts).
import { onTestFinished } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { type Logger, silentLogger } from '../../src/log.js';
import { type Runtime, startRuntime } from '../../src/runtime.js';
import { type SandboxMessageRow, sandboxLastCursors, sandboxMessages } from '../../src/store/sandbox-messages.js';
import { freshDbUrl } from './db.js';

export interface InProcessBot {
  rt: Runtime;
  /**
   * Says `text` in a chat (the joint group as 李明 unless told otherwise) and returns what the
   * bot answered in that chat, joined ('' for nothing).
   */
  exec(text: string, opts?: { chat?: string; as?: string }): Promise<string>;
  /** the bot's messages in a chat so far (new messages, not card updates) */
  botSays(chat: string): Promise<SandboxMessageRow[]>;
  /** moves the simulated clock on, firing what falls due */
  advance(ms: number): Promise<void>;
}

export async function inProcessBot(
  opts: { start?: string; env?: Record<string, string>; log?: Logger } = {},
): Promise<InProcessBot> {
  const config = readConfig({
    DATABASE_URL: await freshDbUrl(),
    LIANDONG_PLATFORM: 'sandbox',
    LIANDONG_CLOCK: 'simulated',
    LIANDONG_CLOCK_START: opts.start ?? '2026-09-01T10:00:00+08:00',
    LIANDONG_HOLIDAYS_FILE: '/nonexistent/holidays.json',
    ...opts.env,
  });
  const rt = await startRuntime({ config, log: opts.log ?? silentLogger, migrate: false, listen: false });
  await rt.ready;
  onTestFinished(() => rt.stop());
  const sandbox = rt.sandbox!;
  const rows = async (chat: string, after = 0) =>
    (await sandboxMessages(rt.db, chat, after)).filter((m) => m.fromBot && !m.updates);
  return {
    rt,
    async exec(text, { chat = 'c-joint', as = 'u-liaison' } = {}) {
      const before = (await sandboxLastCursors(rt.db))[chat] ?? 0;
      const incoming = await sandbox.adapter.accept({ chatId: chat, senderId: as, text });
      await rt.app.receive(incoming);
      return (await rows(chat, before)).map((m) => m.text).join('\n');
    },
    botSays: (chat) => rows(chat),
    advance: async (ms) => rt.advance!(ms),
  };
}
