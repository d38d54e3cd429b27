/**
 * The loaded worklist, in this page's memory only (R36): never in storage, so it is gone at reload
 * and at sign-out (which reloads the page).
 */
import { useSyncExternalStore } from 'react';
import type { RowError, WorklistRow } from './worklist';

export interface Worklist {
  fileName: string;
  loadedAt: string;
  rows: WorklistRow[];
  errors: RowError[];
}

let current: Worklist | null = null;
const listeners = new Set<() => void>();

export function setWorklist(worklist: Worklist | null): void {
  current = worklist;
  for (const listener of listeners) listener();
}

export function useWorklist(): Worklist | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
