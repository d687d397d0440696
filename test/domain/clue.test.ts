// 线索 categories as people write them: exactly, loosely, or ambiguously.
import { describe, expect, it } from 'vitest';

describe('clue categories as people write them', () => {
  it.each([
    ['公益诉讼', 'pil'],
    ['公益', 'pil'],
    ['规范性文件冲突', 'normative'],
    ['规范性文件与上位法相抵触', 'normative'],
    ['规范性文件与法律冲突', 'normative'], // the label before, still read
    ['与上位法相抵触', 'normative'],
    ['推诿', 'duties'],
    ['职务犯罪', 'discipline'],
    ['discipline', 'discipline'],
    ['违法', undefined], // 行政违法 or 违纪违法: ambiguous
    ['扶贫', undefined],
  ])('%s → %s', async (text, expected) => {
    const { readCategory } = await import('../../src/domain/clue.js');
    expect(readCategory(text)).toBe(expected);
  });
});
