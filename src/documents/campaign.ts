// The closing report (总结报告) of a joint inspection or special campaign: the counts of
// src/domain/review-campaign.ts, each unit's self-inspection and the findings with what they became,
// as a document and as a workbook. No figure is counted here.
import ExcelJS from 'exceljs';
import type { CampaignCounts } from '../domain/review-campaign.js';
import type { Block } from './model.js';
import { type Composed, dateText, type Words } from './words.js';

export interface CampaignFacts {
  code: string;
  title: string;
  type: string;
  today: string;
  lead: string;
  counts: CampaignCounts;
  units: Array<{ unit: string; checked: string; problems: string; inspected: string; findings: number }>;
  findings: Array<{ no: number; unit: string; text: string; became: string; state: string }>;
}

const UNIT_COLS = ['unit', 'checked', 'problems', 'inspected', 'findings'] as const;
const FINDING_COLS = ['no', 'unit', 'text', 'became', 'state'] as const;

export function campaignReport(t: Words, f: CampaignFacts): Composed {
  const at = { code: f.code, title: f.title, type: f.type };
  const body: Block[] = [
    { kind: 'paragraph', text: t('campaign.doc.opening', at) },
    { kind: 'heading', level: 1, text: t('campaign.doc.h_overall') },
    { kind: 'paragraph', text: t('campaign.doc.overall', { ...f.counts }) },
    { kind: 'heading', level: 1, text: t('campaign.doc.h_units') },
    {
      kind: 'table',
      header: UNIT_COLS.map((c) => t(`campaign.col.${c}`)),
      rows: f.units.map((u) => UNIT_COLS.map((c) => String(u[c]))),
    },
    { kind: 'heading', level: 1, text: t('campaign.doc.h_findings') },
    f.findings.length
      ? {
          kind: 'table',
          header: FINDING_COLS.map((c) => t(`campaign.col.${c}`)),
          rows: f.findings.map((x) => FINDING_COLS.map((c) => String(x[c]))),
        }
      : { kind: 'paragraph', text: t('campaign.doc.no_findings') },
  ];
  return {
    label: t('campaign.doc.label'),
    name: t('campaign.doc.file', at),
    doc: {
      title: t('campaign.doc.title', at),
      number: t('campaign.doc.number', at),
      addressee: t('campaign.doc.to'),
      body,
      signature: f.lead,
      date: dateText(t, f.today),
    },
  };
}

export async function campaignWorkbook(t: Words, f: CampaignFacts): Promise<{ name: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const add = (name: string, header: string[], rows: Array<Array<string | number>>) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
  };
  const counts = Object.entries(f.counts).map(([k, v]) => [t(`campaign.count.${k}`), v]);
  add(t('campaign.workbook.counts_sheet'), [t('campaign.col.item'), t('campaign.col.count')], counts);
  add(
    t('campaign.workbook.units_sheet'),
    UNIT_COLS.map((c) => t(`campaign.col.${c}`)),
    f.units.map((u) => UNIT_COLS.map((c) => u[c])),
  );
  add(
    t('campaign.workbook.findings_sheet'),
    FINDING_COLS.map((c) => t(`campaign.col.${c}`)),
    f.findings.map((x) => FINDING_COLS.map((c) => x[c])),
  );
  return { name: t('campaign.workbook.file', { code: f.code }), bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}
