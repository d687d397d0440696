// 线索: referred between the discipline commission, the procuratorate and the 司法局 — accepted,
// noted, closed with feedback to the referring unit, returned or forwarded, and never left to sleep.
// A clue the registrant's own unit handles (本单位自行办理) is registered, accepted at once and kept alike.
// A restricted clue's content only ever goes by direct message to those who must know it.
import type { CommandFamily } from '../core/spec.js';
import { clueCommand } from './commands.js';
import { clueForms } from './forms.js';
import { fireClueJob } from './jobs.js';
import { loadClue } from './service.js';
import { showClue } from './show.js';

export const clues: CommandFamily = {
  name: 'clues',
  words: ['clue'],
  auditActions: [
    'clue.register',
    'clue.unrestricted',
    'clue.accept',
    'clue.handler',
    'clue.progress',
    'clue.close',
    'clue.return',
    'clue.read',
    'clue.remind',
    'clue.overdue',
    'clue.escalation',
    'clue.sleeping',
  ],
  options: {
    category: ['类别', '分类', 'category'],
    receiver: ['接收', '接收单位', '移送至', '移送给', 'to', 'receiver'],
    source: ['来源', '线索来源', 'source'],
    involved: ['涉及单位', '涉及', '涉及人员', 'involved'],
    handler: ['承办人', 'handler'],
    result: ['结果', '办理结果', 'result'],
    detail: ['说明', 'detail'],
    restricted: ['限制', '限制知悉', '控制知悉范围', '知悉范围', 'restricted'],
  },
  matterKinds: ['clue'],
  shows: { clue: async (ctx, m) => showClue(ctx, await loadClue(ctx, m)) },
  commands: [clueCommand],
  forms: clueForms,
  matterJobs: {
    clue_reminder: fireClueJob,
    clue_overdue: fireClueJob,
    clue_escalation: fireClueJob,
    clue_sleep: fireClueJob,
  },
};
