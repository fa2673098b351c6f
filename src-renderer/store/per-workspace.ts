import type { StoreApi } from "zustand";
import { useWorkspace } from "./workspace.ts";

// Stores that hold one workspace's work (the segment being edited, the import's preview and result,
// the top bar's segment filter) swap it when another workspace opens: each workspace gets back what
// it had, a new one starts empty, and nothing of A ever shows in B.

export function keepPerWorkspace<S extends object, K extends keyof S>(
  store: StoreApi<S>,
  keys: readonly K[],
): void {
  const pick = (s: S): Partial<S> => {
    const out: Partial<S> = {};
    for (const k of keys) out[k] = s[k];
    return out;
  };
  const fresh = pick(store.getInitialState());
  const saved = new Map<string, Partial<S>>();
  let current = useWorkspace.getState().info?.path ?? null;
  useWorkspace.subscribe((w) => {
    const next = w.info?.path ?? null;
    if (next === current) return;
    if (current !== null) saved.set(current, pick(store.getState()));
    current = next;
    store.setState((next !== null ? saved.get(next) : undefined) ?? fresh);
  });
}
