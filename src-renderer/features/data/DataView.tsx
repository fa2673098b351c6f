import { useMemo, useState } from "react";
import type { CatalogEvent } from "../../../src-preload/contract/methods/catalog.ts";
import { useCatalog } from "../../store/catalog.ts";
import { useUi } from "../../store/ui.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { formatInstant, formatNumber } from "../../ui/format.ts";
import { Icon } from "../../ui/icons.tsx";
import { EmptyState, ErrorState, Skeleton } from "../../ui/states.tsx";
import { type ColumnSpec, DataTable } from "../../ui/Table.tsx";
import { ImportView } from "../import/ImportView.tsx";
import { ImportLog } from "./ImportLog.tsx";
import { PropertyList } from "./PropertyList.tsx";
import { Sparkline } from "./Sparkline.tsx";
import { UserLookup } from "./UserLookup.tsx";

// What is in the workspace: events with counts and a 30-day sparkline, each event's properties,
// user attributes, the time span and the import log. The Import tab lives here too.
const columnsFor = (timezone: string): ColumnSpec<CatalogEvent>[] => [
  { id: "name", header: "Event", value: (e) => e.name },
  { id: "count", header: "Events, all time", value: (e) => e.count, numeric: true, width: 130 },
  { id: "users", header: "Users, all time", value: (e) => e.users, numeric: true, width: 120 },
  {
    // the label matches the numbers: this column alone is the last 30 days
    id: "trend",
    header: "Events, last 30 days",
    value: (e) => e.daily.reduce((a, b) => a + b, 0),
    render: (e) => (
      <span className="trend-cell">
        <Sparkline values={e.daily} label={`${e.name} per day`} />
        <span className="num">{formatNumber(e.daily.reduce((a, b) => a + b, 0))}</span>
      </span>
    ),
    width: 170,
  },
  {
    id: "lastSeen",
    header: "Last seen",
    value: (e) => e.lastSeen,
    render: (e) => formatInstant(e.lastSeen, timezone),
    width: 120,
  },
];

export function DataWorkspaceView() {
  const tab = useUi((s) => s.dataTab);
  const setTab = useUi((s) => s.setDataTab);
  const info = useWorkspace((s) => s.info);
  return (
    <div className="view">
      <div className="view-head">
        <h1>Data</h1>
        <div className="tabs" role="tablist" aria-label="Data">
          {(["catalog", "import"] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? "tab active" : "tab"}
              onClick={() => setTab(t)}
            >
              {t === "catalog" ? "Catalog" : "Import"}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {info?.timeSpan ? (
          <span className="muted small">
            Events from {formatInstant(info.timeSpan.first, info.timezone)} to{" "}
            {formatInstant(info.timeSpan.last, info.timezone)} · times in {info.timezone}
          </span>
        ) : null}
      </div>
      {tab === "catalog" ? <Catalog /> : <ImportView />}
    </div>
  );
}

function Catalog() {
  const { events, properties, status, error, load } = useCatalog();
  const info = useWorkspace((s) => s.info);
  const [selected, setSelected] = useState<string | null>(null);
  const timezone = info?.timezone ?? "UTC";
  const columns = useMemo(() => columnsFor(timezone), [timezone]);
  const current = selected ?? events[0]?.name ?? null;
  const eventProps = useMemo(
    () =>
      properties.filter(
        (p) =>
          p.scope === "event" && (p.events.length === 0 || (current !== null && p.events.includes(current))),
      ),
    [properties, current],
  );
  const userProps = useMemo(() => properties.filter((p) => p.scope === "user"), [properties]);

  if (status === "error")
    return <ErrorState error={error} title="Could not read the catalog" onRetry={load} />;
  if (status !== "ready" && events.length === 0)
    return (
      <div className="pad">
        <Skeleton lines={8} height={22} />
      </div>
    );
  if (events.length === 0)
    return (
      <EmptyState
        title="No events yet"
        action={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => useUi.getState().setDataTab("import")}
          >
            <Icon name="upload" /> Import events
          </button>
        }
      >
        Import a CSV, TSV or JSON export of your events (one row per event with a user id, an event name and a
        time).
      </EmptyState>
    );

  return (
    <div className="data-grid">
      <section className="panel data-events" aria-label="Events">
        <DataTable
          label="Events"
          data={events}
          columns={columns}
          getRowId={(e) => e.name}
          selectedId={current}
          onRowClick={(e) => setSelected(e.name)}
          toolbar={
            // totals not in yet read "–" (formatNumber's dash), not 0
            <span className="muted">
              {formatNumber(events.length)} event names · {formatNumber(info?.events)} events ·{" "}
              {formatNumber(info?.users)} users
            </span>
          }
        />
      </section>
      <section className="panel data-props" aria-label="Properties">
        <UserLookup timezone={timezone}>
          <h2 className="panel-title">
            Properties of <span className="accent-text">{current}</span>
          </h2>
          <PropertyList properties={eventProps} unit="events" empty="This event carries no properties." />
          <h2 className="panel-title">User attributes</h2>
          <PropertyList properties={userProps} unit="users" empty="No user attributes imported." />
        </UserLookup>
      </section>
      <section className="panel data-log" aria-label="Import log">
        <h2 className="panel-title">Import log</h2>
        <ImportLog entries={info?.imports ?? []} timezone={info?.timezone ?? "UTC"} />
      </section>
    </div>
  );
}
