// 重点任务清单: tasks given to units (by /任务 or a meeting's 议定事项), each unit's figures, and
// every quarter the progress request and the circular (季通报) naming units behind schedule.
import type { CommandFamily } from '../core/spec.js';
import { taskCommand, taskListCommand } from './commands.js';
import { fireQuarterlyJob, planQuarterly } from './service.js';

export const tasks: CommandFamily = {
  name: 'tasks',
  words: ['task'],
  matterKinds: ['task'],
  commands: [taskCommand, taskListCommand],
  forms: [],
  jobs: {
    task_progress: (ctx, payload) => fireQuarterlyJob(ctx, 'task_progress', payload),
    task_circular: (ctx, payload) => fireQuarterlyJob(ctx, 'task_circular', payload),
  },
  officeHours: ['task_progress', 'task_circular'],
  onStart: (ctx) => planQuarterly(ctx),
};
