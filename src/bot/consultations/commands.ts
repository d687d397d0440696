// /咨询: 新建 (a question to another unit), 邀请 (a 行政复议 hearing invitation), 回执 (who attends it),
// 查看 (the question and its answer, restricted ones only to those who may read them).
import { NEW_WORDS } from '../core/args.js';
import { type Ctx, t, UserError } from '../core/context.js';
import type { ParsedCommand } from '../core/parse.js';
import { word } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { CONSULTERS } from './access.js';
import { invitationReceipt } from './answer.js';
import { newConsultation, newInvitation } from './open.js';
import { viewCommand } from './show.js';

const SUB: Record<string, (ctx: Ctx, cmd: ParsedCommand) => Promise<void>> = {
  邀请: newInvitation,
  回执: invitationReceipt,
  查看: viewCommand,
};

export const consultationCommand: CommandSpec = {
  id: 'consultation',
  names: ['咨询', '征求意见', 'consult'],
  ...CONSULTERS,
  async run(ctx, cmd) {
    const w = word(cmd, 0);
    const sub = NEW_WORDS.includes(w) ? newConsultation : SUB[w];
    if (!sub) throw new UserError('error.usage', { usage: t(ctx, 'consultation.usage.all') });
    await sub(ctx, { ...cmd, positional: cmd.positional.slice(1) });
  },
};
