// /附件: the files sent with a matter's replies, listed and sent again in the chat that asks.

import type { Attachment } from '../../chat/messages.js';
import { toHalfWidth } from '../../domain/civil-date.js';
import { FILE_REF } from '../../store/files.js';
import { audit, reply, t, UserError } from '../core/context.js';
import { documentsOf } from '../core/documents.js';
import type { CommandSpec } from '../core/spec.js';
import { visibleMatter } from './scope.js';

/** /附件 编号 [序号]: the latest reply's files (or one of them) sent again in this chat. */
export const attachmentsCommand: CommandSpec = {
  id: 'attachments',
  names: ['附件', 'files', 'attachments'],
  allow: 'member',
  async run(ctx, cmd) {
    // a clue has no rectification files: /附件 refuses it as /线索 would, saying nothing more of it
    const { m, h } = await visibleMatter(ctx, cmd, 'usage.attachments', [
      'recommendation',
      'pil_recommendation',
      'task',
    ]);
    // the papers it was sent with (the 检察建议书), then the files of each reply
    const files: Array<Attachment & { version?: number }> = [
      ...documentsOf(m),
      ...h.replies.flatMap((r) =>
        (JSON.parse(r.attachments) as Attachment[]).map((a) => ({ ...a, version: r.version })),
      ),
    ];
    if (files.length === 0) throw new UserError('error.no_attachments', { code: m.code });
    const pick = cmd.positional[1] ? Number(toHalfWidth(cmd.positional[1])) : undefined;
    if (pick !== undefined && !(Number.isInteger(pick) && pick >= 1 && pick <= files.length))
      throw new UserError('error.bad_attachment_index', { code: m.code, count: files.length });
    const chosen = pick ? [files[pick - 1]!] : files;
    reply(ctx, 'attachments.list', {
      code: m.code,
      list: files
        .map((f, i) =>
          f.version === undefined
            ? t(ctx, 'attachments.document_line', { n: i + 1, name: f.name })
            : t(ctx, 'attachments.line', { n: i + 1, name: f.name, version: f.version }),
        )
        .join('\n'),
    });
    for (const f of chosen) {
      const stored = f.ref.startsWith(FILE_REF);
      if (!stored) {
        reply(ctx, 'attachments.not_stored', { name: f.name });
        continue;
      }
      ctx.out.push({
        platform: ctx.incoming!.platform,
        to: { chatId: ctx.incoming!.chatId },
        text: t(ctx, 'attachments.file', { name: f.name }),
        [f.kind === 'image' ? 'image' : 'file']: { kind: f.kind, name: f.name, ref: f.ref },
      });
    }
    audit(ctx, 'matter.attachments', m.code, { files: chosen.length });
  },
};
