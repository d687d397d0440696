// /任务 新建 (a task given to a unit by a liaison: issued by the liaison's unit, which evaluates and closes it —
// the 司法局 in a 司法局牵头 mechanism) and /任务清单 (each unit's figures and open tasks).

import { openTasks } from '../../store/matters.js';
import { NEW_WORDS, orgArg, periodOption, rejectUnknownKeys, textOption } from '../core/args.js';
import { reply, t, UserError } from '../core/context.js';
import { registerMatter } from '../core/matters.js';
import { word } from '../core/parse.js';
import type { CommandSpec } from '../core/spec.js';
import { taskFigures } from './service.js';

export const taskCommand: CommandSpec = {
  id: 'task',
  names: ['任务', 'task'],
  allow: ['liaison'],
  async run(ctx, cmd) {
    if (!NEW_WORDS.includes(word(cmd, 0))) throw new UserError('error.usage', { usage: t(ctx, 'task.usage.new') });
    rejectUnknownKeys(ctx, cmd, 'task.usage.new');
    const o = cmd.options;
    if (!o.org || !o.summary) throw new UserError('task.error.missing', { usage: t(ctx, 'task.usage.new') });
    const org = await orgArg(ctx, o.org);
    // 期限 not written: the local default for tasks (PERIOD_TASK, 1个月)
    await registerMatter(ctx, {
      kind: 'task',
      orgId: org.id,
      title: textOption(o.summary, t(ctx, 'task.label.content'), 200),
      servedOn: ctx.today,
      period: o.period ? periodOption(o.period) : undefined,
    });
  },
};

export const taskListCommand: CommandSpec = {
  id: 'task_list',
  names: ['任务清单', 'tasks'],
  allow: 'member',
  async run(ctx, cmd) {
    const query = cmd.positional.join(' ') || cmd.options.org;
    const org = query ? await orgArg(ctx, query) : undefined;
    const figures = await taskFigures(ctx, org?.id);
    if (!figures.length) {
      reply(ctx, 'task.list_empty', { scope: org?.name ?? t(ctx, 'ledger.scope_all') });
      return;
    }
    const open = await openTasks(ctx.tx, { orgId: org?.id, take: 40 });
    reply(ctx, 'task.list', {
      scope: org?.name ?? t(ctx, 'ledger.scope_all'),
      units: figures.map((f) => t(ctx, 'task.circular_line', { ...f })).join('\n'),
      open:
        open
          .map((m) =>
            t(ctx, 'task.open_line', {
              code: m.code,
              title: m.title,
              unit: m.responsibleOrg.name,
              due: m.dueOn,
              state: t(ctx, `status.${m.status}`),
            }),
          )
          .join('\n') || t(ctx, 'common.none'),
    });
  },
};
