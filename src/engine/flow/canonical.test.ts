import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, compareKeys, KEY_PRIORITY } from './canonical';

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item: unknown, i) => shuffleKeys(item, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  // deterministic rotation + reversal, enough to change insertion order
  const rotated = entries.slice(seed % Math.max(entries.length, 1)).concat(entries.slice(0, seed % Math.max(entries.length, 1)));
  if (seed % 2 === 1) rotated.reverse();
  const out: Record<string, unknown> = {};
  for (const [k, v] of rotated) Object.defineProperty(out, k, { value: shuffleKeys(v, seed + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('canonicalJson', () => {
  it('writes structural keys in the fixed order, then the rest alphabetically', () => {
    const text = canonicalJson({ zeta: 1, nodes: [], edges: [], alpha: 2, version: 1, format: 'trellis.flow', name: 'n', id: 'i', settings: {}, description: '' });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'version', 'id', 'name', 'description', 'settings', 'nodes', 'edges', 'alpha', 'zeta']);
  });

  it('applies the order at every depth, for nodes, edges and config contents', () => {
    const node = { config: { b: 1, a: { d: 1, c: 2 } }, position: { y: 2, x: 1 }, label: 'L', kind: 'k', id: 'n' };
    const edge = { loop: { maxIterations: 2 }, targetPort: 'in', target: 'b', sourcePort: 'out', source: 'a', id: 'e' };
    const text = canonicalJson({ nodes: [node], edges: [edge] });
    expect(text).toBe(
      [
        '{',
        '  "nodes": [',
        '    {',
        '      "id": "n",',
        '      "kind": "k",',
        '      "label": "L",',
        '      "position": {',
        '        "x": 1,',
        '        "y": 2',
        '      },',
        '      "config": {',
        '        "a": {',
        '          "c": 2,',
        '          "d": 1',
        '        },',
        '        "b": 1',
        '      }',
        '    }',
        '  ],',
        '  "edges": [',
        '    {',
        '      "id": "e",',
        '      "source": "a",',
        '      "sourcePort": "out",',
        '      "target": "b",',
        '      "targetPort": "in",',
        '      "loop": {',
        '        "maxIterations": 2',
        '      }',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('sorts other keys by code unit, not by locale', () => {
    const text = canonicalJson({ b: 1, a: 1, B: 1, é: 1, _: 1, '10': 1, '9': 1 });
    const order = [...text.matchAll(/^ {2}"([^"]+)"/gm)].map((m) => m[1]);
    expect(order).toEqual(['10', '9', 'B', '_', 'a', 'b', 'é']);
    expect(compareKeys('id', 'aaa')).toBeLessThan(0);
    expect(KEY_PRIORITY.indexOf('format')).toBe(0);
  });

  it('leaves out undefined values, writes -0 as 0 and non-finite numbers as null, ends with a newline', () => {
    expect(canonicalJson({ a: undefined, b: -0, c: [undefined, NaN, Infinity], d: () => 1 })).toBe(
      '{\n  "b": 0,\n  "c": [\n    null,\n    null,\n    null\n  ]\n}\n',
    );
    expect(canonicalJson([])).toBe('[]\n');
    expect(canonicalJson({})).toBe('{}\n');
    expect(canonicalJson('x')).toBe('"x"\n');
  });

  it('keeps a "__proto__" key as data', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown;
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
    expect(canonicalJson(value)).toContain('"__proto__"');
  });

  it('refuses circular data', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/circular/);
  });

  it('writes the same text whether or not an object has array-index-like keys (both writers agree)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const inner = canonicalJson(value).trimEnd().replace(/\n/g, '\n  ');
        expect(canonicalJson({ '0': 0, v: value })).toBe(`{\n  "0": 0,\n  "v": ${inner}\n}\n`);
      }),
    );
  });

  it('gives the same bytes whatever the key insertion order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(50), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(text);
        // and it is still the same data
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});
