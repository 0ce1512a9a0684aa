import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';
import { defaultPiiPolicy, resolvePiiPolicy, type PiiPolicy } from './policy';
import { keyLabel, normalizePiiValue, redactionMarker } from './placeholders';
import { PiiVault, type PiiVaultEntry } from './vault';

function vaultFor(policy: PiiPolicy = defaultPiiPolicy(), entries?: PiiVaultEntry[]): PiiVault {
  const resolved = resolvePiiPolicy(policy);
  return new PiiVault({
    detect: (text) => detectPii(text, { types: resolved.types, custom: resolved.custom }),
    actionOf: resolved.actionOf,
    ...(entries ? { entries } : {}),
  });
}

function withEntities(entities: PiiPolicy['entities']): PiiPolicy {
  return { ...defaultPiiPolicy(), entities: { ...defaultPiiPolicy().entities, ...entities } };
}

describe('PiiVault: masking', () => {
  it('numbers placeholders per type in order of first appearance', () => {
    const vault = vaultFor();
    const { text, counts } = vault.mask('Customer: Maria Garcia\nEmail: maria@example.com, cc: ops@example.com\nPhone: (415) 555-0132');
    expect(text).toBe('Customer: <PERSON_1>\nEmail: <EMAIL_1>, cc: <EMAIL_2>\nPhone: <PHONE_1>');
    expect(counts).toEqual({ masked: { person: 1, email: 2, phone: 1 }, redacted: {} });
    expect(vault.entries().map((e) => e.placeholder)).toEqual(['<PERSON_1>', '<EMAIL_1>', '<EMAIL_2>', '<PHONE_1>']);
  });

  it('gives the same value the same placeholder in every later text, compared normalised', () => {
    const vault = vaultFor();
    vault.mask('Email: Maria@Example.com, phone (415) 555-0132');
    const later = vault.mask('Write to maria@example.COM or 415.555.0132; and to a.new@example.com');
    expect(later.text).toBe('Write to <EMAIL_1> or <PHONE_1>; and to <EMAIL_2>');
    // The first spelling seen is the one put back.
    expect(vault.reidentify('<EMAIL_1>')).toBe('Maria@Example.com');
    expect(normalizePiiValue('credit_card', '4111-1111 1111 1111')).toBe('4111111111111111');
    expect(normalizePiiValue('iban', 'de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
  });

  it('never gives two different values one placeholder, and counts distinct values', () => {
    const vault = vaultFor();
    const { text, counts } = vault.mask('a@example.com b@example.com a@example.com');
    expect(text).toBe('<EMAIL_1> <EMAIL_2> <EMAIL_1>');
    expect(counts.masked).toEqual({ email: 2 });
  });

  it('redacts redact types with a marker that is never stored or put back; allowed types stay', () => {
    const vault = vaultFor(withEntities({ ssn: 'redact', credit_card: 'redact', email: 'allow' }));
    const { text, counts } = vault.mask('SSN 123-45-6789, card 4111 1111 1111 1111, mail maria@example.com');
    expect(text).toBe(`SSN ${redactionMarker('ssn')}, card [REDACTED CREDIT CARD], mail maria@example.com`);
    expect(redactionMarker('ssn')).toBe('[REDACTED SSN]');
    expect(counts).toEqual({ masked: {}, redacted: { ssn: 1, credit_card: 1 } });
    expect(vault.entries()).toEqual([]);
    expect(vault.reidentify(text)).toBe(text);
  });

  it('masks a value already in the vault where the detector alone would not find it', () => {
    // A detector that finds names only after "Customer:": the vault finds them anywhere later (whole words only).
    const vault = new PiiVault({ detect: (text) => (text.startsWith('Customer: ') ? detectPii(text, { types: ['person'] }) : []), actionOf: () => 'mask' });
    vault.mask('Customer: Maria Garcia');
    expect(vault.mask('I will ask maria garcia tomorrow. Maria Garcias is someone else.').text).toBe('I will ask <PERSON_1> tomorrow. Maria Garcias is someone else.');
  });

  it('masks custom patterns with their own placeholder stem', () => {
    const vault = vaultFor({ ...defaultPiiPolicy(), custom: [{ name: 'employee_id', pattern: 'EMP-\\d{6}', action: 'mask' }] });
    expect(vault.mask('Badge EMP-004211 and EMP-004212').text).toBe('Badge <EMPLOYEE_ID_1> and <EMPLOYEE_ID_2>');
  });

  it('masks inside JSON strings and numbers without breaking the JSON', () => {
    const vault = vaultFor();
    const json = JSON.stringify({ note: 'Customer: Maria Garcia\nEmail: maria@example.com', card: 4111111111111111, 'maria@example.com': true }, null, 2);
    const masked = vault.maskContent(json);
    expect(JSON.parse(masked.text)).toEqual({ note: 'Customer: <PERSON_1>\nEmail: <EMAIL_1>', card: '<CREDIT_CARD_1>', '<EMAIL_1>': true });
    expect(masked.text.split('\n').length).toBe(json.split('\n').length);
  });

  it('reads a JSON key as the label in front of its value (the context names and birth dates need)', () => {
    const vault = vaultFor();
    expect(detectPii('1984-03-12')).toEqual([]);
    const masked = vault.maskContent(JSON.stringify({ fullName: 'Ann Lee', date_of_birth: '1984-03-12', shipped: '2024-05-01' }));
    expect(JSON.parse(masked.text)).toEqual({ fullName: '<PERSON_1>', date_of_birth: '<DATE_OF_BIRTH_1>', shipped: '2024-05-01' });
    expect(keyLabel('X-Customer-Name')).toBe('Customer name');
  });
});

describe('PiiVault: re-identification', () => {
  const seeded = () => {
    const vault = vaultFor();
    vault.mask('Customer: Maria "Mia" Garcia\nEmail: maria@example.com');
    return vault;
  };

  it('puts values back for placeholders and the mangled forms it accepts', () => {
    const vault = vaultFor();
    vault.mask('Customer: Maria Garcia\nEmail: maria@example.com');
    const accepted = ['<PERSON_1>', '<Person_1>', '<person_1>', '< PERSON_1 >', '<PERSON 1>', '[PERSON_1]', '{PERSON_1}', '{{PERSON_1}}', '&lt;PERSON_1&gt;', 'PERSON_1'];
    for (const form of accepted) expect(vault.reidentify(`Dear ${form},`), form).toBe('Dear Maria Garcia,');
    const refused = ['person_1', 'PERSON-1', '<PERSON_2>', '<PERSON_01>', 'XPERSON_1', 'PERSON_12'];
    for (const form of refused) expect(vault.reidentify(`Dear ${form},`), form).toBe(`Dear ${form},`);
    expect(vault.reidentify('Write to <PERSON_1> at <EMAIL_1>.')).toBe('Write to Maria Garcia at maria@example.com.');
  });

  it('puts back only the placeholders it is allowed to', () => {
    const vault = vaultFor();
    vault.mask('Email: a@example.com, b@example.com');
    expect(vault.reidentify('<EMAIL_1> <EMAIL_2>', new Set(['<EMAIL_1>']))).toBe('a@example.com <EMAIL_2>');
  });

  it('re-identifies JSON content inside its strings, so a value with quotes cannot break it', () => {
    const vault = vaultFor();
    vault.mask('Customer: Maria "Mia" Garcia');
    const [entry] = vault.entries();
    expect(entry).toMatchObject({ placeholder: '<PERSON_1>', type: 'person' });
    const content = '{\n  "to": "<PERSON_1>",\n  "<PERSON_1>": 1\n}';
    const back = vault.reidentifyContent(content);
    expect(JSON.parse(back)).toEqual({ to: entry?.value, [entry?.value ?? '']: 1 });
    expect(back.startsWith('{\n  "to": ')).toBe(true);
    // In a fenced block too; plain text is plain text.
    expect(JSON.parse(vault.reidentifyContent('```json\n{"to":"<PERSON_1>"}\n```').replace(/^```json\n|\n```$/g, ''))).toEqual({ to: entry?.value });
    expect(vault.reidentifyContent('Dear <PERSON_1>')).toBe(`Dear ${entry?.value}`);
  });

  it('leaves text alone when the vault is empty or nothing matches', () => {
    expect(vaultFor().reidentify('<PERSON_1>')).toBe('<PERSON_1>');
    expect(seeded().reidentify('nothing here')).toBe('nothing here');
  });
});

describe('PiiVault: entries', () => {
  it('restores from entries: same placeholders, numbering goes on', () => {
    const first = vaultFor();
    first.mask('Email: a@example.com, b@example.com\nCustomer: Maria Garcia');
    const resumed = vaultFor(defaultPiiPolicy(), first.entries());
    expect(resumed.revision).toBe(first.entries().length);
    expect(resumed.mask('b@example.com c@example.com').text).toBe('<EMAIL_2> <EMAIL_3>');
    expect(resumed.reidentify('<PERSON_1>')).toBe('Maria Garcia');
  });

  it('grows its revision only when an entry is added', () => {
    const vault = vaultFor();
    vault.mask('a@example.com');
    const revision = vault.revision;
    vault.mask('again a@example.com');
    expect(vault.revision).toBe(revision);
    vault.mask('b@example.com');
    expect(vault.revision).toBe(revision + 1);
  });
});
