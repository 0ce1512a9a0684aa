/**
 * Short messages at the bottom of the screen, optionally with an action ("Undo"). Announced to
 * screen readers through a polite live region (errors assertively).
 */
import { create } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  show(message: string, options?: { kind?: Toast['kind']; action?: Toast['action']; durationMs?: number }): void;
  dismiss(id: number): void;
}

let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(message, options = {}) {
    const toast: Toast = { id: nextId++, message, kind: options.kind ?? 'info', ...(options.action ? { action: options.action } : {}) };
    set({ toasts: [...get().toasts.slice(-3), toast] });
    setTimeout(() => get().dismiss(toast.id), options.durationMs ?? (options.action ? 8000 : 4000));
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = (message: string, options?: Parameters<ToastState['show']>[1]) => useToasts.getState().show(message, options);

export function Toaster() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <div className="toasts">
      <div role="status" aria-live="polite">
        {toasts
          .filter((t) => t.kind === 'info')
          .map((t) => (
            <ToastView key={t.id} toast={t} dismiss={dismiss} />
          ))}
      </div>
      <div role="alert">
        {toasts
          .filter((t) => t.kind === 'error')
          .map((t) => (
            <ToastView key={t.id} toast={t} dismiss={dismiss} />
          ))}
      </div>
    </div>
  );
}

function ToastView({ toast: t, dismiss }: { toast: Toast; dismiss: (id: number) => void }) {
  return (
    <div className={`toast toast-${t.kind}`}>
      <span>{t.message}</span>
      {t.action ? (
        <button
          type="button"
          onClick={() => {
            t.action?.run();
            dismiss(t.id);
          }}
        >
          {t.action.label}
        </button>
      ) : null}
      <button type="button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
        ✕
      </button>
    </div>
  );
}
