// The assessment's two files: a workbook (考核得分: a row per unit, a column per item, the total and the
// place; 计分依据: a row per unit and item with the figure, the score and the codes of the matters behind
// it — counted and, of those, the ones that scored) and a Word table (《年度考核结果》, GB/T 9704 layout,
// across the page) signed by the lead unit. The figures and scores are the service's: nothing is counted here.

import type { OfficialDocument } from '../../documents/model.js';
import { renderDocument } from '../../documents/render.js';
import { tablesWorkbook } from '../../documents/tables-workbook.js';
import { dateText } from '../../documents/words.js';
import { type Ctx, t } from '../core/context.js';
import { leadName } from '../core/lead.js';
import { type Assessment, figureText, pointsText, scoreText } from './service.js';

export function fileNames(ctx: Ctx, a: Assessment) {
  return {
    workbook: t(ctx, 'assessment.file.workbook', { year: a.year }),
    document: t(ctx, 'assessment.file.document', { year: a.year }),
  };
}

function titleOf(ctx: Ctx, a: Assessment): string {
  return a.rubric.title
    ? t(ctx, 'assessment.title_named', { year: a.year, title: a.rubric.title })
    : t(ctx, 'assessment.title', { year: a.year });
}

export async function assessmentWorkbook(ctx: Ctx, a: Assessment): Promise<Buffer> {
  const col = (k: string) => t(ctx, `assessment.col.${k}`);
  const items = a.rubric.items;
  const footer = t(ctx, 'assessment.footer');
  return tablesWorkbook([
    {
      name: t(ctx, 'assessment.sheet.scores'),
      title: titleOf(ctx, a),
      header: [
        col('rank'),
        col('unit'),
        ...items.map((i) => t(ctx, 'assessment.col.item', { name: i.name, weight: i.weight })),
        col('total'),
      ],
      widths: [6, 26, ...items.map(() => 12), 10],
      rows: a.units.map((u) => [
        u.rank ?? undefined,
        u.unit,
        ...u.items.map((s) => (s.missing ? scoreText(ctx, s) : (s.score ?? undefined))),
        u.total ?? pointsText(ctx, null),
      ]),
      footer,
    },
    {
      name: t(ctx, 'assessment.sheet.basis'),
      title: t(ctx, 'assessment.basis_title', { year: a.year, asOf: a.asOf }),
      header: [col('unit'), col('item_name'), col('figure'), col('value'), col('score'), col('counted'), col('codes')],
      widths: [24, 16, 14, 14, 10, 40, 40],
      rows: a.units.flatMap((u) =>
        u.items.map((s) => [
          u.unit,
          s.item.name,
          s.item.figure,
          figureText(ctx, s),
          scoreText(ctx, s),
          (s.figure?.counted ?? []).join('、'),
          (s.figure?.codes ?? []).join('、'),
        ]),
      ),
      marked: a.units.flatMap((u) => u.items.map((s) => s.missing)),
      footer,
    },
  ]);
}

export async function assessmentDocument(ctx: Ctx, a: Assessment): Promise<Buffer> {
  const items = a.rubric.items;
  const col = (k: string) => t(ctx, `assessment.col.${k}`);
  const w = (key: string, fields: Record<string, string | number> = {}) => t(ctx, key, fields);
  const missing = a.units.flatMap((u) =>
    u.items
      .filter((s) => s.missing)
      .map((s) => t(ctx, 'assessment.doc.missing_line', { unit: u.unit, item: s.item.name })),
  );
  const doc: OfficialDocument = {
    title: titleOf(ctx, a),
    landscape: true,
    body: [
      {
        kind: 'paragraph',
        text: t(ctx, 'assessment.doc.scope', { year: a.year, asOf: dateText(w, a.asOf), full: a.rubric.full }),
      },
      {
        kind: 'table',
        header: [
          col('rank'),
          col('unit'),
          ...items.map((i) => t(ctx, 'assessment.col.item', { name: i.name, weight: i.weight })),
          col('total'),
        ],
        widths: [1.2, 4.5, ...items.map(() => 1.6), 1.6],
        rows: a.units.map((u) => [
          u.rank === null ? '' : String(u.rank),
          u.unit,
          ...u.items.map((s) => scoreText(ctx, s)),
          pointsText(ctx, u.total),
        ]),
      },
      { kind: 'paragraph', text: t(ctx, 'assessment.doc.rules') },
      ...(missing.length
        ? [{ kind: 'paragraph' as const, text: t(ctx, 'assessment.doc.missing', { lines: missing.join('；') }) }]
        : []),
      { kind: 'paragraph', text: t(ctx, 'assessment.doc.basis') },
    ],
    signature: await leadName(ctx),
    date: dateText(w, ctx.today),
  };
  return renderDocument(doc);
}
