/** Runs the autosaver while the editor is open: page-hide flushes, cross-tab messages. */
import { useEffect } from 'react';
import { db } from '../../runtime/database';
import { Autosaver, FLOWS_CHANNEL } from './autosave';
import { defaultDraftStorage } from './draft';

let active: Autosaver | null = null;

/** The autosaver of the open editor (null when no editor is open). */
export function activeAutosaver(): Autosaver | null {
  return active;
}

export function useAutosave(flowId: string): void {
  useEffect(() => {
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(FLOWS_CHANNEL);
    const saver = new Autosaver({ db, flowId, storage: defaultDraftStorage(), channel });
    active = saver;
    saver.start();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saver.onPageHide();
    };
    window.addEventListener('pagehide', saver.onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', saver.onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      if (active === saver) active = null;
      void saver.stop().finally(() => channel?.close());
    };
  }, [flowId]);
}
