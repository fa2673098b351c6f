import { useMemo } from "react";
import { useAsOf } from "../../store/as-of.ts";
import { useCatalog } from "../../store/catalog.ts";
import { useSaved } from "../../store/saved.ts";
import { useWorkspace } from "../../store/workspace.ts";
import type { BlockContext } from "./defaults.ts";

/** What new blocks and templates need to know about the workspace. */
export function useBlockContext(): BlockContext {
  const events = useCatalog((s) => s.events);
  const properties = useCatalog((s) => s.properties);
  const items = useSaved((s) => s.items);
  const asOf = useAsOf();
  const infoEvents = useWorkspace((s) => s.info?.eventNames);
  const notActivity = useWorkspace((s) => s.info?.activity.exclude);
  return useMemo(
    () => ({
      events: events.length ? events.map((e) => e.name) : (infoEvents ?? []).map((e) => e.name),
      properties,
      segments: items.filter((i) => i.type === "segment").map((i) => ({ id: i.id, name: i.name })),
      asOf,
      notActivity: notActivity ?? [],
    }),
    [events, properties, items, asOf, infoEvents, notActivity],
  );
}
