/** Generated flows for benchmarks, built from the real node kinds. */
import { FLOW_FORMAT, FLOW_VERSION, type FlowDoc, type FlowEdge, type FlowNode } from '../src/engine/flow/schema';

function node(id: string, kind: string, config: Record<string, unknown>, i: number): FlowNode {
  return { id, kind, label: id, position: { x: (i % 40) * 220, y: Math.floor(i / 40) * 140 }, config };
}

/**
 * A wide, realistic flow of `n` nodes: inputs feeding templates, transforms, routers, schema
 * checks, agents, merges and outputs, wired so every required input is connected.
 */
export function realisticFlow(n: number): FlowDoc {
  const nodes: FlowNode[] = [node('input', 'input', { fields: [{ name: 'text', type: 'string', required: true }] }, 0)];
  const edges: FlowEdge[] = [];
  let e = 0;
  const connect = (source: string, sourcePort: string, target: string, targetPort: string) =>
    edges.push({ id: `e${e++}`, source, sourcePort, target, targetPort });
  // Every node reads a value from an earlier producer with an always-active port. As on a real
  // canvas, most wiring is local (one of the last 50 producers); every tenth edge reaches back
  // anywhere in the flow.
  const producers: [string, string][] = [['input', 'text']];
  const pick = (i: number) => {
    const span = i % 10 === 0 ? producers.length : Math.min(50, producers.length);
    return producers[producers.length - 1 - ((i * 7919) % span)] as [string, string];
  };
  for (let i = 1; i < n; i++) {
    const id = `n${i}`;
    const [src, port] = pick(i);
    switch (i % 8) {
      case 0:
      case 1:
        nodes.push(node(id, 'template', { template: 'Summarise for {{customer}}: {{body}}' }, i));
        connect(src, port, id, 'customer');
        connect(...pick(i + 1), id, 'body');
        producers.push([id, 'text']);
        break;
      case 2:
        nodes.push(node(id, 'transform', { expression: '$uppercase($string($))', inputs: ['in'] }, i));
        connect(src, port, id, 'in');
        producers.push([id, 'out']);
        break;
      case 3:
        nodes.push(node(id, 'agent', { role: 'Analyst', goal: 'Classify', backstory: '', instructions: 'Classify {{ticket}}', temperature: 0.2, maxIterations: 3, outputSchema: null, tools: [] }, i));
        connect(src, port, id, 'ticket');
        producers.push([id, 'out']);
        break;
      case 4:
        nodes.push(node(id, 'schema_check', { schema: { type: 'string', minLength: 1 } }, i));
        connect(src, port, id, 'in');
        break;
      case 5:
        nodes.push(node(id, 'router', { branches: [{ name: 'long', condition: '$length($string($)) > 40' }] }, i));
        connect(src, port, id, 'in');
        break;
      case 6:
        nodes.push(node(id, 'merge', { mode: 'first', inputs: ['a', 'b'] }, i));
        connect(src, port, id, 'a');
        connect(...pick(i + 3), id, 'b');
        producers.push([id, 'out']);
        break;
      default:
        nodes.push(node(id, 'output', { name: `out${i}` }, i));
        connect(src, port, id, 'value');
    }
  }
  return { format: FLOW_FORMAT, version: FLOW_VERSION, id: `bench-${n}`, name: `Benchmark flow (${n} nodes)`, description: '', nodes, edges, settings: { concurrency: 4 } };
}

/** A chain of `steps` Template nodes, each passing the text on: measures per-step engine cost. */
export function chainFlow(steps: number): FlowDoc {
  const nodes: FlowNode[] = [node('input', 'input', { fields: [{ name: 'text', type: 'string', required: true }] }, 0)];
  const edges: FlowEdge[] = [];
  let previous: [string, string] = ['input', 'text'];
  for (let i = 1; i < steps - 1; i++) {
    nodes.push(node(`t${i}`, 'template', { template: '{{in}}' }, i));
    edges.push({ id: `e${i}`, source: previous[0], sourcePort: previous[1], target: `t${i}`, targetPort: 'in' });
    previous = [`t${i}`, 'text'];
  }
  nodes.push(node('out', 'output', { name: 'result' }, steps));
  edges.push({ id: 'e-out', source: previous[0], sourcePort: previous[1], target: 'out', targetPort: 'value' });
  return { format: FLOW_FORMAT, version: FLOW_VERSION, id: `chain-${steps}`, name: `Chain of ${steps}`, description: '', nodes, edges, settings: { concurrency: 4 } };
}
