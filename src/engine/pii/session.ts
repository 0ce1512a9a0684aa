/**
 * Masking in a run: one session per run execution (the flow's policy, the detector and the run's
 * vault), and one scope per step (what the step sent, for re-identifying its replies, and the
 * counts kept on its record).
 *
 * Model calls: every message's content (system, user, assistant, tool results) and the arguments
 * of earlier tool calls are masked before the provider sees them; the vault's new entries are
 * saved in the run record (and durable) before the request goes out, so a resumed run puts values
 * back and numbers on. The reply is re-identified (content and tool-call arguments) for the step.
 * HTTP requests: see http.ts.
 */
import type { ChatMessage, ChatRequest, ChatResponse } from '../llm/types';
import type { HttpResponse } from '../run/ports';
import type { PiiDetector } from './detect';
import { guardHttpRequest, type OutgoingRequest } from './http';
import { resolvePiiPolicy, type PiiPolicy, type ResolvedPiiPolicy } from './policy';
import type { PiiEntity } from './types';
import { PiiTally, countUses, type PiiCounts, type PiiUse } from './placeholders';
import { PiiVault, type PiiVaultEntry } from './vault';

export interface PiiSessionOptions {
  policy: PiiPolicy;
  detector: PiiDetector;
  /** The entries the run record holds (a resumed run). */
  entries?: readonly PiiVaultEntry[];
  /** Saves the entries in the run record; resolves when durable. */
  save: (entries: PiiVaultEntry[]) => Promise<void>;
}

export class PiiSession {
  readonly policy: ResolvedPiiPolicy;
  readonly vault: PiiVault;
  private savedRevision: number;
  private readonly saveEntries: PiiSessionOptions['save'];

  constructor(options: PiiSessionOptions) {
    this.policy = resolvePiiPolicy(options.policy);
    const { types, custom, actionOf } = this.policy;
    const detect = (text: string): PiiEntity[] => options.detector.detect(text, { types, custom });
    this.vault = new PiiVault({ detect, actionOf, ...(options.entries ? { entries: options.entries } : {}) });
    this.savedRevision = this.vault.revision;
    this.saveEntries = options.save;
  }

  /** Finds the personal data the policy masks or redacts in a text (the leak re-scan); `key`: the JSON key it is the value of. */
  detect(text: string, key?: string): PiiEntity[] {
    return this.vault.scan(text, key === undefined ? {} : { key }).map((span) => ({ type: span.type, start: span.start, end: span.end, value: text.slice(span.start, span.end) }));
  }

  /** Saves the vault when it has entries the run record does not; resolves when they are durable. */
  async save(): Promise<void> {
    const revision = this.vault.revision;
    if (revision === this.savedRevision) return;
    await this.saveEntries(this.vault.entries());
    this.savedRevision = Math.max(this.savedRevision, revision);
  }

  /** A scope for one step (all its attempts). */
  scope(): PiiStepScope {
    return new PiiStepScope(this);
  }
}

export class PiiStepScope {
  /** Placeholders this step sent: the only ones its replies get values back for. */
  private readonly sent = new Set<string>();
  private readonly tally = new PiiTally();
  /** True once the step sent something through the policy (a model call, an HTTP request). */
  private used = false;

  constructor(private readonly session: PiiSession) {}

  /** Distinct values masked and redacted by type in everything the step sent; undefined when it sent nothing. */
  counts(): PiiCounts | undefined {
    return this.used ? structuredClone(this.tally.counts) : undefined;
  }

  private note(uses: readonly PiiUse[]): void {
    this.used = true;
    this.tally.add(uses);
    for (const use of uses) if (use.action === 'mask') this.sent.add(use.key);
  }

  /** The request as the provider may see it, and what was replaced in it; the vault is saved first. */
  async maskChat(request: ChatRequest): Promise<{ request: ChatRequest; counts: PiiCounts }> {
    const { vault } = this.session;
    const uses: PiiUse[] = [];
    const mask = (text: string) => {
      const masked = vault.maskContent(text);
      uses.push(...masked.uses);
      return masked.text;
    };
    const messages = request.messages.map((message): ChatMessage => {
      if (message.role !== 'assistant') return { ...message, content: mask(message.content) };
      return {
        ...message,
        content: message.content === null ? null : mask(message.content),
        ...(message.toolCalls ? { toolCalls: message.toolCalls.map((call) => ({ ...call, arguments: mask(call.arguments) })) } : {}),
      };
    });
    this.note(uses);
    await this.session.save();
    return { request: { ...request, messages }, counts: countUses(uses) };
  }

  /** The reply with values back in its content and tool-call arguments (only for placeholders this step sent). */
  reidentifyChat(response: ChatResponse): ChatResponse {
    const { vault } = this.session;
    return {
      ...response,
      content: response.content === null ? null : vault.reidentifyContent(response.content, this.sent),
      toolCalls: response.toolCalls.map((call) => ({ ...call, arguments: vault.reidentifyContent(call.arguments, this.sent) })),
    };
  }

  /**
   * Sends an HTTP request under the policy: `send` gets the request as it may go out (or this
   * throws a `pii_blocked` error); a masked request's reply body comes back re-identified.
   */
  async http(request: OutgoingRequest, send: (request: OutgoingRequest) => Promise<HttpResponse>): Promise<HttpResponse> {
    const guarded = guardHttpRequest(this.session.vault, this.session.policy.policy.http, request);
    this.note(guarded.uses);
    if (guarded.uses.some((use) => use.action === 'mask')) await this.session.save();
    const response = await send(guarded.request);
    if (!guarded.uses.some((use) => use.action === 'mask')) return response;
    return { ...response, body: this.session.vault.reidentifyContent(response.body, this.sent) };
  }
}
