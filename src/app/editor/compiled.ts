/** The compiled plan and diagnostics of the document being edited, recomputed when it changes. */
import { useMemo } from 'react';
import { compile, type CompileResult } from '../../engine/compile';
import { useEditorStore } from './store';

const EMPTY: CompileResult = { plan: { flowId: '', steps: [], loops: [] }, diagnostics: [] };

export function useCompiled(): CompileResult {
  const doc = useEditorStore((state) => state.doc);
  return useMemo(() => (doc ? compile(doc) : EMPTY), [doc]);
}
