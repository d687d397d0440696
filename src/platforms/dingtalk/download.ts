// Keeping the files of a DingTalk message: its downloadCode exchanged for a temporary URL (POST
// /v1.0/robot/messageFiles/download with the robot's code), the bytes fetched and kept in the
// bot's file store with the same checks as every platform's (size, type, executables, checksum).
import type { Logger } from 'pino';
import type { Attachment } from '../../chat/messages.js';
import type { Db } from '../../store/db.js';
import { type FileLimits, keepFile } from '../../store/files.js';
import { findFormOf } from '../../store/forms.js';
import { chatOf, DINGTALK, fileRefs, type RobotMessage } from './events.js';
import type { OpenApi } from './openapi.js';

export interface DownloadDeps {
  db: Db;
  log: Logger;
  now(): Date;
  api: Pick<OpenApi, 'download'>;
  robotCode: string;
  files?: FileLimits;
}

/**
 * Downloads the files of a message; only files that answer an open form are fetched (the bot
 * keeps evidence, not every file sent to it). A file that cannot be kept stays an attachment
 * with the reason, and the form says so.
 */
export async function downloadFiles(
  { db, log, now, api, robotCode, files }: DownloadDeps,
  m: RobotMessage,
  attachments: Attachment[],
): Promise<Attachment[]> {
  const refs = fileRefs(m);
  const chatId = chatOf(m);
  const sender = m.senderStaffId;
  if (!refs.length || !files || !chatId || !sender) return attachments;
  const isDirect = m.conversationType !== '2';
  if (!(await findFormOf(db, { platform: DINGTALK, chatId, isDirect, senderId: sender }))) return attachments;
  const out: Attachment[] = [];
  for (const [i, ref] of refs.entries()) {
    const name = ref.name || (ref.kind === 'image' ? `图片${refs.length > 1 ? i + 1 : ''}.png` : '文件');
    try {
      const bytes = await api.download(robotCode, ref.downloadCode);
      out.push(
        await keepFile(db, files, {
          platform: DINGTALK,
          ref: m.msgId ?? ref.downloadCode,
          name,
          kind: ref.kind,
          bytes,
          at: now(),
        }),
      );
    } catch (err) {
      // the code is older than an hour, or DingTalk refused it
      log.warn({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'dingtalk file download failed');
      out.push({ kind: ref.kind, name, ref: ref.downloadCode, refused: { reason: 'download' } });
    }
  }
  return out;
}
