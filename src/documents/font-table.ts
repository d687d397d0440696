// word/fontTable.xml: the fonts the document names, with what Word may use in their place on a
// machine that lacks them (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体). Fonts are
// named, not embedded: the office's Word supplies them.
import { FALLBACK, FONT } from './layout.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** One font: a Chinese face is GB2312 (charset 86), fixed pitch; Times New Roman is roman, variable. */
function font(name: string): string {
  const chinese = name !== FONT.latin;
  const alt = FALLBACK[name];
  return [
    `<w:font w:name="${xmlEscape(name)}">`,
    alt ? `<w:altName w:val="${xmlEscape(alt)}"/>` : '',
    `<w:charset w:val="${chinese ? '86' : '00'}"/>`,
    `<w:family w:val="${chinese ? 'modern' : 'roman'}"/>`,
    `<w:pitch w:val="${chinese ? 'fixed' : 'variable'}"/>`,
    '</w:font>',
  ].join('');
}

export function fontTableXml(): string {
  const names = [
    ...new Set([...Object.values(FONT), ...Object.values(FALLBACK).filter((n) => /[^\x20-\x7e]/.test(n))]),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<w:fonts xmlns:w="${W}" xmlns:r="${R}">`,
    ...names.map(font),
    '</w:fonts>',
  ].join('');
}
