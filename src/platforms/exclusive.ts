// A platform that allows one connection per bot account (WeCom's long connection: a second
// connection makes WeCom close the first). With several processes on PostgreSQL, the process
// elected as the platform's sender (src/outbox/leader.ts) also holds its connection, so it
// is the one that receives; the others stand by. When the sender dies its lock is released,
// the next process elected connects and works through the frames stored but not processed;
// a process that loses the lock (its database session ended) gives the connection up.
import type { Logger } from 'pino';
import type { Leadership } from '../outbox/leader.js';
import type { Inbound, Platform } from './platform.js';

export function heldBySender<H>(name: string, platform: Platform<H>, leader: Leadership, log: Logger): Platform<H> {
  const { pause } = platform;
  if (!pause) throw new Error(`platform ${name} is exclusive but cannot pause its connection`);
  let door: Inbound | undefined;
  let connected = false;
  let stopped = false;
  // one change of the connection at a time, in the order asked
  let change = Promise.resolve();
  const serially = (step: () => Promise<void>) => {
    change = change
      .then(step)
      .catch((err) =>
        log.error(
          { platform: name, error: String((err as Error)?.message ?? err).slice(0, 200) },
          'could not take up the connection as the sender; tries again when elected again',
        ),
      );
    return change;
  };

  leader.onTurn((won) => {
    if (!won || !door) return;
    void serially(async () => {
      if (connected || stopped || !leader.held) return;
      await platform.start(door!);
      connected = true;
      log.info({ platform: name, pid: process.pid }, 'elected sender: this process now holds the connection');
      await platform.catchUp?.();
    });
  });
  leader.onLost(() => {
    void serially(async () => {
      if (!connected) return;
      connected = false;
      log.warn({ platform: name }, 'no longer the sender: the connection is given up to the next process');
      await pause.call(platform);
    });
  });

  return {
    adapter: platform.adapter,
    async start(inbound) {
      // the sender at start-up connects now: refused credentials stop the start, as with one process
      const sender = await leader.acquire();
      if (sender && !connected) {
        await platform.start(inbound);
        connected = true;
      }
      door = inbound;
      if (!sender) log.info({ platform: name }, 'another process is the sender and holds the connection; standing by');
    },
    async catchUp() {
      if (connected) await platform.catchUp?.();
    },
    async stop() {
      stopped = true;
      await change;
      await platform.stop();
    },
    expose: platform.expose && (() => platform.expose!()),
  };
}
