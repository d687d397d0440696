// The fake Feishu Open API in its own thread, for the benchmark: in production the Open
// API is another machine, so its work must not be counted against the bot's process.
import { parentPort } from 'node:worker_threads';
import { FakeLark } from '../test/support/lark-fake.js';

const fake = new FakeLark();
const domain = await fake.start();
parentPort!.postMessage({ domain });
parentPort!.on('message', async (m: string) => {
  if (m === 'count') parentPort!.postMessage({ messages: fake.messages.length });
  if (m === 'stop') {
    await fake.stop();
    parentPort!.postMessage({ stopped: true });
  }
});
