// 周报 and 统计: the weekly digest for leaders (text and a chart, every Monday) and the year's figures.
import type { CommandFamily } from '../core/spec.js';
import { digestCommand, statisticsCommand } from './commands.js';
import { fireDigest, planNextDigest } from './service.js';

export const digest: CommandFamily = {
  name: 'digest',
  words: ['digest', 'statistics'],
  auditActions: ['digest.sent'],
  commands: [digestCommand, statisticsCommand],
  forms: [],
  jobs: { digest: fireDigest },
  officeHours: ['digest'],
  onStart: (ctx) => planNextDigest(ctx),
};
