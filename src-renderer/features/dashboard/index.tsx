import { useEffect, useMemo } from "react";
import type { SavedReport } from "../../../src-preload/contract/methods/saved.ts";
import type { Query } from "../../../src-preload/contract/queries.ts";
import { Chart } from "../../charts/Chart.tsx";
import { ChartTable } from "../../charts/ChartTable.tsx";
import { type ThemeColors, useThemeColors } from "../../charts/theme.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { useQuery } from "../../report/use-query.ts";
import { type GlobalFilters, globalQueryParts, useGlobalFilters } from "../../store/global-filters.ts";
import { useNavigation } from "../../store/navigation.ts";
import { useSaved, viewForQuery } from "../../store/saved.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { toast } from "../../ui/toast.tsx";
import "../../report/styles.ts";
import "./dashboard.css";
import { useDashboard } from "./store.ts";
import { tileOption } from "./tile-option.ts";
import { tileTable } from "./tile-table.ts";

/**
 * A pinned report as the dashboard runs it: the top bar's range, timezone and segment take the
 * place of the report's own (as when a report is opened, where they move into the top bar).
 */
export function tileQuery(q: Query, g: Pick<GlobalFilters, "range" | "timezone" | "segment">): Query {
  if (!("range" in q)) return q;
  const scoped: Query = { ...q, ...globalQueryParts(g) };
  // the report's own timezone and segment give way to the top bar's, also when it has none
  if (!g.timezone && "timezone" in scoped) delete scoped.timezone;
  if (!g.segment && "segment" in scoped) delete scoped.segment;
  return scoped;
}

export function DashboardView() {
  const tiles = useDashboard((s) => s.tiles);
  const items = useSaved((s) => s.items);
  const path = useWorkspace((s) => s.info?.path);
  const filters = useGlobalFilters();
  const colors = useThemeColors();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when another workspace opens
  useEffect(() => {
    useDashboard.getState().load().catch(toast.error);
  }, [path]);
  const pinned = (tiles ?? [])
    .map((t) => items.find((i) => i.id === t.reportId))
    .filter((i): i is SavedReport => i !== undefined && i.type === "report");

  return (
    <div className="av" data-testid="dashboard-view">
      <div className="report-bar">
        <h1 className="view-title">Dashboard</h1>
      </div>
      <RangeNote
        counts={`${pinned.length} pinned report${pinned.length === 1 ? "" : "s"} · following the top bar's range and segment`}
        range={filters.range}
        timezone={filters.timezone}
      />
      {tiles !== null && pinned.length === 0 ? (
        <div className="av-panel dash-empty">
          <p>Nothing pinned yet.</p>
          <p className="range-note">
            Save a report in any view, then choose “Pin to dashboard” in its ⋯ menu in the sidebar.
          </p>
        </div>
      ) : null}
      <ul className="dash-grid" aria-label="Pinned reports">
        {pinned.map((item, i) => (
          <Tile
            key={item.id}
            item={item}
            g={filters}
            colors={colors}
            first={i === 0}
            last={i === pinned.length - 1}
          />
        ))}
      </ul>
    </div>
  );
}

function Tile({
  item,
  g,
  colors,
  first,
  last,
}: {
  item: SavedReport;
  g: Pick<GlobalFilters, "range" | "timezone" | "segment">;
  colors: ThemeColors;
  first: boolean;
  last: boolean;
}) {
  const saved = item.definition;
  const query = useMemo(() => tileQuery(saved, g), [saved, g]);
  // one channel per tile: tiles run side by side in the query workers and none cancels another
  const qs = useQuery(query, `dashboard:${item.id}`);
  const option = useMemo(
    () =>
      qs.result && qs.resultQuery
        ? tileOption(qs.resultQuery, { kind: qs.resultQuery.kind, result: qs.result }, colors)
        : null,
    [qs.result, qs.resultQuery, colors],
  );
  const table = useMemo(
    () =>
      qs.result && qs.resultQuery
        ? tileTable(qs.resultQuery, { kind: qs.resultQuery.kind, result: qs.result })
        : null,
    [qs.result, qs.resultQuery],
  );
  const open = () =>
    useNavigation.getState().showReport({ id: item.id, name: item.name, query: saved }, viewForQuery(saved));
  const act = (f: () => Promise<void>) => () => void f().catch(toast.error);
  const dashboard = useDashboard.getState();
  return (
    <li
      className="av-panel dash-tile"
      data-testid="dashboard-tile"
      data-phase={qs.phase}
      aria-label={item.name}
    >
      <div className="dash-tile-head">
        <button type="button" className="dash-tile-title" onClick={open} title="Open this report">
          {item.name}
        </button>
        <span className="dash-tile-actions">
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label={`Move ${item.name} earlier`}
            disabled={first}
            onClick={act(() => dashboard.move(item.id, -1))}
          >
            ←
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label={`Move ${item.name} later`}
            disabled={last}
            onClick={act(() => dashboard.move(item.id, 1))}
          >
            →
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label={`Unpin ${item.name}`}
            onClick={act(() => dashboard.unpin(item.id))}
          >
            ×
          </button>
        </span>
      </div>
      {option === null && qs.result ? (
        <div className="dash-tile-other">
          <button type="button" className="btn btn-sm" onClick={open}>
            Open the report
          </button>
        </div>
      ) : (
        <Chart
          option={option ?? {}}
          height={220}
          label={`${item.name}: pinned report`}
          busy={qs.busy}
          loading={!qs.result && qs.phase !== "error"}
          error={
            qs.phase === "error" ? (qs.error?.message ?? "This report could not be computed.") : undefined
          }
        />
      )}
      {table ? (
        <ChartTable
          testId="tile-table"
          caption={`${item.name}: the pinned report's numbers`}
          head={table.head}
          columns={table.columns}
          rows={table.rows}
        />
      ) : null}
    </li>
  );
}
