// 行政应诉 (YS-…): administrative lawsuits against agencies — the 答辩举证 deadline (行政诉讼法 第六十七条)
// with reminders and the overdue road, the hearing with reminders to the agency and its head, the receipt
// of who appeared (第三条第三款; 法释〔2020〕3号), the judgment and its appeal period (第八十五条), the
// compliance task once final, the procuratorate's list of heads absent, and each unit's figures.
import type { CommandFamily } from '../core/spec.js';
import { lawsuitCommand } from './commands.js';
import { appearanceCommand, hearingJob } from './hearing.js';
import { finalJob, judgmentCommand } from './judgment.js';
import { defenceJob } from './road.js';
import { showLawsuit } from './show.js';

export const lawsuits: CommandFamily = {
  name: 'lawsuits',
  words: ['lawsuit'],
  auditActions: [
    'lawsuit.register',
    'lawsuit.reminded',
    'lawsuit.overdue',
    'lawsuit.escalated',
    'lawsuit.hearing',
    'lawsuit.hearing_reminded',
    'lawsuit.receipt_requested',
    'lawsuit.head_set',
    'lawsuit.judgment',
    'lawsuit.appeal',
    'lawsuit.final',
  ],
  options: {
    // the same key as the reviews' 案号= (one spelling, one key)
    caseNo: ['案号', 'case'],
    defendant: ['被告', '被诉单位', '被告单位', 'defendant'],
    cause: ['案由', 'cause'],
    copyReceived: ['收到副本', '收到起诉状副本', '副本收到', 'copy'],
    hearing: ['开庭', '开庭日期', 'hearing'],
    court: ['法院', '受理法院', 'court'],
    headRequired: ['负责人应出庭', '应出庭', 'headrequired'],
    headCase: ['情形', '案件情形', 'headcase'],
    head: ['负责人', '出庭负责人', 'head'],
    post: ['职务', 'post'],
    appearedBy: ['出庭人', '出庭人员', 'staff'],
    explanationFiled: ['出庭说明', '说明已提交', 'explanation'],
    judgmentKind: ['裁判', '文书', '裁判类型', 'judgmentkind'],
    secondInstance: ['二审', '终审', 'second'],
    comply: ['履行', '需履行', 'comply'],
  },
  matterKinds: ['lawsuit'],
  shows: { lawsuit: showLawsuit },
  commands: [lawsuitCommand, appearanceCommand, judgmentCommand],
  forms: [],
  matterJobs: {
    lawsuit_reminder: defenceJob,
    lawsuit_overdue: defenceJob,
    lawsuit_escalation: defenceJob,
    lawsuit_hearing: hearingJob,
    lawsuit_receipt: hearingJob,
    lawsuit_final: finalJob,
  },
};
