// `npm start`: applies migrations, loads the roster and runs the bot until stopped.
import { readConfig } from '../config/env.js';
import { createLogger } from '../log.js';
import { startRuntime } from '../runtime.js';
import type { Io } from './io.js';

export async function startCommand(io: Io): Promise<number> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const runtime = await startRuntime({ config, log });
  if (runtime.sandbox?.port) {
    io.out(`liandong 已启动（本地沙盒${runtime.clock.simulated ? '，模拟时钟' : ''}）：在浏览器打开 http://127.0.0.1:${runtime.sandbox.port}/`);
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
