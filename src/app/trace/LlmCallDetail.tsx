/**
 * One model call as it happened: the request's settings, the exact messages sent (each labelled
 * with its role), the tools offered, and the raw response (text, tool calls, finish reason) or the
 * error. Everything is plain text in <pre> blocks: model output is untrusted. With PII masking on,
 * the messages are the masked ones that were sent: their placeholders and redaction markers show as
 * tokens (MaskedText), with the call's counts; the values they stand for are never shown here.
 */
import type { LlmCallRecord } from '../../engine/nodes/types';
import type { ChatMessage, ToolCall } from '../../engine/llm/types';
import { MaskedText } from '../pii/MaskedText';
import { piiCountsText } from '../pii/piiText';
import { ErrorBox } from '../runs/ErrorBox';
import { formatDuration } from '../runs/format';
import { Fact } from './Fact';

const ROLE_WORDS: Record<ChatMessage['role'], string> = { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool result' };

function ToolCalls({ calls, label }: { calls: readonly ToolCall[]; label: string }) {
  return (
    <ul className="trace-toolcalls" aria-label={label}>
      {calls.map((call, i) => (
        <li key={`${call.id}-${i}`}>
          <p className="trace-toolcall-name">
            <code>{call.name}</code> <span className="detail-muted">({call.id})</span>
          </p>
          <pre className="trace-pre">{call.arguments}</pre>
        </li>
      ))}
    </ul>
  );
}

/** Sent or received text: with masking on, its placeholders and redaction markers marked. */
function CallText({ text, masked }: { text: string; masked: boolean }) {
  return <pre className="trace-pre">{masked ? <MaskedText text={text} /> : text}</pre>;
}

function Message({ message, index, masked }: { message: ChatMessage; index: number; masked: boolean }) {
  const text = message.content;
  return (
    <li className={`trace-msg trace-msg-${message.role}`}>
      <p className="trace-msg-role">
        <span className="trace-msg-n">{index + 1}</span> {ROLE_WORDS[message.role]}
        {message.role === 'tool' ? <span className="detail-muted"> for {message.toolCallId}</span> : null}
      </p>
      {text !== null && text !== '' ? <CallText text={text} masked={masked} /> : <p className="hint">(no text)</p>}
      {message.role === 'assistant' && message.toolCalls?.length ? <ToolCalls calls={message.toolCalls} label={`Tool calls asked for in message ${index + 1}`} /> : null}
    </li>
  );
}

export function LlmCallDetail({ call }: { call: LlmCallRecord }) {
  const { request, response } = call;
  const masked = call.pii !== undefined;
  return (
    <>
      <dl className="trace-facts">
        <Fact term="Model">
          {call.model} <span className="detail-muted">· {call.providerId}</span>
        </Fact>
        <Fact term="Temperature">{request.temperature ?? 'default'}</Fact>
        {request.maxTokens !== undefined ? <Fact term="Max tokens">{request.maxTokens}</Fact> : null}
        <Fact term="First token">{call.ttftMs !== null ? `after ${formatDuration(call.ttftMs)}` : 'not streamed'}</Fact>
        <Fact term="Finish reason">{response?.finishReason ?? '—'}</Fact>
        {request.responseFormat ? <Fact term="Response format">JSON schema “{request.responseFormat.name}”</Fact> : null}
        {request.tools?.length ? <Fact term="Tools offered">{request.tools.map((t) => t.name).join(', ')}</Fact> : null}
        {masked ? <Fact term="Personal data">{piiCountsText(call.pii) ?? 'None found; sent as it was'}</Fact> : null}
      </dl>
      <h3 className="trace-h">
        Messages sent <span className="count">{request.messages.length}</span>
      </h3>
      {masked ? <p className="hint">As the model received them: personal data replaced by placeholders (put back in the step’s output) or redacted.</p> : null}
      <ol className="trace-messages" aria-label="Messages sent">
        {request.messages.map((message, i) => (
          <Message key={i} message={message} index={i} masked={masked} />
        ))}
      </ol>
      <h3 className="trace-h">{call.error ? 'Error' : 'Response'}</h3>
      {call.error ? <ErrorBox error={call.error} compact /> : null}
      {response ? (
        <div className="trace-response" role="group" aria-label="Raw response">
          {response.content !== null && response.content !== '' ? <CallText text={response.content} masked={masked} /> : <p className="hint">(no text)</p>}
          {response.toolCalls.length > 0 ? <ToolCalls calls={response.toolCalls} label="Tool calls asked for" /> : null}
        </div>
      ) : call.error ? null : (
        <p className="hint">No response recorded.</p>
      )}
    </>
  );
}
