// Keeping the files of a Feishu message: fetched through the Open API into the bot's file
// store (size limit, type check, checksum), so the evidence survives the chat's retention.
import type { Logger } from 'pino';
import type { Attachment } from '../../chat/messages.js';
import type { Db } from '../../store/db.js';
import { type FileLimits, keepFile } from '../../store/files.js';
import { findFormOf } from '../../store/forms.js';
import { LARK, type LarkAdapter } from './adapter.js';
import { type LarkMessageEvent, larkFileRefs } from './events.js';

export interface DownloadDeps {
  db: Db;
  log: Logger;
  now(): Date;
  adapter?: LarkAdapter;
  files?: FileLimits;
}

/**
 * Downloads the files of a message; only files that answer an open form are fetched. A file
 * that cannot be kept stays an attachment with the reason, and the form says so.
 */
export async function downloadFiles(
  { db, log, now, adapter, files }: DownloadDeps,
  data: LarkMessageEvent,
  attachments: Attachment[],
): Promise<Attachment[]> {
  const refs = larkFileRefs(data);
  if (!refs.length || !adapter || !files) return attachments;
  // only files that answer an open form are fetched: the bot keeps evidence, not every file in a group
  const chatId = data.message?.chat_id;
  const sender = data.sender?.sender_id?.open_id;
  if (
    !chatId ||
    !sender ||
    !(await findFormOf(db, {
      platform: LARK,
      chatId,
      isDirect: data.message?.chat_type === 'p2p',
      senderId: sender,
    }))
  )
    return attachments;
  const out: Attachment[] = [];
  for (const ref of refs) {
    try {
      const res = await adapter.client.im.v1.messageResource.get({
        path: { message_id: ref.messageId, file_key: ref.key },
        params: { type: ref.kind },
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.getReadableStream()) {
        size += (chunk as Buffer).length;
        if (size > files.maxBytes) break; // keepFile refuses it as too large
        chunks.push(chunk as Buffer);
      }
      const bytes = size > files.maxBytes ? Buffer.alloc(files.maxBytes + 1) : Buffer.concat(chunks);
      out.push(
        await keepFile(db, files, { platform: LARK, ref: ref.key, name: ref.name, kind: ref.kind, bytes, at: now() }),
      );
    } catch (err) {
      log.warn({ error: String((err as Error)?.message ?? err).slice(0, 200) }, 'lark file download failed');
      out.push({ kind: ref.kind, name: ref.name, ref: ref.key, refused: { reason: 'download' } });
    }
  }
  return out;
}
