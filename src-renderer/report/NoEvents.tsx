import type { ReactNode } from "react";
import { useCatalogEvents } from "../store/catalog-cache.ts";
import { useNavigation } from "../store/navigation.ts";
import { useUi } from "../store/ui.ts";
import { EmptyState } from "../ui/states.tsx";

/** An empty workspace shows what to do next instead of an empty chart. */
export function NoEvents({ children }: { children: ReactNode }) {
  const events = useCatalogEvents();
  if (events === null || events.length > 0) return <>{children}</>;
  return (
    <div className="av">
      <EmptyState
        title="No events yet"
        action={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              useNavigation.getState().go("data");
              useUi.getState().setDataTab("import");
            }}
          >
            Import events
          </button>
        }
      >
        Funnels, retention and engagement are computed from imported events. Import an export (CSV, JSON
        lines, Parquet...) or open the demo workspace.
      </EmptyState>
    </div>
  );
}
