// The counts of a joint inspection or special campaign's closing report — the figures the press reports
// use (Jiashan: 23 units self-inspected, 62 volumes sampled, 《行政执法监督通知书》 and 《检察建议书》 issued,
// 整改各类问题46个). One definition for the chat, the Word report and the workbook.
export interface CampaignCounts {
  units: number;
  returned: number;
  selfChecked: number;
  selfProblems: number;
  unitsInspected: number;
  inspections: number;
  sampled: number;
  found: number;
  tasks: number;
  notices: number;
  recommendations: number;
  rectified: number;
}

export function campaignCounts(input: {
  units: number;
  returns: Array<{ checked: number; problems: number }>;
  inspections: Array<{ orgIds: string[]; sampled: number }>;
  findings: Array<{ matterKind: string | null; closed: boolean }>;
}): CampaignCounts {
  const kind = (k: string) => input.findings.filter((f) => f.matterKind === k).length;
  return {
    units: input.units,
    returned: input.returns.length,
    selfChecked: input.returns.reduce((a, r) => a + r.checked, 0),
    selfProblems: input.returns.reduce((a, r) => a + r.problems, 0),
    unitsInspected: new Set(input.inspections.flatMap((i) => i.orgIds)).size,
    inspections: input.inspections.length,
    sampled: input.inspections.reduce((a, i) => a + i.sampled, 0),
    found: input.findings.length,
    tasks: kind('task'),
    notices: kind('supervision_notice'),
    recommendations: kind('recommendation'),
    // a finding is rectified when the matter it became is closed (整改到位, evaluated)
    rectified: input.findings.filter((f) => f.matterKind && f.closed).length,
  };
}
