// /报送 新建|填报|查看|汇总|列表: a collection of files, figures or a training's attendance from units
// by a deadline (open.ts), a unit's sending (receive.ts), where it stands, and the collector's files.

import { recentSubmissions } from '../../store/submissions.js';
import { NEW_WORDS, rejectUnknownKeys } from '../core/args.js';
import { reply, t, UserError } from '../core/context.js';
import { word } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { summaryFields, unitStates } from './collect.js';
import { sendCollection } from './jobs.js';
import { assertCollector, contentText, openSubmission } from './open.js';
import { requireSubmission, startSending } from './receive.js';

const SEND_WORDS = ['填报', '报送', '提交', '上报', 'send'];
const SHOW_WORDS = ['查看', '详情', 'show'];
const COLLECT_WORDS = ['汇总', '收集', 'collect'];
const LIST_WORDS = ['列表', 'list', ''];

export const submissionCommand: CommandSpec = {
  id: 'submission',
  names: ['报送', 'submission', 'submit'],
  allow: 'member',
  async run(ctx, cmd, deps) {
    const sub = word(cmd, 0);
    if (NEW_WORDS.includes(sub)) return openSubmission(ctx, cmd);
    if (SEND_WORDS.includes(sub)) return startSending(ctx, cmd, deps);
    if (SHOW_WORDS.includes(sub)) {
      rejectUnknownKeys(ctx, cmd, 'submission.usage.show');
      const s = await requireSubmission(ctx, cmd.positional[1], 'submission.usage.show');
      const states = await unitStates(ctx, s);
      reply(ctx, 'submission.show', {
        code: s.code,
        title: s.title,
        due: s.dueOn,
        content: contentText(ctx, s),
        status: t(ctx, `submission.status.${s.status}`),
        ...summaryFields(ctx, states),
        lines: states
          .map((u) =>
            t(ctx, 'submission.show_line', {
              unit: u.unit,
              state: t(ctx, `submission.state.${u.state}`, { days: u.lateDays }),
              date: u.firstOn ?? '',
            }),
          )
          .join('\n'),
      });
      return;
    }
    if (COLLECT_WORDS.includes(sub)) {
      rejectUnknownKeys(ctx, cmd, 'submission.usage.collect');
      await assertCollector(ctx);
      const s = await requireSubmission(ctx, cmd.positional[1], 'submission.usage.collect');
      await sendCollection(ctx, s, 'submission.collected_now', ctx.member!.id);
      reply(ctx, 'submission.sent_direct', { code: s.code });
      return;
    }
    if (LIST_WORDS.includes(sub)) {
      const list = await recentSubmissions(ctx.tx);
      reply(ctx, list.length ? 'submission.list' : 'submission.list_empty', {
        lines: list
          .map((s) =>
            t(ctx, 'submission.list_line', {
              code: s.code,
              title: s.title,
              due: s.dueOn,
              sent: s.returns.filter((r) => r.firstOn).length,
              total: s.returns.length,
              status: t(ctx, `submission.status.${s.status}`),
            }),
          )
          .join('\n'),
      });
      return;
    }
    throw new UserError('error.usage', { usage: t(ctx, 'submission.usage.all') });
  },
};
