/** Messages between tabs about runs (e.g. "cancel this run", sent to the tab that executes it). */
export type ChannelMessage = { type: 'cancel-run'; runId: string } | { type: 'cancel-batch'; batchId: string };

const NAME = 'trellis-runs';
let channel: BroadcastChannel | null = null;
const handlers = new Set<(message: ChannelMessage) => void>();

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(NAME);
  channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
    for (const handler of handlers) handler(event.data);
  };
  return channel;
}

export function postChannelMessage(message: ChannelMessage): void {
  open()?.postMessage(message);
}

export function onChannelMessage(handler: (message: ChannelMessage) => void): () => void {
  open();
  handlers.add(handler);
  return () => handlers.delete(handler);
}
