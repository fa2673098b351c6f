import { useEffect, useState } from "react";
import type { CatalogEvent, CatalogProperty } from "../../src-preload/contract/methods/catalog.ts";
import { call } from "../api/client.ts";
import { useWorkspace } from "./workspace.ts";

// Pickers share one catalog read per workspace state: the cache key is the open file and its event
// count (and the identity merge setting), so opening another workspace or importing more events
// reads the catalog again.
let key = "";
let eventsP: Promise<CatalogEvent[]> | null = null;
let propsP: Promise<CatalogProperty[]> | null = null;

function useCatalogKey(): string {
  // users per event count persons: identity merge changes them
  return useWorkspace((s) =>
    s.info ? `${s.info.path}\u0000${s.info.events}\u0000${s.info.identities?.merge ?? ""}` : "",
  );
}

function sync(k: string): void {
  if (k === key) return;
  key = k;
  eventsP = null;
  propsP = null;
}

export function useCatalogEvents(): CatalogEvent[] | null {
  const k = useCatalogKey();
  const [events, setEvents] = useState<{ key: string; list: CatalogEvent[] } | null>(null);
  useEffect(() => {
    let live = true;
    sync(k);
    eventsP ??= call("catalogEvents", {});
    eventsP.then(
      (e) => live && setEvents({ key: k, list: [...e].sort((a, b) => b.count - a.count) }),
      () => {
        eventsP = null;
        if (live) setEvents({ key: k, list: [] });
      },
    );
    return () => {
      live = false;
    };
  }, [k]);
  return events && events.key === k ? events.list : null;
}

export function useCatalogProperties(): CatalogProperty[] | null {
  const k = useCatalogKey();
  const [props, setProps] = useState<{ key: string; list: CatalogProperty[] } | null>(null);
  useEffect(() => {
    let live = true;
    sync(k);
    // The catalog answers one scope per call (event by default): pickers offer both.
    propsP ??= Promise.all([
      call("catalogProperties", { scope: "event" }),
      call("catalogProperties", { scope: "user" }),
    ]).then(([e, u]) => [...e, ...u]);
    propsP.then(
      (p) => live && setProps({ key: k, list: p }),
      () => {
        propsP = null;
        if (live) setProps({ key: k, list: [] });
      },
    );
    return () => {
      live = false;
    };
  }, [k]);
  return props && props.key === k ? props.list : null;
}
