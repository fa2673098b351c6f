import { useEffect, useMemo, useState } from "react";
import type { MemberRow, SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { isCancelled, runQuery } from "../../api/client.ts";
import { useCatalog } from "../../store/catalog.ts";
import { useDataKey } from "../../store/data-key.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { formatInstant, formatNumber } from "../../ui/format.ts";
import { EmptyState, ErrorState, Skeleton } from "../../ui/states.tsx";
import { type ColumnSpec, DataTable } from "../../ui/Table.tsx";
import { AttributeChooser } from "./AttributeChooser.tsx";
import { Timeline } from "./Timeline.tsx";

// A segment's users in a virtualized, sortable table with chosen attributes; clicking a row shows
// that user's event timeline beside it.
const PAGE = 5000;

export function MembersView(props: { segment: Segment; name: string }) {
  const json = JSON.stringify(props.segment);
  const tz = useGlobalFilters((s) => s.timezone);
  const wsTz = useWorkspace((s) => s.info?.timezone ?? "UTC");
  const dataKey = useDataKey();
  const properties = useCatalog((s) => s.properties);
  const userProps = useMemo(() => properties.filter((p) => p.scope === "user"), [properties]);
  const [attrs, setAttrs] = useState<string[] | null>(null);
  const chosen = useMemo(() => attrs ?? userProps.slice(0, 3).map((p) => p.name), [attrs, userProps]);
  const [data, setData] = useState<SegmentMembersResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const attrKey = chosen.join("\u0000");

  // The next page is appended: a large segment is read a page at a time, never all at once.
  const loadMore = () => {
    if (!data || more) return;
    setMore(true);
    runQuery(
      {
        kind: "segmentMembers",
        segment: JSON.parse(json) as Segment,
        attributes: chosen,
        limit: PAGE,
        offset: data.rows.length,
        ...(tz ? { timezone: tz } : {}),
      },
      "segment-members",
    )
      .then((r) => setData((d) => (d ? { total: r.total, rows: [...d.rows, ...r.rows] } : r)))
      .catch((e) => !isCancelled(e) && setError(e))
      .finally(() => setMore(false));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the segment's JSON, the attribute list and the data (data-key.ts)
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    runQuery(
      {
        kind: "segmentMembers",
        segment: JSON.parse(json) as Segment,
        attributes: chosen,
        limit: PAGE,
        ...(tz ? { timezone: tz } : {}),
      },
      "segment-members",
    )
      .then((r) => live && setData(r))
      .catch((e) => live && !isCancelled(e) && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [json, attrKey, tz, dataKey]);

  const zone = tz ?? wsTz;
  const columns = useMemo<ColumnSpec<MemberRow>[]>(
    () => [
      { id: "userId", header: "User", value: (r) => r.userId },
      { id: "events", header: "Events", value: (r) => r.events, numeric: true, width: 80 },
      {
        id: "firstSeen",
        header: "First seen",
        value: (r) => r.firstSeen,
        render: (r) => formatInstant(r.firstSeen, zone),
        width: 112,
      },
      {
        id: "lastSeen",
        header: "Last seen",
        value: (r) => r.lastSeen,
        render: (r) => formatInstant(r.lastSeen, zone),
        width: 112,
      },
      ...chosen.map((a) => ({
        id: `attr:${a}`,
        header: a,
        value: (r: MemberRow) => r.attributes[a] ?? null,
        numeric: userProps.find((p) => p.name === a)?.type === "number",
      })),
    ],
    [chosen, zone, userProps],
  );

  if (error) return <ErrorState error={error} title="Could not list the members" />;
  return (
    <div className={selected ? "members with-timeline" : "members"}>
      <div className="members-table">
        {!data ? (
          <Skeleton lines={10} height={22} />
        ) : data.total === 0 ? (
          <EmptyState title="Nobody matches yet" compact>
            Loosen a condition (a longer time range, fewer required events) and the members appear here.
          </EmptyState>
        ) : (
          <DataTable
            label={`Members of ${props.name}`}
            data={data.rows}
            columns={columns}
            getRowId={(r) => r.userId}
            selectedId={selected}
            onRowClick={(r) => setSelected(r.userId === selected ? null : r.userId)}
            toolbar={
              <>
                <span className={loading ? "muted busy-text" : "muted"}>
                  {formatNumber(data.total)} users
                  {data.total > data.rows.length ? ` (first ${formatNumber(data.rows.length)} shown)` : ""} ·
                  times in {zone}
                </span>
                {data.total > data.rows.length ? (
                  <button type="button" className="btn btn-sm" onClick={loadMore} disabled={more}>
                    {more
                      ? "Loading…"
                      : `Show ${formatNumber(Math.min(PAGE, data.total - data.rows.length))} more`}
                  </button>
                ) : null}
                <AttributeChooser options={userProps.map((p) => p.name)} value={chosen} onChange={setAttrs} />
              </>
            }
          />
        )}
      </div>
      {selected ? <Timeline userId={selected} timezone={zone} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
