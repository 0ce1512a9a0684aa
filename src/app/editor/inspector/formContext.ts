/** What every field of a node's config form shares: the node, its config, its problems, and how to write. */
import { createContext, useContext } from 'react';
import type { CompletionSource } from '../monaco/completionRegistry';
import type { ConfigPath } from './configPath';
import type { ConfigProblem } from './validation';

export type ChangeMode = 'typing' | 'discrete';

export interface FormContextValue {
  nodeId: string;
  kind: string;
  /** The config as stored (possibly invalid: it is what the person typed). */
  config: Record<string, unknown>;
  problems: readonly ConfigProblem[];
  set(path: ConfigPath, value: unknown, mode: ChangeMode): void;
  /** Closes the open typing burst (blur). */
  flush(): void;
  /** The node's upstream variables, computed when asked (completion). */
  completions(): CompletionSource;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('A config field was rendered outside its form.');
  return value;
}
