// The papers a matter is sent with (the 检察建议书, a scan of it): kept on the matter and sent to the
// responsible unit's groups as files when added (/建议 附件).
import type { Attachment } from '../../chat/messages.js';
import type { MatterWithOrgs } from '../../store/matters.js';
import { type Ctx, t } from './context.js';

/** Each paper as a file message to the responsible unit's work groups. Returns how many messages. */
export async function sendDocuments(
  ctx: Ctx,
  m: { id: string; code: string; responsibleOrgId: string },
  files: Attachment[],
) {
  if (!files.length) return 0;
  const groups = await ctx.services.roster.bindings(ctx.tx, { purpose: 'agency', orgId: m.responsibleOrgId });
  for (const f of files)
    for (const g of groups)
      ctx.out.push({
        platform: g.platform,
        to: { chatId: g.chatId },
        text: t(ctx, 'matter.document_file', { code: m.code, name: f.name }),
        matterId: m.id,
        [f.kind === 'image' ? 'image' : 'file']: { kind: f.kind, name: f.name, ref: f.ref },
      });
  return files.length * groups.length;
}

/** A matter's papers as stored. */
export function documentsOf(m: Pick<MatterWithOrgs, 'documents'>): Attachment[] {
  return JSON.parse(m.documents || '[]') as Attachment[];
}
