// Keeping the files of a WeCom message: fetched from the encrypted URL the frame carries
// (valid five minutes), decrypted by the SDK with the frame's aeskey, and kept in the bot's
// file store with the same checks as every platform's (size, type, executables, checksum).
import type { WSClient } from '@wecom/aibot-node-sdk';
import type { Logger } from 'pino';
import type { Attachment } from '../../chat/messages.js';
import type { Db } from '../../store/db.js';
import { type FileLimits, keepFile } from '../../store/files.js';
import { findFormOf } from '../../store/forms.js';
import { WECOM } from './adapter.js';
import { chatOf, fileRefs, type WecomBody } from './events.js';

export interface DownloadDeps {
  db: Db;
  log: Logger;
  now(): Date;
  client: Pick<WSClient, 'downloadFile'>;
  files?: FileLimits;
}

/**
 * Downloads the files of a message; only files that answer an open form are fetched (the bot
 * keeps evidence, not every file sent to it). A file that cannot be kept stays an attachment
 * with the reason, and the form says so.
 */
export async function downloadFiles(
  { db, log, now, client, files }: DownloadDeps,
  body: WecomBody,
  attachments: Attachment[],
): Promise<Attachment[]> {
  const refs = fileRefs(body);
  const chatId = chatOf(body);
  const sender = body.from?.userid;
  if (!refs.length || !files || !chatId || !sender) return attachments;
  const isDirect = body.chattype !== 'group';
  if (!(await findFormOf(db, { platform: WECOM, chatId, isDirect, senderId: sender }))) return attachments;
  const out: Attachment[] = [];
  for (const [i, ref] of refs.entries()) {
    const fallback = ref.kind === 'image' ? `图片${refs.length > 1 ? i + 1 : ''}.png` : '文件';
    try {
      const { buffer, filename } = await client.downloadFile(ref.url, ref.aeskey);
      const name = ref.name || filename || fallback;
      out.push(
        await keepFile(db, files, {
          platform: WECOM,
          ref: body.msgid ?? ref.url,
          name,
          kind: ref.kind,
          bytes: buffer,
          at: now(),
        }),
      );
    } catch (err) {
      // the URL is gone (older than five minutes) or the bytes do not decrypt
      log.warn({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'wecom file download failed');
      out.push({ kind: ref.kind, name: ref.name || fallback, ref: ref.url, refused: { reason: 'download' } });
    }
  }
  return out;
}
