/**
 * "Test connection" and "Fetch models": asks the provider for its model list (and, when the chosen
 * model is not in it, for a one-word chat completion with that model), and turns each way this
 * can fail into a specific, human message with what to do about it.
 *
 * In a browser a CORS refusal and an unreachable host both surface as the same network error. To
 * tell them apart, a `no-cors` probe asks the same address again: the browser lets such a request
 * through without CORS (its answer is opaque, but it arrives) when the server is up, and fails it
 * only when nothing answers. So: real request failed + probe arrived = CORS refusal; both failed =
 * unreachable.
 */
import { createOpenAIProvider } from '../../engine/llm/openaiProvider';
import { SCRIPTED_MODEL } from '../../engine/llm/scripted';
import type { ProviderConfig } from '../../engine/llm/types';
import { TrellisError } from '../../engine/util/errors';
import { OPENAI_DEFAULT_BASE_URL } from '../../storage/settingsSchema';

export type ConnectionProblem =
  | 'no_key'
  | 'auth'
  | 'wrong_url'
  | 'not_openai'
  | 'cors'
  | 'unreachable'
  | 'mixed_content'
  | 'unknown_model'
  | 'rate_limit'
  | 'quota'
  | 'timeout'
  | 'server'
  | 'rejected'
  | 'config'
  | 'cancelled'
  | 'other';

export type ConnectionResult =
  | {
      ok: true;
      models: string[];
      /** How the default model was checked: in the list, by a chat reply, or not at all (no model chosen yet). */
      model?: { name: string; checked: 'listed' | 'answered' };
      message: string;
    }
  | { ok: false; problem: ConnectionProblem; title: string; message: string; fix?: string; models?: string[] };

export interface ConnectionOptions {
  signal?: AbortSignal;
  /** Check the config's default model too (Test connection), or only list models (Fetch models). */
  checkModel?: boolean;
  /** The page's origin, for the CORS advice. Default: location.origin. */
  origin?: string;
  /** Whether the page is served over https (mixed content). Default: from location. */
  pageIsHttps?: boolean;
  /** Resolves true when something answers at the URL, ignoring CORS. Default: a no-cors fetch. */
  probe?: (url: string, signal?: AbortSignal) => Promise<boolean>;
  fetch?: typeof fetch;
}

/** A connection test waits at most this long for each request (the provider's own limit if shorter). */
const TEST_TIMEOUT_MS = 30_000;

export async function noCorsProbe(url: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await fetch(url, { mode: 'no-cors', cache: 'no-store', credentials: 'omit', redirect: 'follow', ...(signal ? { signal } : {}) });
    return true;
  } catch {
    return false;
  }
}

function baseURLOf(config: ProviderConfig): string {
  return (config.baseURL?.trim() || OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function listModels(models: string[], max = 8): string {
  if (models.length === 0) return 'none';
  const shown = models.slice(0, max).join(', ');
  return models.length > max ? `${shown} and ${models.length - max} more` : shown;
}

function corsFix(origin: string): string {
  return (
    `Allow this page's origin (${origin}) on the server. ` +
    `Ollama: set OLLAMA_ORIGINS=${origin} (or "*") and restart Ollama. ` +
    `vLLM: start it with --allowed-origins '["${origin}"]'. ` +
    'LM Studio: turn on "Enable CORS" in the server settings. ' +
    `Behind a proxy: answer with Access-Control-Allow-Origin: ${origin} and allow the Authorization and Content-Type headers.`
  );
}

async function classify(error: unknown, config: ProviderConfig, hasKey: boolean, options: ConnectionOptions, models?: string[]): Promise<ConnectionResult> {
  const baseURL = baseURLOf(config);
  const who = config.label;
  const fail = (problem: ConnectionProblem, title: string, message: string, fix?: string): ConnectionResult => ({
    ok: false,
    problem,
    title,
    message,
    ...(fix ? { fix } : {}),
    ...(models ? { models } : {}),
  });
  if (!(error instanceof TrellisError)) {
    return fail('other', 'Connection test failed', `Testing ${who} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
  }
  const message = error.message;
  switch (error.code) {
    case 'auth':
      if (!hasKey) {
        return fail('no_key', 'API key needed', `${who} wants an API key and none is set${error.status ? ` (HTTP ${error.status})` : ''}.`, 'Edit the provider and paste its API key.');
      }
      return fail(
        'auth',
        error.status === 403 ? 'API key not allowed' : 'Wrong API key',
        message,
        'Edit the provider and paste the key again (check for a missing character, an old revoked key, or a key from another project or service).',
      );
    case 'not_found':
      if (/does not know the model/.test(message)) {
        return fail(
          'unknown_model',
          'Unknown model',
          message,
          models && models.length > 0 ? `Models this endpoint lists: ${listModels(models, 12)}. Edit the provider and choose one of them.` : 'Edit the provider and choose a model the endpoint offers.',
        );
      }
      return fail('wrong_url', 'Wrong address: no OpenAI-compatible API here', message, `Check the base URL. It is the part before /chat/completions, and usually ends in /v1 (for example http://localhost:11434/v1 for Ollama, ${OPENAI_DEFAULT_BASE_URL} for OpenAI).`);
    case 'malformed':
      return fail('not_openai', 'Not an OpenAI-compatible API', message, 'Check the base URL: it should point at the OpenAI-compatible API of the server (usually ending in /v1), not at its web page.');
    case 'rate_limit':
      return fail('rate_limit', 'Rate limited', message, 'Wait a moment and test again. If it keeps happening, check the rate limits of this key or plan.');
    case 'quota':
      return fail('quota', 'Quota used up', message, 'Add credit or raise the limit for this key at the provider; retrying will not help until then.');
    case 'timeout':
      return fail('timeout', 'No answer in time', message, 'The server may be overloaded or still loading the model. Try again, or raise the timeout under Advanced in the provider settings.');
    case 'server':
      return fail('server', 'The server had an error', message, 'This is a problem on the provider side; try again later or check the server logs.');
    case 'bad_request':
      return fail('rejected', 'Request refused', message);
    case 'config':
      return fail('config', 'Settings incomplete', message);
    case 'cancelled':
      return fail('cancelled', 'Test cancelled', 'The connection test was cancelled.');
    case 'network': {
      const origin = options.origin ?? (typeof location !== 'undefined' ? location.origin : 'this page');
      const probe = options.probe ?? noCorsProbe;
      const reachable = await probe(`${baseURL}/models`, options.signal);
      if (reachable) {
        return fail(
          'cors',
          'Blocked by CORS: the server does not allow this page',
          `${who} at ${baseURL} is running and answered, but the browser refused to let Trellis read the answer: the server does not allow cross-origin requests from ${origin} (CORS).`,
          corsFix(origin),
        );
      }
      return fail(
        'unreachable',
        'Server not reachable',
        `Nothing answered at ${baseURL}. The server may not be running, or the host name or port may be wrong.`,
        'Start the server (for Ollama: ollama serve), check the host and port in the base URL, and check that no firewall or VPN is in the way.',
      );
    }
    default:
      return fail('other', 'Connection test failed', message);
  }
}

/** Lists the provider's models and, with `checkModel`, checks its default model. Never throws. */
export async function testConnection(config: ProviderConfig, apiKey: string | undefined, options: ConnectionOptions = {}): Promise<ConnectionResult> {
  if (config.kind === 'scripted') {
    return { ok: true, models: [SCRIPTED_MODEL], model: { name: SCRIPTED_MODEL, checked: 'listed' }, message: 'The demo model runs offline inside Trellis; it needs no connection. Its replies are scripted, not from a real model.' };
  }
  const baseURL = baseURLOf(config);
  const hasKey = Boolean(apiKey?.trim());
  const pageIsHttps = options.pageIsHttps ?? (typeof location !== 'undefined' && location.protocol === 'https:');
  try {
    const url = new URL(baseURL);
    if (pageIsHttps && url.protocol === 'http:' && !isLocalHost(url.hostname)) {
      return {
        ok: false,
        problem: 'mixed_content',
        title: 'Blocked: plain HTTP from a secure page',
        message: `This page is served over HTTPS and ${baseURL} uses plain HTTP, which browsers block (mixed content).`,
        fix: 'Serve the endpoint over https://, or reach it through localhost (for example with an SSH tunnel), which browsers allow.',
      };
    }
  } catch {
    // An invalid URL is reported by the provider below.
  }
  const timeoutMs = Math.min(config.timeoutMs ?? TEST_TIMEOUT_MS, TEST_TIMEOUT_MS);
  let models: string[] | undefined;
  const model = config.defaultModel.trim();
  try {
    const provider = createOpenAIProvider({ ...config, timeoutMs }, apiKey, options.fetch ? { fetch: options.fetch } : {});
    try {
      models = await provider.listModels(options.signal);
    } catch (error) {
      // A few servers answer chat completions but have no model list: try the model itself.
      if (!(error instanceof TrellisError && error.code === 'not_found' && options.checkModel && model)) throw error;
      await provider.chat({ model, messages: [{ role: 'user', content: 'Reply with the word OK.' }], maxTokens: 16 }, options.signal ? { signal: options.signal } : {});
      return { ok: true, models: [], model: { name: model, checked: 'answered' }, message: `Connected to ${config.label}. It has no model list, but the default model "${model}" answered a test message.` };
    }
    const found = models.length === 0 ? 'It listed no models.' : `${models.length} model${models.length === 1 ? '' : 's'} found.`;
    if (!options.checkModel || !model) {
      return { ok: true, models, message: `Connected to ${config.label}. ${found}${models.length === 0 ? ' Type the model name yourself.' : ''}` };
    }
    if (models.includes(model)) {
      return { ok: true, models, model: { name: model, checked: 'listed' }, message: `Connected to ${config.label}. ${found} The default model "${model}" is available.` };
    }
    // Not listed: some servers list only part of what they serve. Ask the model for one word.
    await provider.chat({ model, messages: [{ role: 'user', content: 'Reply with the word OK.' }], maxTokens: 16 }, options.signal ? { signal: options.signal } : {});
    return {
      ok: true,
      models,
      model: { name: model, checked: 'answered' },
      message: `Connected to ${config.label}. ${found} The default model "${model}" is not in the list, but it answered a test message.`,
    };
  } catch (error) {
    return classify(error, config, hasKey, options, models);
  }
}
