// The words of a combined notice (src/outbox/combine.ts decides when notices are combined): the
// first notices listed in the message, the whole list as a workbook when there are more.
import type { Outgoing } from '../../chat/messages.js';
import { shanghaiDate } from '../../domain/civil-date.js';
import type { Clock } from '../../schedule/clock.js';
import { keepWritten } from '../../store/files.js';
import type { Tx } from '../../store/tx.js';
import type { Services } from './context.js';

/** How many notices a combined message lists; the rest are in its workbook. */
export const LISTED = 20;

/** Builds one message for many notices to one group, in the bot's words. */
export function combinedNotice(services: Services, db: Tx, clock: Clock) {
  const t = (key: string, fields: Record<string, string | number> = {}) => services.prompts.render(key, fields);
  return async (notices: Outgoing[], overDaily: boolean): Promise<Outgoing> => {
    const first = notices[0]!;
    const item = (n: Outgoing) => (overDaily ? `${n.notice!.kind}${n.notice!.line}` : n.notice!.line);
    const lines = notices
      .slice(0, LISTED)
      .map((n, i) => `${i + 1}. ${item(n)}`)
      .join('\n');
    const head = overDaily
      ? t('notice.daily', { cap: services.config.groupNoticesPerDay, n: notices.length, lines })
      : t('notice.combined', { label: first.notice!.kind, n: notices.length, lines });
    const message: Outgoing = { platform: first.platform, to: first.to, text: head };
    if (notices.length > LISTED) {
      const name = t('notice.file_name', { today: shanghaiDate(clock.now()), n: notices.length });
      message.file = await keepWritten(db, services.config.filesDir, {
        name,
        at: clock.now(),
        write: (path) => writeList(path, notices, t),
      });
      message.text = `${head}\n${t('notice.more', { rest: notices.length - LISTED, file: name })}`;
    }
    message.text = `${message.text}\n${t('notice.hint')}`;
    return message;
  };
}

/** The whole list, a row per notice: 序号, 类别, 内容 (streamed: ten thousand rows are not held twice). */
async function writeList(path: string, notices: Outgoing[], t: (key: string) => string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const ws = wb.addWorksheet(t('notice.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: t('notice.col.no'), width: 8 },
    { header: t('notice.col.kind'), width: 14 },
    { header: t('notice.col.line'), width: 100 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const [i, n] of notices.entries()) ws.addRow([i + 1, n.notice!.kind, n.notice!.line]).commit();
  await ws.commit();
  await wb.commit();
}
