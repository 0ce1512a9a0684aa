import { describe, expect, it } from 'vitest';
import { groundingPrecheck, type PrecheckOptions } from './precheck';

const ALL: PrecheckOptions = { numbers: true, names: true, allow: [] };

/** The terms found in `text` (one string, path ''), in order. */
function terms(text: string, source: string, options: Partial<PrecheckOptions> = {}): string[] {
  return groundingPrecheck([{ path: '', text }], source, { ...ALL, ...options }).map((f) => f.term);
}

const PROFILE = `Company: Northwind Logistics. Headquarters: Rotterdam, Netherlands. CEO: Sarah Chen.
Northwind raised $4.2M in a seed round led by Atlas Ventures in March 2024. It has 120 employees and grew revenue 35% last year.
The company ships 12,000 pallets a month for customers including Heineken and Philips. Its VP of Operations is Daniel O'Brien.`;

describe('grounding pre-check: numbers', () => {
  it('finds integers, decimals, percentages, money and years absent from the sources', () => {
    const text = 'They have 140 staff, a 4.8 rating, 40% churn, raised $7.5M and were founded in 2019.';
    expect(terms(text, PROFILE, { names: false })).toEqual(['140', '4.8', '40%', '$7.5M', '2019']);
  });

  it('matches numbers written differently: thousands separators, trailing zeros, units and scale', () => {
    const source = 'Revenue: $4,200,000. Pallets: 12,000 a month. Growth 35 percent. Price 19.90 EUR. Users: 1.5 million.';
    const text = 'Revenue of $4.2M, 12000 pallets, 12k pallets, 35% growth, a price of 19.9, 1,500,000 users and 1.5M users.';
    expect(terms(text, source, { names: false })).toEqual([]);
    expect(terms('Revenue of $5.2M and 13,000 pallets.', source, { names: false })).toEqual(['$5.2M', '13,000']);
  });

  it('leaves incidental numbers alone: single digits, times, day numbers, meeting lengths, codes', () => {
    const text = 'Here are 3 ideas. Free for a 15-minute call or 20 minutes on Tuesday at 2pm, 10:30 or 4 p.m., on March 14 or the 3rd? Our Q3 plan and COVID-19 notes.';
    expect(terms(text, '', { names: false })).toEqual([]);
  });

  it('checks the year of a date but not its day', () => {
    expect(terms('We met on March 14, 2023.', 'A meeting in 2024.', { names: false })).toEqual(['2023']);
  });

  it('gives each finding its exact span, currency and unit included', () => {
    const text = 'Up 40 percent to $1,250 in 2021.';
    const findings = groundingPrecheck([{ path: '/body', text }], '', { ...ALL, names: false });
    expect(findings.map((f) => f.span)).toEqual([
      { path: '/body', start: 3, end: 13, text: '40 percent' },
      { path: '/body', start: 17, end: 23, text: '$1,250' },
      { path: '/body', start: 27, end: 31, text: '2021' },
    ]);
    for (const f of findings) expect(text.slice(f.span.start, f.span.end)).toBe(f.term);
  });
});

describe('grounding pre-check: names', () => {
  it('finds names absent from the sources, single words and multi-word sequences', () => {
    const text = 'I saw that Northwind works with Heineken, Maersk and Blue Harbor Freight through Daniel O’Brien.';
    expect(terms(text, PROFILE)).toEqual(['Maersk', 'Blue Harbor Freight']);
  });

  it('matches case-insensitively, as whole words, possessives included', () => {
    expect(terms('Congrats to the NORTHWIND team and to Sarah Chen’s crew.', PROFILE)).toEqual([]);
    // "Rotter" is part of a word in the sources, not a word of them.
    expect(terms('We visited their office near Rotter last week.', PROFILE)).toEqual(['Rotter']);
    // A multi-word name must appear as a phrase.
    expect(terms('She reports to Chen Sarah now.', PROFILE)).toEqual(['Chen Sarah']);
  });

  it('does not take sentence starts, greetings, days, months, pronouns or titles for names', () => {
    const text = 'Hello there. Thanks for the note! Could we talk Monday or in June? I think so. Best wishes, and Dear reader: Yes.';
    expect(terms(text, '')).toEqual([]);
  });

  it('checks a name after a greeting or a title, and the name after a sentence-initial verb', () => {
    expect(terms('Hi Priya,\nDear Dr. Patel,\nNoticed Globex is hiring.', '')).toEqual(['Priya', 'Patel', 'Globex']);
  });

  it('takes a capitalised word the output also writes in lowercase for an ordinary word', () => {
    expect(terms('Subject: Pipeline Review\n\nI looked at your pipeline and want a review.', '')).toEqual([]);
  });

  it('skips terms in the allow list, whole terms or their words', () => {
    const text = 'Meet Trellis Labs: it helps teams. Best,\nMaya Rodriguez, Trellis\n+1 (415) 555-0199';
    // At a sentence (or line) start the first word may be an ordinary one: only the rest is reported.
    expect(terms(text, '')).toEqual(['Trellis Labs', 'Rodriguez', 'Trellis', '415', '555', '0199']);
    expect(terms(text, '', { allow: ['Trellis Labs', 'Maya Rodriguez', '+1 (415) 555-0199'] })).toEqual([]);
  });

  it('runs only the kinds asked for', () => {
    const text = 'Acme grew 80% under Jane Doe.';
    expect(terms(text, '', { names: false })).toEqual(['80%']);
    expect(terms(text, '', { numbers: false })).toEqual(['Jane Doe']);
    expect(terms(text, '', { numbers: false, names: false })).toEqual([]);
  });
});

describe('grounding pre-check on realistic outreach emails', () => {
  it('flags only what the lead profile does not support', () => {
    const email = `Subject: Quick question about Northwind's growth

Hi Sarah,

Congrats on the $4.2M seed round led by Atlas Ventures! I saw that Northwind now ships 12000 pallets a month and grew revenue 35% last year.

I'm reaching out because Trellis helps logistics teams like yours cut manual review time. Teams at Maersk and DHL saw a 40% drop in exceptions within 3 months.

Would you be open to a 15-minute call next Tuesday at 2pm, or Thursday, March 14? Happy to share how Daniel O'Brien's team could use it.

Best regards,
Maya Rodriguez
Head of Growth, Trellis`;
    const findings = groundingPrecheck([{ path: '/body', text: email }], PROFILE, { ...ALL, allow: ['Trellis', 'Maya Rodriguez'] });
    expect(findings.map((f) => [f.kind, f.term])).toEqual([
      ['name', 'Maersk'],
      ['name', 'DHL'],
      ['number', '40%'],
    ]);
    const maersk = findings[0]!.span;
    expect(email.slice(maersk.start, maersk.end)).toBe('Maersk');
    expect(maersk).toMatchObject({ path: '/body', start: email.indexOf('Maersk'), end: email.indexOf('Maersk') + 6 });
  });

  it('finds nothing in a grounded email with ordinary phrasing', () => {
    const email = `Dear Dr. Patel,

I hope this finds you well. I read your note on scaling clinical trials at Mercy Health, and it resonated with me. Last week our team wrapped up a project with a similar scope.

Would it make sense to find 20 minutes on Monday or Wednesday? If not, no worries at all - I'm happy to send over a short summary instead.

P.S. The guide I mentioned is attached.

Thanks again,
Tom`;
    const source = 'Dr. Anita Patel, VP Clinical Operations at Mercy Health, writes about scaling clinical trials.';
    expect(terms(email, source, { allow: ['Tom'] })).toEqual([]);
  });

  it('reports findings per text, with each text’s path', () => {
    const findings = groundingPrecheck(
      [
        { path: '/subject', text: 'Idea for Globex' },
        { path: '/body', text: 'Globex grew 25% in 2023.' },
      ],
      '',
      ALL,
    );
    expect(findings.map((f) => [f.span.path, f.term, f.span.start])).toEqual([
      ['/subject', 'Globex', 9],
      ['/body', '25%', 12],
      ['/body', '2023', 19],
    ]);
  });
});
