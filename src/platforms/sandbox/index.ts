// The sandbox as a platform: the adapter keeps the chat in the database; started, the
// page and JSON API listen on 127.0.0.1 (SANDBOX_PORT; unless the runtime is told not to).
import { definePlatform, type Inbound } from '../platform.js';
import { SANDBOX, SandboxAdapter } from './adapter.js';
import { SandboxServer } from './server.js';

/** What the runtime shows of the sandbox: its port (0 when not listening) and its adapter. */
export interface SandboxHandle {
  port: number;
  adapter: SandboxAdapter;
}

export const sandboxPlatform = definePlatform({
  name: SANDBOX,
  // always available: it needs no credentials
  configured: () => true,
  async create(config, { db, clock, log, listen = true }) {
    const adapter = new SandboxAdapter(db, clock, config.sandboxPace);
    let server: SandboxServer | undefined;
    let port = 0;
    return {
      adapter,
      async start(inbound: Inbound) {
        if (!listen) return;
        server = new SandboxServer(
          db,
          adapter,
          {
            receive: (incoming) => inbound.receive(incoming),
            clock: () => ({ now: clock.now().toISOString(), simulated: clock.simulated }),
            sync: clock.sync ? () => clock.sync!() : undefined,
            advance: inbound.advance ? (ms) => inbound.advance!(ms) : undefined,
          },
          log,
          { dir: config.filesDir, maxBytes: config.fileMaxBytes },
        );
        port = await server.listen(config.sandboxPort);
      },
      async stop() {
        await server?.close();
      },
      expose: (): SandboxHandle => ({ port, adapter }),
    };
  },
});
