import { useCallback, useRef } from "react";
import { create } from "zustand";
import { useWorkspace } from "./workspace.ts";

// State a view keeps while the analyst is elsewhere (drafts of reports, the open report, what was
// last saved), keyed by workspace: leaving a view keeps its unsaved edits, and one workspace's draft
// never appears in another. React's useState would drop it when the view unmounts.

interface Kept {
  values: Map<string, { value: unknown }>;
  put(key: string, value: unknown): void;
}

const useKept = create<Kept>((set, get) => ({
  values: new Map(),
  put: (key, value) => {
    const values = new Map(get().values);
    values.set(key, { value });
    set({ values });
  },
}));

/** The key of a piece of state of the open workspace. */
export function keptKey(workspacePath: string | null | undefined, key: string): string {
  return `${workspacePath ?? ""}\u0000${key}`;
}

type Update<T> = T | ((prev: T) => T);

/** useState that survives leaving the view and is kept per workspace (`key` names it in the view). */
export function useKeptState<T>(key: string, initial: T): [T, (v: Update<T>) => void] {
  const path = useWorkspace((s) => s.info?.path ?? null);
  const k = keptKey(path, key);
  const slot = useKept((s) => s.values.get(k));
  // Values are written only through the setter below, with this key's type.
  const value = slot ? (slot.value as T) : initial;
  const first = useRef(initial);
  const setValue = useCallback(
    (v: Update<T>) => {
      const cur = useKept.getState().values.get(k);
      const prev = cur ? (cur.value as T) : first.current;
      useKept.getState().put(k, typeof v === "function" ? (v as (p: T) => T)(prev) : v);
    },
    [k],
  );
  return [value, setValue];
}

/** For tests and for closing a workspace file: what is kept under a key. */
export function keptValue(workspacePath: string | null, key: string): unknown {
  return useKept.getState().values.get(keptKey(workspacePath, key))?.value;
}
