// 帮助 and 群聊绑定: what anyone may ask first, and how an admin binds a chat to a unit.
import type { CommandFamily } from '../core/spec.js';
import { bindCommand, helpCommand } from './commands.js';

export const admin: CommandFamily = {
  name: 'admin',
  words: ['help', 'bind'],
  commands: [helpCommand, bindCommand],
  forms: [],
};
