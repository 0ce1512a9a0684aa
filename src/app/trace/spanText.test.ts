import { describe, expect, it } from 'vitest';
import { compactCount, costCell, tokensText } from './spanText';

describe('row cells', () => {
  it('keeps counts short in narrow cells', () => {
    expect(compactCount(9_999)).toBe('9,999');
    expect(compactCount(34_400)).toBe('34.4k');
    expect(compactCount(159_600)).toBe('160k');
    expect(compactCount(2_400_000)).toBe('2.4M');
    expect(tokensText({ inputTokens: 159_600, outputTokens: 34_400 })).toBe('160k / 34.4k');
    expect(tokensText({ inputTokens: 0, outputTokens: 0 })).toBe('');
  });

  it('drops trailing zeros from costs', () => {
    expect(costCell(0.00004)).toBe('$0.00004');
    expect(costCell(0.032)).toBe('$0.032');
    expect(costCell(12.5)).toBe('$12.5');
    expect(costCell(3)).toBe('$3');
    expect(costCell(0)).toBe('$0');
  });
});
