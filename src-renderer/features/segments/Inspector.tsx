import { useEffect, useState } from "react";
import type { SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { isCancelled, runQuery } from "../../api/client.ts";
import { useDataKey } from "../../store/data-key.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { formatInstant, formatNumber, formatPercent, share } from "../../ui/format.ts";
import { Skeleton } from "../../ui/states.tsx";
import type { LiveCount } from "./useLiveCount.ts";

// The right-hand inspector: the share of all users as a bar, the whole sentence, and a preview of
// the first members (a separate, slower-debounced query so it never delays the count).
const PREVIEW = 8;

export function Inspector(props: {
  segment: Segment;
  count: LiveCount;
  summary: string;
  onMembers: () => void;
}) {
  const json = JSON.stringify(props.segment);
  const tz = useGlobalFilters((s) => s.timezone);
  const wsTz = useWorkspace((s) => s.info?.timezone ?? "UTC");
  const dataKey = useDataKey();
  const [preview, setPreview] = useState<SegmentMembersResult | null>(null);
  const [busy, setBusy] = useState(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the data too (data-key.ts), which the members are of
  useEffect(() => {
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      runQuery(
        {
          kind: "segmentMembers",
          segment: JSON.parse(json) as Segment,
          limit: PREVIEW,
          ...(tz ? { timezone: tz } : {}),
        },
        "segment-preview",
      )
        .then((r) => {
          if (live) setPreview(r);
        })
        .catch((e) => {
          if (live && !isCancelled(e)) setPreview(null);
        })
        .finally(() => {
          if (live) setBusy(false);
        });
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [json, tz, dataKey]);

  const countResult = props.count.result;
  const pct = countResult ? share(countResult.users, countResult.ofTotal) : 0;
  return (
    <aside className="seg-inspector" aria-label="Segment details">
      <h2 className="section-title">Who is in it</h2>
      <div className={props.count.busy ? "share busy" : "share"}>
        <div className="share-bar" role="img" aria-label={`${formatPercent(pct)} of all users`}>
          <div className="share-fill" style={{ width: `${Math.max(pct * 100, pct > 0 ? 0.5 : 0)}%` }} />
        </div>
        <div className="share-legend num">
          <span>{countResult ? `${formatNumber(countResult.users)} users` : "–"}</span>
          <span className="muted">
            {countResult ? `${formatPercent(pct)} of ${formatNumber(countResult.ofTotal)}` : ""}
          </span>
        </div>
      </div>
      <h2 className="section-title">In words</h2>
      <p className="inspector-summary">{props.summary}</p>
      <h2 className="section-title">First members</h2>
      <div className={busy ? "preview busy" : "preview"}>
        {!preview ? (
          <Skeleton lines={PREVIEW} height={18} />
        ) : preview.rows.length === 0 ? (
          <p className="muted small">Nobody yet.</p>
        ) : (
          <ul className="preview-list">
            {preview.rows.map((m) => (
              <li key={m.userId}>
                <span className="ellipsis">{m.userId}</span>
                <span className="muted small num">last seen {formatInstant(m.lastSeen, tz ?? wsTz)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="btn btn-sm" onClick={props.onMembers}>
        See all members
      </button>
    </aside>
  );
}
