// `npm start`: applies migrations, then runs the bot. Until the chat core lands
// it reports what is configured and what is missing, and exits cleanly.
import { readConfig } from '../config/env.js';
import { migrateDeploy } from '../store/db.js';
import { doctorCommand } from './doctor.js';
import type { Io } from './io.js';

export async function startCommand(io: Io): Promise<number> {
  const config = readConfig();
  await migrateDeploy(config.databaseUrl);
  await doctorCommand(io);
  io.out('聊天机器人核心尚未接入：目前可使用 liandong deadline 计算期限，liandong doctor 自检。');
  return 0;
}
