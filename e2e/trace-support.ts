/**
 * A large run for the trace viewer's spec and benchmark: `steps` agent steps, each with two model
 * calls (system and user messages, a tool call asked for, then an answer), one code tool call and
 * one structure check, so a run of 400 steps has 2,001 spans (the run, and five per step). Written
 * straight into the app's IndexedDB (a run row and its step log, 100 records a row) by `seed`.
 */
import type { Page } from '@playwright/test';
import type { LlmCallRecord, ToolCallRecord } from '../src/engine/nodes/types';
import type { RunRecord, StepRecord } from '../src/engine/run/types';
import type { Verdict } from '../src/engine/validation/verdict';
import { seed } from './runs-support';

export const BIG_RUN_ID = 'run_trace_big';

function llmCall(startedAt: number, i: number, turn: number): LlmCallRecord {
  const ask = turn === 0;
  return {
    providerId: 'test-server',
    model: i % 5 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
    request: {
      model: 'gpt-4o-mini',
      temperature: 0.2,
      messages: [
        { role: 'system', content: `You are a support agent. Classify ticket ${i} and draft a short reply. Use the tools when you need facts.` },
        { role: 'user', content: `Ticket ${i}: my invoice shows the same charge twice, please refund the extra one. Order ${4000 + i}.` },
        ...(ask ? [] : [{ role: 'assistant' as const, content: null, toolCalls: [{ id: `call_${i}`, name: 'order_lookup', arguments: `{"order":${4000 + i}}` }] }, { role: 'tool' as const, toolCallId: `call_${i}`, content: '{"charged":2}' }]),
      ],
    },
    response: ask
      ? { content: null, toolCalls: [{ id: `call_${i}`, name: 'order_lookup', arguments: `{"order":${4000 + i}}` }], finishReason: 'tool_calls' }
      : { content: `{"category":"billing","reply":"We refunded the duplicate charge on order ${4000 + i}."}`, toolCalls: [], finishReason: 'stop' },
    inputTokens: 180 + (i % 40),
    outputTokens: ask ? 22 : 64,
    costUsd: 0.00004,
    latencyMs: 140 + ((i * 37) % 160),
    ttftMs: 40 + ((i * 13) % 50),
    startedAt,
  };
}

/** The run and its step records: `steps` steps, a few running at once (they overlap). */
export function bigRun(steps: number, start = Date.now() - steps * 200 - 5_000): { run: RunRecord; records: StepRecord[] } {
  const records: StepRecord[] = [];
  for (let i = 0; i < steps; i++) {
    const startedAt = start + i * 200;
    const first = llmCall(startedAt + 5, i, 0);
    const toolStart = first.startedAt + first.latencyMs + 2;
    const tool: ToolCallRecord = { name: 'order_lookup', type: 'code', arguments: { order: 4000 + i }, result: { charged: 2 }, latencyMs: 8 + (i % 6), startedAt: toolStart, iteration: 1 };
    const second = llmCall(toolStart + tool.latencyMs + 2, i, 1);
    const finishedAt = second.startedAt + second.latencyMs + 3;
    const verdict: Verdict = {
      layer: 'structure',
      validator: 'Output schema',
      version: 'agent@1#bench',
      nodeId: `agent-${i}`,
      kind: 'agent',
      stepIndex: i,
      visit: 0,
      attempt: 1,
      iteration: 2,
      status: i % 97 === 13 ? 'fail' : 'pass',
      score: null,
      threshold: null,
      label: null,
      explanation: 'The reply matches the output schema.',
      findings: [],
      latencyMs: 1,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: null,
      at: finishedAt - 1,
    };
    records.push({
      id: `${BIG_RUN_ID}:${i}:0`,
      runId: BIG_RUN_ID,
      stepIndex: i,
      visit: 0,
      nodeId: `agent-${i}`,
      kind: 'agent',
      label: `Triage ticket ${i}`,
      category: 'agent',
      status: 'succeeded',
      inputs: { ticket: `Ticket ${i}: my invoice shows the same charge twice.` },
      outputs: { out: { category: 'billing', reply: `We refunded the duplicate charge on order ${4000 + i}.` } },
      attempts: [{ attempt: 1, startedAt, finishedAt }],
      startedAt,
      finishedAt,
      llmCalls: [first, second],
      toolCalls: [tool],
      logs: [],
      verdicts: [verdict],
    });
  }
  const last = records.at(-1);
  const calls = records.flatMap((r) => r.llmCalls);
  const run: RunRecord = {
    id: BIG_RUN_ID,
    flowId: 'trace-big-flow',
    flowName: 'Ticket triage, 2,000 spans',
    flowVersion: 't'.repeat(64),
    status: 'succeeded',
    inputs: { tickets: steps },
    outputs: { done: true },
    createdAt: start,
    startedAt: start,
    finishedAt: (last?.finishedAt ?? start) + 10,
    resumes: 0,
    state: { visits: {}, loops: {} },
    totals: {
      inputTokens: calls.reduce((s, c) => s + c.inputTokens, 0),
      outputTokens: calls.reduce((s, c) => s + c.outputTokens, 0),
      costUsd: calls.reduce((s, c) => s + (c.costUsd ?? 0), 0),
      llmCalls: calls.length,
    },
  };
  return { run, records };
}

/** Writes the big run into the app's database (the page must have opened it). */
export async function seedBigRun(page: Page, steps: number): Promise<RunRecord> {
  const { run, records } = bigRun(steps);
  await seed(page, 'runs', [run]);
  const rows = [];
  for (let from = 0, seq = 0; from < records.length; from += 100, seq++) rows.push({ runId: run.id, seq, steps: records.slice(from, from + 100) });
  await seed(page, 'stepLog', rows);
  return run;
}
