import { describe, expect, it } from 'vitest';
import { createEmptyFlow, newId } from './create';
import { exportFlow } from './canonical';
import { importFlow } from './import';
import { flowSchema, idSchema } from './schema';

describe('newId', () => {
  it('makes valid, distinct ids with the prefix', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId('node')));
    expect(ids.size).toBe(2000);
    for (const id of ids) {
      expect(id).toMatch(/^node-[0-9a-z]{12}$/);
      expect(idSchema.safeParse(id).success).toBe(true);
    }
    expect(idSchema.safeParse(newId('a'.repeat(40))).success).toBe(true);
  });

  it('refuses a prefix that would make an invalid id', () => {
    expect(() => newId('')).toThrow(/prefix/);
    expect(() => newId('has space')).toThrow(/prefix/);
    expect(() => newId('a'.repeat(41))).toThrow(/prefix/);
  });
});

describe('createEmptyFlow', () => {
  it('makes a valid flow that round-trips', () => {
    const flow = createEmptyFlow('  Lead scoring ');
    expect(flowSchema.parse(flow)).toEqual(flow);
    expect(flow.name).toBe('Lead scoring');
    expect(flow.id).toMatch(/^flow-/);
    const again = importFlow(exportFlow(flow));
    expect(again).toEqual({ ok: true, flow, warnings: [] });
  });

  it('names a blank flow and takes a given id', () => {
    expect(createEmptyFlow('', 'my-flow')).toMatchObject({ name: 'Untitled flow', id: 'my-flow' });
    expect(() => createEmptyFlow('x', 'not valid!')).toThrow(/not a valid flow id/);
  });
});
