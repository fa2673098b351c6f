import { useEffect, useMemo, useState } from "react";
import type { SavedSegment } from "../../../src-preload/contract/methods/saved.ts";
import type { CompareMetric, CompareQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { CompareMetricResult } from "../../../src-preload/contract/metric-results.ts";
import { call } from "../../api/client.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt } from "../../charts/format.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { QueryStatus } from "../../report/QueryStatus.tsx";
import { RangeNote } from "../../report/RangeNote.tsx";
import { type OpenReport, ReportBar, useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import { useQuery } from "../../report/use-query.ts";
import { useDataKey } from "../../store/data-key.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useKeptState } from "../../store/kept-state.ts";
import { useNavigation } from "../../store/navigation.ts";
import { useSaved } from "../../store/saved.ts";
import { useWorkspace } from "../../store/workspace.ts";
import "../../report/styles.ts";
import { ALL, type Arm, armChoices, armKey, armsFromReport, resolveArms, savedArm } from "./arms.ts";
import { defaultMetric, MetricEditor } from "./MetricEditor.tsx";
import { compareOption, compareRows, panelLabel, verdictText } from "./transform.ts";

export function CompareView() {
  return (
    <NoEvents>
      <CompareViewBody />
    </NoEvents>
  );
}

const NO_ARMS: Arm[] = [];
/** The saved segments as listed for one workspace (null: they could not be read). */
type SavedList = { path: string | null; segments: SavedSegment[] | null };
const DEFAULT_METRICS: CompareMetric[] = [defaultMetric("rate"), defaultMetric("revenuePerUser")];

function CompareViewBody() {
  const filters = useGlobalFilters();
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);
  const path = useWorkspace((s) => s.info?.path ?? null);
  const [listed, setListed] = useState<SavedList | null>(null);
  const [arms, setArms] = useKeptState<Arm[]>("compare.arms", NO_ARMS);
  const [unticked, setUnticked] = useState<string[]>([]);
  const [metrics, setMetrics] = useKeptState<CompareMetric[]>("compare.metrics", DEFAULT_METRICS);
  const [report, setReport] = useKeptState<OpenReport | null>("compare.report", null);
  const [savedJson, setSavedJson] = useKeptState<string | null>("compare.saved", null);
  const dataKey = useDataKey();
  // a save, rename or delete anywhere (the sidebar's menu too) lists the saved segments again
  const savedItems = useSaved((s) => s.items);

  // the saved segments of the workspace open now: another one opened from this view has its own
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the data too (data-key.ts)
  useEffect(() => {
    let live = true;
    const asked = path;
    call("savedList", { type: "segment" }).then(
      (items) => {
        if (!live) return;
        const segments = items.flatMap((i) => (i.type === "segment" ? [i] : []));
        setListed({ path: asked, segments });
        setArms((a) => (a.length ? a : [ALL, ...segments.slice(0, 2).map(savedArm)]));
      },
      // not an empty list: ticked segments must not read as deleted
      () => live && setListed({ path: asked, segments: null }),
    );
    return () => {
      live = false;
    };
  }, [setArms, dataKey, path, savedItems]);
  // a list read while another workspace was open says nothing about this one's segments
  const current = listed && listed.path === path ? listed : null;
  const saved = current?.segments ?? null;
  const resolved = useMemo(() => (saved ? resolveArms(arms, saved) : null), [arms, saved]);

  // a ticked segment deleted meanwhile is unticked, and the panel says so
  useEffect(() => {
    if (!resolved?.gone.length) return;
    const gone = new Set(resolved.gone.map(armKey));
    setArms((a) => a.filter((x) => !gone.has(armKey(x))));
    setUnticked(resolved.gone.map((g) => g.name));
  }, [resolved, setArms]);

  useIncomingReport(["compare"], (q, r) => {
    if (q.kind !== "compare") return;
    applyReportScope(q);
    const segments = useSaved.getState().items.flatMap((i) => (i.type === "segment" ? [i] : []));
    setArms(armsFromReport(q.segments, segments));
    setUnticked([]);
    setMetrics(q.metrics);
    setReport(r);
    setSavedJson(JSON.stringify(q));
  });

  const choices = useMemo(
    () => armChoices(saved ?? [], filters.segment, arms),
    [saved, filters.segment, arms],
  );

  const query: CompareQuery | null = useMemo(
    () =>
      resolved && resolved.segments.length >= 2 && metrics.length
        ? {
            kind: "compare",
            segments: resolved.segments,
            metrics,
            range: filters.range,
            ...(filters.timezone ? { timezone: filters.timezone } : {}),
          }
        : null,
    [resolved, metrics, filters.range, filters.timezone],
  );
  const qs = useQuery(query, "compare");
  const result = qs.result;
  // titles, dates and "create segment" follow the query that produced the answer on screen
  const shown = qs.resultQuery?.kind === "compare" ? qs.resultQuery : null;
  const toggle = (s: Arm) => {
    setUnticked([]);
    setArms((a) =>
      a.some((x) => armKey(x) === armKey(s))
        ? a.filter((x) => armKey(x) !== armKey(s))
        : [...a, s].slice(0, 10),
    );
  };

  return (
    <div className="av" data-testid="compare-view" data-phase={qs.phase} data-runs={qs.runs}>
      <ReportBar
        report={report}
        setReport={setReport}
        query={query}
        defaultName="Segment comparison"
        dirty={query !== null && savedJson !== JSON.stringify(query)}
        onSaved={() => setSavedJson(JSON.stringify(query))}
      />
      <div className="av-body">
        <aside className="av-editor" aria-label="Comparison definition">
          <h2 className="av-title">Segments</h2>
          <p className="range-note">The first one checked is the baseline.</p>
          <div className="arm-list">
            {choices.map((s) => {
              const idx = arms.findIndex((x) => armKey(x) === armKey(s));
              return (
                <label key={armKey(s)} className="group-check">
                  <input type="checkbox" checked={idx >= 0} onChange={() => toggle(s)} />
                  <span className="ellipsis-inline">{s.name}</span>
                  {idx === 0 ? <span className="av-chip">baseline</span> : null}
                </label>
              );
            })}
          </div>
          {unticked.length ? (
            <p className="range-note" role="status" data-testid="compare-unticked">
              No longer saved, so no longer compared: {unticked.map((n) => `“${n}”`).join(", ")}.
            </p>
          ) : null}
          <h2 className="av-title">Metrics</h2>
          {metrics.map((m, i) => (
            <MetricEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: metric positions
              key={i}
              m={m}
              i={i}
              onChange={(x) => setMetrics((ms) => ms.map((y, j) => (j === i ? x : y)))}
              onRemove={() => setMetrics((ms) => ms.filter((_, j) => j !== i))}
            />
          ))}
          <button
            type="button"
            className="btn btn-ghost"
            disabled={metrics.length >= 20}
            onClick={() => setMetrics((ms) => [...ms, defaultMetric("eventsPerUser")])}
          >
            + Add metric
          </button>
        </aside>
        <section className="av-main" aria-label="Comparison results">
          <QueryStatus slow={qs.slow} error={qs.error} onCancel={qs.cancel} what="Comparing segments" />
          {current && !saved ? (
            <div className="av-panel">
              <p className="muted">
                The saved segments could not be read. Reopen the workspace to try again.
              </p>
            </div>
          ) : saved && !query ? (
            <div className="av-panel">
              <p className="muted">
                Pick at least two segments and one metric. Save segments in the Segments view to compare them
                here.
              </p>
            </div>
          ) : null}
          {query && result && shown ? (
            <>
              <RangeNote
                counts={`${result.segments.map((s) => `${s.name}: ${fmtInt(s.users)} users`).join(" · ")} · two-sided tests at α = ${result.alpha}`}
                range={shown.range}
                timezone={shown.timezone}
              />
              {result.metrics.map((m, i) => (
                <MetricPanel
                  // biome-ignore lint/suspicious/noArrayIndexKey: metric positions
                  key={i}
                  m={m}
                  label={panelLabel(shown, m, i)}
                  alpha={result.alpha}
                  minUsers={result.minUsers}
                  busy={qs.busy}
                  onSegment={(name) => {
                    const arm = shown.segments.find((s) => s.name === name);
                    if (arm) createSegmentFrom(arm.name, arm.segment);
                  }}
                />
              ))}
            </>
          ) : query || !current ? (
            <div className="av-skeleton" style={{ height: 240 }} />
          ) : null}
        </section>
      </div>
    </div>
  );
}

function MetricPanel(props: {
  m: CompareMetricResult;
  label: string;
  alpha: number;
  minUsers: number;
  busy: boolean;
  onSegment(name: string): void;
}) {
  const { m, label, alpha, minUsers, busy, onSegment } = props;
  const rows = compareRows(m);
  const option = useMemo(() => compareOption(m), [m]);
  return (
    <div className="av-panel" data-testid="compare-metric">
      <h2 className="av-title">{label}</h2>
      <Chart
        option={option}
        height={Math.max(120, 40 * m.values.length + 24)}
        label={`${label} per segment`}
        busy={busy}
      />
      <div className="av-table-wrap">
        <table className="data-table">
          <caption className="sr-only">{label}: values and tests against the baseline</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col" className="num">
                Users
              </th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col" className="num">
                vs baseline
              </th>
              <th scope="col" className="num">
                p-value
              </th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.segment}>
                <th scope="row" className="ellipsis">
                  {row.segment}
                </th>
                <td className="num">{fmtInt(row.n)}</td>
                <td className="num">{row.value}</td>
                <td className={`num ${row.up === true ? "is-up" : row.up === false ? "is-down" : ""}`}>
                  {row.difference}
                </td>
                <td className="num">{row.p}</td>
                <td>
                  <span className={`verdict verdict-${row.verdict}`}>
                    {verdictText(row.verdict, alpha, minUsers)}
                  </span>
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="btn-link"
                    title={`Create a segment: ${row.segment}`}
                    onClick={() => onSegment(row.segment)}
                  >
                    Segment
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
