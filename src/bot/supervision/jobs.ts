// The limit a 督办 set falling due: when the agency has sent no reply since the 督办 and still owes
// one, its group and the supervisor group hear that the limit is up.
import { owesAction } from '../../domain/matter-state.js';
import { MATTER_KIND_LABEL, type MatterKind } from '../../domain/vocabulary.js';
import { latestReply } from '../../store/matters.js';
import { audit } from '../core/context.js';
import { notify } from '../core/notify.js';
import type { MatterJobHandler } from '../core/spec.js';

export const supervisionDue: MatterJobHandler = async (ctx, _kind, m, payload) => {
  if (!m || !owesAction(m.status)) return false;
  const last = await latestReply(ctx.tx, m.id);
  // a reply since the 督办 (at the same moment too: the simulated clock stands still between steps)
  if (last && last.submittedAt.toISOString() >= String(payload.since)) return false;
  const fields = {
    code: m.code,
    title: m.title,
    kind: MATTER_KIND_LABEL[m.kind as MatterKind],
    org: m.responsibleOrg.name,
    due: String(payload.dueOn),
    by: String(payload.by ?? ''),
    unit: String(payload.unit ?? ''),
  };
  await notify(ctx, 'agency', m.responsibleOrgId, 'supervise.due_agency', fields, { matterId: m.id });
  await notify(ctx, 'supervisor', undefined, 'supervise.due_supervisor', fields, { matterId: m.id });
  audit(ctx, 'supervise.due', m.code, { dueOn: fields.due });
  return true;
};
