// `npm start`: applies migrations, loads the roster and runs the bot until stopped.
import { readConfig } from '../config/env.js';
import { createLogger } from '../log.js';
import { startRuntime } from '../runtime.js';
import type { Io } from './io.js';

export async function startCommand(io: Io): Promise<number> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  try {
    runtime = await startRuntime({ config, log });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.err(`错误：端口 ${config.sandboxPort} 已被占用。请关闭占用它的程序，或在 .env 中设置 SANDBOX_PORT=其他端口。`);
      return 1;
    }
    throw e;
  }
  if (runtime.sandbox?.port) {
    io.out(
      `liandong 已启动（本地沙盒${runtime.clock.simulated ? '，模拟时钟' : ''}）：在浏览器打开 http://127.0.0.1:${runtime.sandbox.port}/`,
    );
    io.out('按 Ctrl+C 停止。');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await runtime.stop();
  io.out('liandong 已停止。');
  return 0;
}
