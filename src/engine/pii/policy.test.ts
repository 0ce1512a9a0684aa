import { describe, expect, it } from 'vitest';
import { createEmptyFlow } from '../flow/create';
import { exportFlow } from '../flow/canonical';
import { importFlow } from '../flow/import';
import { flowSchema } from '../flow/schema';
import { defaultPiiPolicy, hostAction, resolvePiiPolicy, type PiiPolicy } from './policy';
import { PII_TYPES } from './types';

describe('the PII policy in flow settings', () => {
  it('is on for new flows (every type masked, personal data to web services blocked) and round-trips canonically', () => {
    const flow = createEmptyFlow('Masked');
    expect(flow.settings.pii).toEqual(defaultPiiPolicy());
    expect(Object.values(flow.settings.pii?.entities ?? {})).toEqual(PII_TYPES.map(() => 'mask'));
    const text = exportFlow(flow);
    expect(exportFlow(flow)).toBe(text);
    const again = importFlow(text);
    expect(again).toEqual({ ok: true, flow, warnings: [] });
  });

  it('is optional: a flow without it (an older one) imports unchanged, masking off', () => {
    const flow = createEmptyFlow('Old');
    delete flow.settings.pii;
    const again = importFlow(exportFlow(flow));
    expect(again.ok && again.flow.settings.pii).toBe(undefined);
  });

  it('keeps a custom policy through export and import, types left out meaning mask', () => {
    const flow = createEmptyFlow('Custom');
    const policy: PiiPolicy = {
      entities: { email: 'allow', ssn: 'redact' },
      custom: [{ name: 'employee_id', pattern: 'EMP-\\d{6}', action: 'mask' }],
      http: { default: 'mask', hosts: [{ host: 'crm.example.com', action: 'allow' }, { host: '*.internal.example', action: 'block' }] },
    };
    flow.settings.pii = policy;
    const again = importFlow(exportFlow(flow));
    expect(again.ok && again.flow.settings.pii).toEqual(policy);
    const resolved = resolvePiiPolicy(policy);
    expect([resolved.actionOf('email'), resolved.actionOf('ssn'), resolved.actionOf('phone'), resolved.actionOf('custom:employee_id')]).toEqual(['allow', 'redact', 'mask', 'mask']);
    expect(resolved.types).not.toContain('email');
    expect(resolved.custom.map((c) => c.type)).toEqual(['custom:employee_id']);
  });

  it('reports every problem with its JSON path on import, and imports nothing', () => {
    const flow = createEmptyFlow('Bad') as unknown as { settings: Record<string, unknown> };
    flow.settings.pii = {
      entities: { email: 'hide', fingerprint: 'mask' },
      custom: [
        { name: 'Employee ID', pattern: 'EMP-\\d+', action: 'mask' },
        { name: 'code', pattern: '(a+)+', action: 'mask' },
        { name: 'empty', pattern: 'x*', action: 'mask' },
        { name: 'email', pattern: 'x', action: 'mask' },
      ],
      http: { default: 'send', hosts: [{ host: 'https://crm.example.com/api', action: 'allow' }, { host: 'a.example', action: 'mask' }, { host: 'A.example', action: 'allow' }] },
    };
    const result = importFlow(JSON.stringify(flow));
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    const at = (path: string) => problems.find((p) => p.path === path)?.message;
    expect(at('settings.pii.entities.email')).toMatch(/must be "mask", "redact" or "allow"/);
    expect(at('settings.pii.entities.fingerprint')).toBe('unknown field');
    expect(at('settings.pii.custom[0].name')).toMatch(/snake_case/);
    expect(at('settings.pii.custom[3].name')).toMatch(/built-in type/);
    expect(at('settings.pii.http.default')).toMatch(/must be "block", "mask" or "allow"/);
    expect(at('settings.pii.http.hosts[0].host')).toMatch(/without scheme or path/);
  });

  it('reports patterns that do not compile at their path', () => {
    const flow = createEmptyFlow('Bad patterns');
    flow.settings.pii = { ...defaultPiiPolicy(), custom: [{ name: 'nested', pattern: '(a+)+', action: 'mask' }, { name: 'empty', pattern: 'x*', action: 'mask' }, { name: 'broken', pattern: '([a-z]', action: 'redact' }] };
    const result = flowSchema.safeParse(flow);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['settings.pii.custom.0.pattern', 'settings.pii.custom.1.pattern', 'settings.pii.custom.2.pattern']);
    const imported = importFlow(JSON.stringify(flow));
    expect(imported.ok ? [] : imported.problems.map((p) => p.path)).toEqual(['settings.pii.custom[0].pattern', 'settings.pii.custom[1].pattern', 'settings.pii.custom[2].pattern']);
  });

  it('reports a host listed twice', () => {
    const flow = createEmptyFlow('Twice');
    flow.settings.pii = { ...defaultPiiPolicy(), http: { default: 'block', hosts: [{ host: 'a.example', action: 'mask' }, { host: 'A.example', action: 'allow' }] } };
    const imported = importFlow(JSON.stringify(flow));
    expect(imported.ok ? [] : imported.problems).toEqual([{ path: 'settings.pii.http.hosts[1].host', message: '"A.example" is listed twice (also hosts[0])' }]);
  });
});

describe('hostAction', () => {
  const http: PiiPolicy['http'] = {
    default: 'block',
    hosts: [
      { host: 'api.example.com', action: 'allow' },
      { host: '127.0.0.1:4010', action: 'mask' },
      { host: '*.example.com', action: 'mask' },
      { host: '*.eu.example.com', action: 'allow' },
    ],
  };
  const rule = (url: string) => hostAction(http, new URL(url));

  it('takes the host named (with or without port), else the closest parent domain, else the default', () => {
    expect(rule('https://API.example.com/x')).toEqual({ action: 'allow', rule: 'api.example.com' });
    expect(rule('http://127.0.0.1:4010/quality/score')).toEqual({ action: 'mask', rule: '127.0.0.1:4010' });
    expect(rule('http://127.0.0.1:9999/')).toEqual({ action: 'block', rule: null });
    expect(rule('https://crm.example.com/')).toEqual({ action: 'mask', rule: '*.example.com' });
    expect(rule('https://x.eu.example.com/')).toEqual({ action: 'allow', rule: '*.eu.example.com' });
    expect(rule('https://example.com/')).toEqual({ action: 'block', rule: null });
    expect(rule('https://notexample.com/')).toEqual({ action: 'block', rule: null });
  });
});
