// Makes the CJK font the digest's chart is drawn with: Noto Sans SC (SIL OFL 1.1) cut down to
// GB2312, ASCII, CJK punctuation and full-width forms, plus every character in prompts/ and
// the example roster — about 2.5 MB instead of 10 MB, so the repository stays small.
//
// Run once, when the prompts gain characters outside GB2312 (a rare given name):
//   mkdir /tmp/f && cd /tmp/f && npm install subset-font @expo-google-fonts/noto-sans-sc
//   node scripts/font-subset.mjs /tmp/f
// It writes assets/fonts/NotoSansSC-subset.ttf and the license beside it.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const from = process.argv[2];
if (!from) {
  console.error('用法：node scripts/font-subset.mjs <装有 subset-font 和 @expo-google-fonts/noto-sans-sc 的目录>');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(from), 'package.json'));
const subsetFont = require('subset-font');
const pkg = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));

const chars = new Set();
// GB2312: rows 0xA1–0xA9 (symbols) and 0xB0–0xF7 (hanzi), columns 0xA1–0xFE
const gb = new TextDecoder('gb18030');
for (let row = 0xa1; row <= 0xf7; row++) {
  if (row > 0xa9 && row < 0xb0) continue;
  for (let col = 0xa1; col <= 0xfe; col++)
    for (const c of gb.decode(new Uint8Array([row, col]))) if (c !== '\ufffd') chars.add(c);
}
for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
for (let c = 0x3000; c < 0x3040; c++) chars.add(String.fromCharCode(c)); // CJK punctuation
for (let c = 0xff00; c < 0xfff0; c++) chars.add(String.fromCharCode(c)); // full-width forms
for (const c of '–—‘’“”…·×÷→←↑↓%‰℃№') chars.add(c);
const words = [
  path.join(root, 'config', 'roster.example.yaml'),
  ...readdirSync(path.join(root, 'prompts'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(root, 'prompts', f)),
];
for (const f of words) for (const c of readFileSync(f, 'utf8')) if (c > ' ') chars.add(c);

const source = readFileSync(path.join(pkg, '400Regular', 'NotoSansSC_400Regular.ttf'));
const out = await subsetFont(source, [...chars].join(''), { targetFormat: 'truetype' });
writeFileSync(path.join(root, 'assets', 'fonts', 'NotoSansSC-subset.ttf'), out);
copyFileSync(path.join(pkg, 'LICENSE_FONT'), path.join(root, 'assets', 'fonts', 'OFL.txt'));
console.log(`${chars.size} 个字符，${(out.length / 1048576).toFixed(2)} MB → assets/fonts/NotoSansSC-subset.ttf`);
