/** Connect ports from the keyboard (C): choose an output and an input; refusals say why. */
import { useMemo, useState, type FormEvent } from 'react';
import { Dialog } from '../../ui/Dialog';
import { toast } from '../../ui/toasts';
import { connect, DEFAULT_LOOP_ITERATIONS } from '../commands';
import { checkConnection, type ConnectionCheck, type ConnectionRequest } from '../connect';
import { nodePorts } from '../ports';
import { useEditorStore } from '../store';

const SEP = '\u0000';

export function ConnectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Connect" onClose={onClose}>
      {open ? <ConnectForm onClose={onClose} /> : null}
    </Dialog>
  );
}

function ConnectForm({ onClose }: { onClose: () => void }) {
  const doc = useEditorStore((s) => s.doc);
  const selected = useEditorStore((s) => s.selection.nodes);
  const groups = useMemo(() => {
    if (!doc) return [];
    return doc.nodes.map((node) => ({ node, ports: nodePorts(doc, node.id) ?? { inputs: [], outputs: [] } }));
  }, [doc]);
  const firstSelected = groups.find((g) => g.node.id === selected[0] && g.ports.outputs.length > 0);
  const [from, setFrom] = useState(firstSelected ? `${firstSelected.node.id}${SEP}${firstSelected.ports.outputs[0]?.name}` : '');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<ConnectionCheck | null>(null);

  const request = (): ConnectionRequest | null => {
    const [source, sourcePort] = from.split(SEP);
    const [target, targetPort] = to.split(SEP);
    return source && sourcePort && target && targetPort ? { source, sourcePort, target, targetPort } : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const req = request();
    if (!doc || !req) {
      setResult({ ok: false, reason: 'Choose an output to connect from and an input to connect to.' });
      return;
    }
    const check = checkConnection(doc, req);
    setResult(check);
    if (check.ok) {
      connect(req);
      toast('Connected.');
      onClose();
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="connect-from">From output</label>
        <select id="connect-from" value={from} onChange={(e) => (setFrom(e.target.value), setResult(null))}>
          <option value="">Choose an output…</option>
          {groups
            .filter((g) => g.ports.outputs.length > 0)
            .map((g) => (
              <optgroup key={g.node.id} label={g.node.label || g.node.id}>
                {g.ports.outputs.map((p) => (
                  <option key={p.name} value={`${g.node.id}${SEP}${p.name}`}>
                    {g.node.label || g.node.id} › {p.name}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="connect-to">To input</label>
        <select id="connect-to" value={to} onChange={(e) => (setTo(e.target.value), setResult(null))}>
          <option value="">Choose an input…</option>
          {groups
            .filter((g) => g.ports.inputs.length > 0)
            .map((g) => (
              <optgroup key={g.node.id} label={g.node.label || g.node.id}>
                {g.ports.inputs.map((p) => (
                  <option key={p.name} value={`${g.node.id}${SEP}${p.name}`}>
                    {g.node.label || g.node.id} › {p.name}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </div>
      {result && !result.ok ? (
        <div className="error" role="alert">
          {result.reason}
          {result.fix === 'loop' ? (
            <div className="ed-dialog-inline-actions">
              <button
                type="button"
                onClick={() => {
                  const req = request();
                  if (!req) return;
                  connect(req, { maxIterations: DEFAULT_LOOP_ITERATIONS });
                  toast(`Added a revise loop (at most ${DEFAULT_LOOP_ITERATIONS} times).`);
                  onClose();
                }}
              >
                Add as revise loop
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="ed-dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Connect
        </button>
      </div>
    </form>
  );
}
