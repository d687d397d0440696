// The digest's chart: Apache ECharts renders an SVG on the server (no DOM), resvg turns it
// into a PNG with the CJK font shipped in assets/fonts (a GB2312 subset of Noto Sans SC,
// SIL OFL 1.1). System fonts are never read, so every machine draws the same picture. A
// label with a character the font lacks would print as a blank box: such labels are
// replaced before drawing (see `drawable`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { PROJECT_ROOT } from '../../paths.js';

export const CHART_FONT_FILE = path.join(PROJECT_ROOT, 'assets', 'fonts', 'NotoSansSC-subset.ttf');
const FAMILY = 'Noto Sans SC';

let coverage: ((codePoint: number) => boolean) | undefined;

/** The characters the chart font has, read from its cmap table (formats 4 and 12). */
export function fontHas(codePoint: number): boolean {
  coverage ??= readCoverage(readFileSync(CHART_FONT_FILE));
  return coverage(codePoint);
}

function readCoverage(ttf: Buffer): (cp: number) => boolean {
  const numTables = ttf.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++)
    if (ttf.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = ttf.readUInt32BE(12 + i * 16 + 8);
  if (cmap < 0) return () => false;
  const ranges: Array<[number, number]> = [];
  const subtables = ttf.readUInt16BE(cmap + 2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < subtables; i++) {
    const rec = cmap + 4 + i * 8;
    const offset = cmap + ttf.readUInt32BE(rec + 4);
    const format = ttf.readUInt16BE(offset);
    if (format === 12 || (format === 4 && !best)) best = { offset, format };
  }
  if (!best) return () => false;
  if (best.format === 12) {
    const groups = ttf.readUInt32BE(best.offset + 12);
    for (let g = 0; g < groups; g++)
      ranges.push([ttf.readUInt32BE(best.offset + 16 + g * 12), ttf.readUInt32BE(best.offset + 20 + g * 12)]);
  } else {
    const segs = ttf.readUInt16BE(best.offset + 6) / 2;
    for (let s = 0; s < segs; s++) {
      const end = ttf.readUInt16BE(best.offset + 14 + s * 2);
      const start = ttf.readUInt16BE(best.offset + 16 + segs * 2 + s * 2);
      if (start !== 0xffff) ranges.push([start, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return (cp) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < ranges[mid]![0]) hi = mid - 1;
      else if (cp > ranges[mid]![1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/**
 * A label the font can draw: the first of the candidates (a unit's name, then its short
 * names) whose every character the font has; else the name with each missing character
 * shown as ＊ — visibly replaced, never a blank box.
 */
export function drawable(candidates: string[]): string {
  for (const c of candidates) if (c && [...c].every((ch) => ch.trim() === '' || fontHas(ch.codePointAt(0)!))) return c;
  return [...(candidates[0] ?? '')].map((ch) => (ch.trim() === '' || fontHas(ch.codePointAt(0)!) ? ch : '＊')).join('');
}

export interface BarChart {
  title: string;
  subtitle: string;
  categories: string[];
  series: Array<{ name: string; values: number[]; color: string }>;
  width?: number;
  height?: number;
}

/** The SVG of a grouped bar chart (units along the bottom). */
export function barChartSvg(c: BarChart): string {
  const width = c.width ?? 1200;
  const height = c.height ?? 720;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    // single quotes: double quotes inside the SVG attribute break resvg's parse
    textStyle: { fontFamily: `'${FAMILY}'` },
    title: {
      text: c.title,
      subtext: c.subtitle,
      left: 'center',
      textStyle: { fontSize: 26 },
      subtextStyle: { fontSize: 16 },
    },
    legend: { top: 80, textStyle: { fontSize: 16 } },
    grid: { left: 60, right: 30, top: 130, bottom: 150 },
    xAxis: {
      type: 'category',
      data: c.categories,
      axisLabel: { interval: 0, rotate: c.categories.length > 6 ? 35 : 0, fontSize: 15 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 14 } },
    series: c.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      itemStyle: { color: s.color },
      label: { show: true, position: 'top', fontSize: 13 },
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The PNG of an SVG drawn with the shipped font only. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: [CHART_FONT_FILE], defaultFontFamily: FAMILY },
    background: '#ffffff',
  });
  return image.asPng();
}
