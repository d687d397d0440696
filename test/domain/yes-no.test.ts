import { describe, expect, it } from 'vitest';
import { readYesNo } from '../../src/domain/yes-no.js';

describe('readYesNo', () => {
  it.each([
    ['是', true],
    ['是的', true],
    ['对', true],
    ['要', true],
    ['需要', true],
    ['1', true],
    ['１', true],
    [' YES ', true],
    ['y', true],
    ['否', false],
    ['不', false],
    ['不是', false],
    ['不要', false],
    ['0', false],
    ['no', false],
    ['N', false],
    ['false', false],
  ])('reads %s as %s', (value, expected) => {
    expect(readYesNo(value)).toBe(expected);
  });

  // the values an attack round found read as "no": each must now be refused, not guessed
  it.each(['保密', '涉密', '机密', '限制知悉', '也许', '可能', '', '是否', '否是', '紧急'])('refuses %s', (value) => {
    expect(readYesNo(value)).toBeUndefined();
  });

  it('takes an option’s own word for yes when the option names one', () => {
    expect(readYesNo('紧急', ['紧急'])).toBe(true);
    expect(readYesNo('保密', ['紧急'])).toBeUndefined();
  });
});
