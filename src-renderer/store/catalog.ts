import { create } from "zustand";
import type { CatalogEvent, CatalogProperty } from "../../src-preload/contract/methods/catalog.ts";
import { call } from "../api/client.ts";

// The workspace's catalog (events, properties with types and top values), loaded once per open
// workspace and after imports; it feeds every event and property picker.
export interface CatalogState {
  events: CatalogEvent[];
  properties: CatalogProperty[];
  status: "idle" | "loading" | "ready" | "error";
  error: unknown;
  load(): Promise<void>;
  clear(): void;
}

// each load's number: an answer from a load overtaken by a later one (another workspace opened
// meanwhile) is not shown, or A's events could fill B's pickers
let loads = 0;

export const useCatalog = create<CatalogState>((set) => ({
  events: [],
  properties: [],
  status: "idle",
  error: null,
  load: async () => {
    const mine = ++loads;
    set({ status: "loading", error: null });
    try {
      // both scopes asked for explicitly (the default is event properties only): user attributes
      // feed the attribute block and the member columns
      const [events, eventProps, userProps] = await Promise.all([
        call("catalogEvents", {}),
        call("catalogProperties", { scope: "event" }),
        call("catalogProperties", { scope: "user" }),
      ]);
      const properties = [...eventProps, ...userProps];
      if (mine !== loads) return;
      set({ events: [...events].sort((a, b) => b.count - a.count), properties, status: "ready" });
    } catch (e) {
      if (mine === loads) set({ status: "error", error: e });
    }
  },
  clear: () => {
    loads++;
    set({ events: [], properties: [], status: "idle", error: null });
  },
}));

/** Event properties (optionally of one event), user attributes, each once by name. */
export function propertiesFor(
  properties: CatalogProperty[],
  scope: "event" | "user",
  event?: string | null,
): CatalogProperty[] {
  return properties.filter(
    (p) =>
      p.scope === scope && (scope === "user" || !event || p.events.length === 0 || p.events.includes(event)),
  );
}
