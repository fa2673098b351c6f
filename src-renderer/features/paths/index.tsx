import { useMemo, useState } from "react";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { QueryStatus } from "../../report/QueryStatus.tsx";
import { RangeNote } from "../../report/RangeNote.tsx";
import { type OpenReport, ReportBar, useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import { usePick } from "../../report/use-pick.ts";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogEvents } from "../../store/catalog-cache.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useNavigation } from "../../store/navigation.ts";
import { EventSelect } from "../../ui/catalog-pickers.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import "../../report/styles.ts";
import "./paths.css";
import { defaultPathsDraft, openedPaths, type PathsDraft, pathsQuery } from "./draft.ts";
import {
  currentPick,
  isPick,
  type PathsPick,
  pathsOption,
  pickSegment,
  stepLabel,
  stepRows,
} from "./transform.ts";

export function PathsView() {
  return (
    <NoEvents>
      <PathsViewBody />
    </NoEvents>
  );
}

function PathsViewBody() {
  const filters = useGlobalFilters();
  const colors = useThemeColors();
  const events = useCatalogEvents();
  const names = useMemo(() => events?.map((e) => e.name) ?? [], [events]);
  const [picked, setDraft] = useState<PathsDraft | null>(null);
  const draft = picked ?? defaultPathsDraft(names);
  const [report, setReport] = useState<OpenReport | null>(null);
  const [savedJson, setSavedJson] = useState<string | null>(null);
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);

  useIncomingReport(["paths"], (q, r) => {
    if (q.kind !== "paths") return;
    applyReportScope(q);
    const opened = openedPaths(q, r);
    setDraft(opened.draft);
    setReport(opened.report);
    setSavedJson(opened.savedJson);
  });

  const query = useMemo(() => (events ? pathsQuery(draft, filters) : null), [events, draft, filters]);
  const qs = useQuery(query, "paths");
  const shown = qs.resultQuery?.kind === "paths" ? qs.resultQuery : null;
  // a click belongs to the query answered when it was made; its count is read from the answer on
  // screen, which a new import or a rerun may have changed under the same query
  const clicked = usePick<PathsPick>(shown ? JSON.stringify(shown) : "");
  const pick = clicked.value && qs.result ? currentPick(qs.result, clicked.value) : null;
  const option = useMemo(
    () => (qs.result ? pathsOption(qs.result, { muted: colors.muted, text: colors.text }) : null),
    [qs.result, colors],
  );
  const rows = useMemo(() => (qs.result ? stepRows(qs.result) : []), [qs.result]);
  const set = <K extends keyof PathsDraft>(k: K, v: PathsDraft[K]) => setDraft({ ...draft, [k]: v });
  const starters = rows.filter((r) => r.step === 0).reduce((a, r) => a + r.users, 0);
  const direction = qs.result?.direction ?? "forward";
  const segment = (p: PathsPick) => {
    if (!shown) return;
    const s = pickSegment(shown, p);
    createSegmentFrom(s.name, s.definition);
  };
  const depthCols = Math.max(...rows.map((r) => r.step + 1), 1);
  const height = Math.max(
    320,
    Math.min(
      720,
      44 * Math.max(...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => rows.filter((r) => r.step === k).length)) +
        80,
    ),
  );

  return (
    <div
      className="av"
      data-testid="paths-view"
      data-phase={qs.phase}
      data-runs={qs.runs}
      data-query={shown ? JSON.stringify(shown) : ""}
    >
      <ReportBar
        report={report}
        setReport={setReport}
        query={query}
        defaultName="New paths"
        dirty={query !== null && savedJson !== JSON.stringify(query)}
        onSaved={() => setSavedJson(JSON.stringify(query))}
      />
      <div className="toolbar" role="toolbar" aria-label="Paths definition">
        <Segmented
          label="Direction"
          value={draft.anchor}
          onChange={(v) => set("anchor", v)}
          options={[
            { value: "start", label: "After event", title: "Paths forward from a start event" },
            { value: "end", label: "Before event", title: "Paths backward from an end event" },
            { value: "none", label: "First session", title: "Each user's first session in the range" },
          ]}
        />
        {draft.anchor !== "none" ? (
          <EventSelect
            label={draft.anchor === "start" ? "Start event" : "End event"}
            value={draft.event}
            onChange={(v) => set("event", v)}
            allowAny
            testId="paths-anchor"
          />
        ) : null}
        <label>
          Steps
          <input
            className="input num-input"
            type="number"
            min={2}
            max={10}
            value={draft.depth}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (v >= 2 && v <= 10) set("depth", v);
            }}
          />
        </label>
        <label>
          Top events per step
          <input
            className="input num-input"
            type="number"
            min={1}
            max={50}
            value={draft.limit}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (v >= 1 && v <= 50) set("limit", v);
            }}
          />
        </label>
        <label>
          Session gap (min)
          <input
            className="input num-input"
            type="number"
            min={1}
            max={10080}
            value={draft.gapMinutes}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (v >= 1 && v <= 10080) set("gapMinutes", v);
            }}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.collapseRepeats}
            onChange={(e) => set("collapseRepeats", e.target.checked)}
          />
          Collapse repeats
        </label>
        <details className="seg-picker">
          <summary className="btn" aria-label="Hidden events">
            {draft.hide.length ? `${draft.hide.length} hidden` : "Hide events…"}
          </summary>
          <div className="seg-picker-pop">
            {names.map((n) => (
              <label key={n} className="group-check">
                <input
                  type="checkbox"
                  checked={draft.hide.includes(n)}
                  onChange={() =>
                    set(
                      "hide",
                      draft.hide.includes(n) ? draft.hide.filter((x) => x !== n) : [...draft.hide, n],
                    )
                  }
                />
                {n}
              </label>
            ))}
          </div>
        </details>
      </div>
      <div className="av-panel">
        <div className="av-head">
          <div>
            <h2 className="av-title">
              {draft.anchor === "start"
                ? `What users do after ${draft.event.event ?? "any event"}`
                : draft.anchor === "end"
                  ? `What users do before ${draft.event.event ?? "any event"}`
                  : "Users' first session"}
            </h2>
            <RangeNote
              counts="Users (one path each) · hover for share of the step · click for a segment"
              range={shown?.range ?? filters.range}
              timezone={shown ? shown.timezone : filters.timezone}
            />
          </div>
          {qs.result ? (
            <div className="kpi" data-testid="paths-starters">
              <span className="kpi-value">{fmtInt(starters)}</span>
              <span className="kpi-label">users with a path</span>
            </div>
          ) : null}
        </div>
        <QueryStatus slow={qs.slow} error={qs.error} onCancel={qs.cancel} what="Computing paths" />
        <Chart
          testId="paths-chart"
          option={option ?? {}}
          height={height}
          label={`Paths: ${depthCols} steps as columns, users per event, drop-off in gray`}
          busy={qs.busy}
          loading={!qs.result && qs.phase !== "error"}
          error={qs.phase === "error" && !qs.result ? "Paths could not be computed." : undefined}
          empty={
            qs.result && starters === 0
              ? draft.anchor === "none"
                ? "No events in this range. Widen the date range in the top bar."
                : "Nobody did this event in the range. Pick another event or widen the range."
              : undefined
          }
          onClick={(p) => {
            const d = (p.data as { pick?: unknown } | undefined)?.pick;
            if (isPick(d)) clicked.choose(d);
          }}
        />
        <div className="selection-strip" data-testid="paths-selection">
          {pick && shown ? (
            <>
              <span>
                {pick.kind === "node" ? (
                  <>
                    <b>{pick.event}</b> at {stepLabel(pick.step, direction)}: {fmtInt(pick.users)} users
                  </>
                ) : (
                  <>
                    <b>
                      {pick.from} → {pick.to}
                    </b>
                    : {fmtInt(pick.users)} users
                  </>
                )}
              </span>
              <button type="button" className="btn" onClick={() => segment(pick)}>
                Create segment of these users
              </button>
            </>
          ) : (
            <span className="muted">Click an event or a band to create a segment of its users.</span>
          )}
        </div>
      </div>
      {qs.result && rows.length ? (
        <div className="av-panel">
          <h2 className="av-title">Events by step</h2>
          <table className="paths-table" data-testid="paths-table">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Event</th>
                <th scope="col" className="num">
                  Users
                </th>
                <th scope="col" className="num">
                  Share of step
                </th>
                <th scope="col" className="num">
                  Path ended here
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.step}:${r.event}`} data-step={r.step} data-event={r.event}>
                  <td>{stepLabel(r.step, direction)}</td>
                  <td>{r.event}</td>
                  <td className="num" data-col="users">
                    {fmtInt(r.users)}
                  </td>
                  <td className="num">{fmtPct(r.share)}</td>
                  <td className="num" data-col="dropped">
                    {r.dropped ? fmtInt(r.dropped) : ""}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => segment({ kind: "node", step: r.step, event: r.event, users: r.users })}
                    >
                      Segment
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
