/**
 * The run detail page's side of lineage: which output is being traced, which step the chain
 * selected (the steps list opens, scrolls to and highlights it), and focus going back to the
 * "Trace back" button that opened the view when it closes.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { LineageTarget } from '../../engine/trace/lineage';

/** A step visit selected in the chain; `seq` makes selecting the same one again jump again. */
export interface StepFocus {
  stepIndex: number;
  visit: number;
  seq: number;
}

export interface LineageState {
  target: LineageTarget | null;
  focus: StepFocus | null;
  open(target: LineageTarget): void;
  close(): void;
  select(stepIndex: number, visit: number): void;
}

export function useLineageState(): LineageState {
  const [target, setTarget] = useState<LineageTarget | null>(null);
  const [focus, setFocus] = useState<StepFocus | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const open = useCallback((next: LineageTarget) => {
    trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setTarget(next);
  }, []);
  const close = useCallback(() => {
    setTarget(null);
    setFocus(null);
    if (trigger.current?.isConnected) trigger.current.focus();
  }, []);
  const select = useCallback((stepIndex: number, visit: number) => setFocus((current) => ({ stepIndex, visit, seq: (current?.seq ?? 0) + 1 })), []);
  return { target, focus, open, close, select };
}

/**
 * Opens a step's details and brings the selected visit into view with the focus on it: the
 * step's summary, or the visit itself when the step has several (StepDetail makes it focusable).
 */
export function useStepFocus(ref: RefObject<HTMLDetailsElement | null>, focus: StepFocus | undefined): void {
  useEffect(() => {
    const details = ref.current;
    if (!focus || !details) return;
    details.open = true;
    const visit = details.querySelector<HTMLElement>(`[data-visit="${focus.visit}"][tabindex]`);
    const target = visit ?? details.querySelector('summary');
    target?.focus({ preventScroll: true });
    (visit ?? details).scrollIntoView({ block: 'start' });
  }, [focus, ref]);
}
