import { useEffect, useMemo, useState } from "react";
import type {
  CompareMetric,
  CompareQuery,
  NamedSegment,
} from "../../../src-preload/contract/metric-queries.ts";
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
import "../../report/styles.ts";
import { defaultMetric, MetricEditor } from "./MetricEditor.tsx";
import { compareOption, compareRows, metricLabel, verdictText } from "./transform.ts";

const ALL: NamedSegment = { name: "All users", segment: { all: [] } };

export function CompareView() {
  return (
    <NoEvents>
      <CompareViewBody />
    </NoEvents>
  );
}

const NO_ARMS: NamedSegment[] = [];
const DEFAULT_METRICS: CompareMetric[] = [defaultMetric("rate"), defaultMetric("revenuePerUser")];

function CompareViewBody() {
  const filters = useGlobalFilters();
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);
  const [available, setAvailable] = useState<NamedSegment[] | null>(null);
  const [arms, setArms] = useKeptState<NamedSegment[]>("compare.arms", NO_ARMS);
  const [metrics, setMetrics] = useKeptState<CompareMetric[]>("compare.metrics", DEFAULT_METRICS);
  const [report, setReport] = useKeptState<OpenReport | null>("compare.report", null);
  const [savedJson, setSavedJson] = useKeptState<string | null>("compare.saved", null);
  const dataKey = useDataKey();

  // the saved segments of the workspace open now: another one opened from this view has its own
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the data too (data-key.ts)
  useEffect(() => {
    let live = true;
    call("savedList", { type: "segment" }).then(
      (items) => {
        if (!live) return;
        const list = [
          ALL,
          ...items.flatMap((i) => (i.type === "segment" ? [{ name: i.name, segment: i.definition }] : [])),
        ];
        setAvailable(list);
        setArms((a) => (a.length ? a : list.slice(0, Math.min(3, list.length))));
      },
      () => live && setAvailable([ALL]),
    );
    return () => {
      live = false;
    };
  }, [setArms, dataKey]);

  useIncomingReport(["compare"], (q, r) => {
    if (q.kind !== "compare") return;
    applyReportScope(q);
    setArms(q.segments);
    setMetrics(q.metrics);
    setReport(r);
    setSavedJson(JSON.stringify(q));
  });

  const choices = useMemo(() => {
    const list = [...(available ?? [ALL])];
    if (filters.segment && !list.some((x) => x.name === filters.segment?.name))
      list.splice(1, 0, { name: filters.segment.name, segment: filters.segment.definition });
    for (const a of arms) if (!list.some((x) => x.name === a.name)) list.push(a);
    return list;
  }, [available, filters.segment, arms]);

  const query: CompareQuery | null = useMemo(
    () =>
      arms.length >= 2 && metrics.length
        ? {
            kind: "compare",
            segments: arms,
            metrics,
            range: filters.range,
            ...(filters.timezone ? { timezone: filters.timezone } : {}),
          }
        : null,
    [arms, metrics, filters.range, filters.timezone],
  );
  const qs = useQuery(query, "compare");
  const result = qs.result;
  const toggle = (s: NamedSegment) =>
    setArms((a) =>
      a.some((x) => x.name === s.name) ? a.filter((x) => x.name !== s.name) : [...a, s].slice(0, 10),
    );

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
              const idx = arms.findIndex((x) => x.name === s.name);
              return (
                <label key={s.name} className="group-check">
                  <input type="checkbox" checked={idx >= 0} onChange={() => toggle(s)} />
                  <span className="ellipsis-inline">{s.name}</span>
                  {idx === 0 ? <span className="av-chip">baseline</span> : null}
                </label>
              );
            })}
          </div>
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
          {!query ? (
            <div className="av-panel">
              <p className="muted">
                Pick at least two segments and one metric. Save segments in the Segments view to compare them
                here.
              </p>
            </div>
          ) : null}
          {query && result ? (
            <>
              <RangeNote
                counts={`${result.segments.map((s) => `${s.name}: ${fmtInt(s.users)} users`).join(" · ")} · two-sided tests at α = ${result.alpha}`}
                range={query.range}
                timezone={query.timezone}
              />
              {result.metrics.map((m, i) => (
                <MetricPanel
                  // biome-ignore lint/suspicious/noArrayIndexKey: metric positions
                  key={i}
                  m={m}
                  label={metrics[i] ? metricLabel(metrics[i]) : m.label}
                  alpha={result.alpha}
                  minUsers={result.minUsers}
                  busy={qs.busy}
                  onSegment={(name) => {
                    const arm = query.segments.find((s) => s.name === name);
                    if (arm) createSegmentFrom(arm.name, arm.segment);
                  }}
                />
              ))}
            </>
          ) : query ? (
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
