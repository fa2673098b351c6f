import { useEffect, useState } from "react";
import type { CatalogEvent, CatalogProperty } from "../../../src-preload/contract/methods/catalog.ts";
import { call } from "../../api/client.ts";

// Pickers share one catalog read per workspace session; a failed read is retried on next mount.
let eventsP: Promise<CatalogEvent[]> | null = null;
let propsP: Promise<CatalogProperty[]> | null = null;

export function useCatalogEvents(): CatalogEvent[] | null {
  const [events, setEvents] = useState<CatalogEvent[] | null>(null);
  useEffect(() => {
    let live = true;
    eventsP ??= call("catalogEvents", {});
    eventsP.then(
      (e) => live && setEvents([...e].sort((a, b) => b.count - a.count)),
      () => {
        eventsP = null;
        if (live) setEvents([]);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return events;
}

export function useCatalogProperties(): CatalogProperty[] | null {
  const [props, setProps] = useState<CatalogProperty[] | null>(null);
  useEffect(() => {
    let live = true;
    // The catalog answers one scope per call (event by default): pickers offer both.
    propsP ??= Promise.all([
      call("catalogProperties", { scope: "event" }),
      call("catalogProperties", { scope: "user" }),
    ]).then(([e, u]) => [...e, ...u]);
    propsP.then(
      (p) => live && setProps(p),
      () => {
        propsP = null;
        if (live) setProps([]);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return props;
}

/** Forget cached catalogs (after an import or when another workspace opens). */
export function resetCatalogCache(): void {
  eventsP = null;
  propsP = null;
}
