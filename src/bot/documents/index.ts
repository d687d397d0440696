// 公文: the words of the Word documents the bot sends where their event happens — 督办通知书 (督办),
// 行政执法监督通知书 (监督通知书), 会议通知 and 会议纪要 (meetings), 季度通报 (tasks), 年度统计表 (/统计) —
// and writes with `liandong doc`. Those families gather the facts and send the files; src/documents/
// composes and lays out each document (GB/T 9704-2012). This family only owns the words:
// prompts/documents.yaml, the document.* templates.
import type { CommandFamily } from '../core/spec.js';

export const documents: CommandFamily = {
  name: 'documents',
  words: ['document'],
  commands: [],
  forms: [],
};
