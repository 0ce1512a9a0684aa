import { describe, expect, it } from 'vitest';
import { DEMO_QUALITY_LABEL, scoreDemoQuality } from './demoQuality';

const failing = (text: string) => scoreDemoQuality(text).checks.filter((check) => !check.pass).map((check) => check.name);

describe('demo quality service', () => {
  it('passes ordinary well-formed short messages', () => {
    for (const text of [
      'Hi Dana, the Q3 report is ready. Can we review it on Tuesday?',
      'Thanks for the call today. Please send the signed contract by Friday.',
      'Hello Sam, your order 4821 shipped this morning and should arrive within 3 days. Let me know if anything is missing.',
      'The new pricing starts on 1 March. Would you like a walkthrough with our team?',
      'Thanks, see you Friday!',
    ]) {
      const result = scoreDemoQuality(text);
      expect(result.score, `${text} -> ${failing(text).join(', ')}`).toBeGreaterThanOrEqual(0.7);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    expect(scoreDemoQuality('Hi Dana, the Q3 report is ready. Can we review it on Tuesday?')).toMatchObject({ score: 1, service: DEMO_QUALITY_LABEL });
  });

  it('fails empty, placeholder and vague or run-on messages', () => {
    expect(scoreDemoQuality('')).toMatchObject({ score: 0 });
    expect(scoreDemoQuality('   \n ').score).toBe(0);
    expect(failing('')).toContain('not_empty');
    for (const text of [
      'Hi [Your name], thanks for reaching out about [product]. Can we talk on Monday?',
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit. Call me on Friday?',
      'Dear {{first_name}}, your order 12 is ready. Please confirm.',
      'TODO: write the follow-up for Acme.',
    ]) {
      const result = scoreDemoQuality(text);
      expect(result.score, text).toBeLessThan(0.7);
      expect(failing(text), text).toContain('no_placeholder');
    }
    expect(scoreDemoQuality('ok').score).toBeLessThan(0.7);
    expect(scoreDemoQuality('the meeting went well and the team agreed on the plan and everyone was happy with it').score).toBeLessThan(0.7);
    const runOn = `${Array.from({ length: 60 }, (_, i) => `word${i % 2 ? '' : 's'}`).join(' ')} for the team.`;
    expect(failing(runOn)).toContain('sentence_length');
  });

  it('is deterministic and explains each check', () => {
    const text = 'Hello Sam, your order 4821 shipped. Let me know if anything is missing.';
    expect(scoreDemoQuality(text)).toEqual(scoreDemoQuality(text));
    const checks = scoreDemoQuality('ok').checks;
    expect(checks.map((check) => check.name)).toEqual(['not_empty', 'length', 'sentence_length', 'no_placeholder', 'ask', 'specific']);
    expect(checks.find((check) => check.name === 'length')?.message).toBe('too short: 1 of at least 5 words');
    expect(checks.reduce((sum, check) => sum + check.weight, 0)).toBeCloseTo(1);
  });
});
