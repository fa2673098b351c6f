import { useMemo, useState } from "react";
import type { FlowState, SegmentFlowQuery } from "../../../src-preload/contract/paths.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtDate, fmtInt } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { QueryStatus } from "../../report/QueryStatus.tsx";
import { RangeNote } from "../../report/RangeNote.tsx";
import { type OpenReport, ReportBar, useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogEvents } from "../../store/catalog-cache.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useNavigation } from "../../store/navigation.ts";
import { useSaved } from "../../store/saved.ts";
import { Icon } from "../../ui/icons.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import { EMPTY } from "../segments/editor-store.ts";
import { summarize } from "../segments/summary.ts";
import "../../report/styles.ts";
import "../paths/paths.css";
import { unusedLabel } from "./labels.ts";
import { milestonePresets } from "./presets.ts";
import { StateEditor } from "./StateEditor.tsx";
import { type FlowPick, flowOption, flowSegment, isFlowPick, stateLabel } from "./transform.ts";

/** The state open in the editor: its place (null for a new one) and what the editor starts from. */
type Editing = { index: number | null } & FlowState;

type When = { mode: "every"; every: "day" | "week" | "month" } | { mode: "dates"; text: string };

export function SegmentFlowView() {
  return (
    <NoEvents>
      <SegmentFlowBody />
    </NoEvents>
  );
}

function parseDates(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function SegmentFlowBody() {
  const filters = useGlobalFilters();
  const colors = useThemeColors();
  const events = useCatalogEvents();
  const saved = useSaved((s) => s.items).filter((i) => i.type === "segment");
  const savedName = (id: string) => saved.find((i) => i.id === id)?.name ?? id;
  const [picked, setStates] = useState<FlowState[] | null>(null);
  const states = picked ?? milestonePresets(events ?? []);
  const [when, setWhen] = useState<When>({ mode: "every", every: "week" });
  const [report, setReport] = useState<OpenReport | null>(null);
  const [savedJson, setSavedJson] = useState<string | null>(null);
  const [pick, setPick] = useState<FlowPick | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);

  useIncomingReport(["segmentFlow"], (q) => {
    if (q.kind !== "segmentFlow") return;
    setStates(q.states);
    if (Array.isArray(q.at)) setWhen({ mode: "dates", text: q.at.join(", ") });
    else {
      applyReportScope({ range: q.at.range, ...(q.timezone ? { timezone: q.timezone } : {}) });
      setWhen({ mode: "every", every: q.at.every });
    }
    setSavedJson(JSON.stringify(q));
  });

  const query: SegmentFlowQuery | null = useMemo(() => {
    if (!events || states.length === 0) return null;
    const at = when.mode === "every" ? { every: when.every, range: filters.range } : parseDates(when.text);
    return {
      kind: "segmentFlow",
      states,
      at,
      ...(filters.timezone ? { timezone: filters.timezone } : {}),
      ...(filters.segment ? { segment: filters.segment.definition } : {}),
    };
  }, [events, states, when, filters]);
  const qs = useQuery(query, "segmentFlow");
  const shown = qs.resultQuery?.kind === "segmentFlow" ? (qs.resultQuery as SegmentFlowQuery) : null;
  const result = qs.result;
  const option = useMemo(
    () =>
      result ? flowOption(result, { muted: colors.muted, faint: colors.faint, text: colors.text }) : null,
    [result, colors],
  );
  const segment = (p: FlowPick) => {
    if (!shown) return;
    const s = flowSegment(shown, p);
    createSegmentFrom(s.name, s.definition);
  };
  const setState = (i: number, s: FlowState) => setStates(states.map((x, j) => (j === i ? s : x)));
  const move = (i: number, d: number) => {
    const next = [...states];
    const [x] = next.splice(i, 1);
    if (x) next.splice(i + d, 0, x);
    setStates(next);
  };
  // a saved segment's state opens with the saved conditions: applying makes an inline copy
  const edit = (i: number) => {
    const s = states[i] as FlowState;
    const seg = s.segment;
    const own = "inSegment" in seg ? saved.find((x) => x.id === seg.inSegment) : undefined;
    setEditing({ index: i, label: s.label, segment: own?.type === "segment" ? own.definition : s.segment });
  };
  const applyEdit = (e: Editing, s: FlowState) => {
    setStates(e.index === null ? [...states, s] : states.map((x, j) => (j === e.index ? s : x)));
    setEditing(null);
  };

  return (
    <div
      className="av"
      data-testid="flow-view"
      data-phase={qs.phase}
      data-runs={qs.runs}
      data-query={shown ? JSON.stringify(shown) : ""}
    >
      <ReportBar
        report={report}
        setReport={setReport}
        query={query}
        defaultName="New segment flow"
        dirty={query !== null && savedJson !== JSON.stringify(query)}
        onSaved={() => setSavedJson(JSON.stringify(query))}
      />
      <div className="av-body">
        <aside className="av-editor" aria-label="Segment flow states">
          <h2 className="av-title">States, first match wins</h2>
          <ol className="flow-states" data-testid="flow-states">
            {states.map((flowState, i) => (
              <li key={flowState.label} className="flow-state">
                <input
                  className="input"
                  aria-label={`State ${i + 1} label`}
                  defaultValue={flowState.label}
                  onBlur={(e) => {
                    const l = e.target.value.trim();
                    if (l && l !== flowState.label && !states.some((x) => x.label === l))
                      setState(i, { ...flowState, label: l });
                    else e.target.value = flowState.label;
                  }}
                />
                <select
                  className="select"
                  aria-label={`State ${i + 1} segment`}
                  value={"inSegment" in flowState.segment ? flowState.segment.inSegment : ""}
                  onChange={(e) => {
                    const item = saved.find((x) => x.id === e.target.value);
                    if (item)
                      setState(i, {
                        label: unusedLabel(item.name, states),
                        segment: { inSegment: item.id },
                      });
                  }}
                >
                  {"inSegment" in flowState.segment ? null : <option value="">(defined here)</option>}
                  {saved.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
                <span className="flow-state-summary muted">{summarize(flowState.segment, savedName)}</span>
                <span className="flow-state-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => edit(i)}
                    aria-label={`Edit ${flowState.label}`}
                    title="Edit the conditions here"
                  >
                    <Icon name="pencil" size={12} />
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={`Move ${flowState.label} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={i === states.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={`Move ${flowState.label} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={states.length === 1}
                    onClick={() => setStates(states.filter((_, j) => j !== i))}
                    aria-label={`Remove ${flowState.label}`}
                  >
                    ×
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <div className="flow-add">
            <select
              className="select"
              aria-label="Add a saved segment"
              value=""
              disabled={states.length >= 12}
              onChange={(e) => {
                const item = saved.find((x) => x.id === e.target.value);
                if (item)
                  setStates([
                    ...states,
                    { label: unusedLabel(item.name, states), segment: { inSegment: item.id } },
                  ]);
              }}
            >
              <option value="">{saved.length ? "Add a saved segment…" : "No saved segments yet"}</option>
              {saved.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            <button type="button" className="btn" onClick={() => setStates(milestonePresets(events ?? []))}>
              Milestone presets
            </button>
          </div>
          <button
            type="button"
            className="btn flow-build"
            disabled={states.length >= 12}
            title={states.length >= 12 ? "A flow has at most 12 states" : "Build a state's conditions here"}
            onClick={() => setEditing({ index: null, label: unusedLabel("State", states), segment: EMPTY })}
          >
            <Icon name="plus" size={12} /> Build a state
          </button>
          <h2 className="av-title">Dates</h2>
          <Segmented
            label="Dates"
            value={when.mode === "every" ? when.every : "dates"}
            onChange={(v: "day" | "week" | "month" | "dates") =>
              setWhen(
                v === "dates"
                  ? { mode: "dates", text: result?.at.join(", ") ?? "" }
                  : { mode: "every", every: v },
              )
            }
            options={[
              { value: "day", label: "Daily" },
              { value: "week", label: "Weekly" },
              { value: "month", label: "Monthly" },
              { value: "dates", label: "Dates" },
            ]}
          />
          {when.mode === "dates" ? (
            <textarea
              className="input flow-dates"
              aria-label="Dates (YYYY-MM-DD, comma separated)"
              value={when.text}
              onChange={(e) => setWhen({ mode: "dates", text: e.target.value })}
            />
          ) : (
            <p className="range-note">
              The last day of each {when.every} of the top bar's range (2 to 24 dates).
            </p>
          )}
        </aside>
        <section className="av-main" aria-label="Segment flow results">
          <div className="av-panel">
            <div className="av-head">
              <div>
                <h2 className="av-title">How users move between states</h2>
                <RangeNote
                  counts="Users per state at each date · click a state or a band for a segment"
                  range={filters.range}
                  timezone={shown?.timezone ?? filters.timezone}
                />
              </div>
            </div>
            <QueryStatus slow={qs.slow} error={qs.error} onCancel={qs.cancel} what="Computing the flow" />
            <Chart
              testId="flow-chart"
              option={option ?? {}}
              height={380}
              label="Segment flow: one column per date, bands between states"
              busy={qs.busy}
              loading={!result && qs.phase !== "error"}
              error={
                qs.phase === "error" && !result
                  ? (qs.error?.message ?? "The flow could not be computed.")
                  : undefined
              }
              onClick={(p) => {
                const d = (p.data as { pick?: unknown } | undefined)?.pick;
                if (isFlowPick(d)) setPick(d);
              }}
            />
            <div className="selection-strip" data-testid="flow-selection">
              {pick ? (
                <>
                  <span>
                    <b>
                      {stateLabel(pick.state)}
                      {pick.next !== undefined ? ` → ${stateLabel(pick.next)}` : ""}
                    </b>{" "}
                    {pick.next !== undefined ? "after" : "on"} {fmtDate(pick.at)}: {fmtInt(pick.users)} users
                  </span>
                  <button type="button" className="btn" onClick={() => segment(pick)}>
                    Create segment of these users
                  </button>
                </>
              ) : (
                <span className="muted">Click a state or a band to create a segment of its users.</span>
              )}
            </div>
          </div>
          {result ? (
            <div className="av-panel">
              <h2 className="av-title">Users per state</h2>
              <table className="paths-table" data-testid="flow-counts">
                <thead>
                  <tr>
                    <th scope="col">State</th>
                    {result.at.map((d) => (
                      <th key={d} scope="col" className="num">
                        {fmtDate(d)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.states.map((s, k) => (
                    <tr key={s} data-state={s}>
                      <th scope="row">{stateLabel(s)}</th>
                      {result.at.map((d, i) => (
                        <td key={d} className="num" data-at={d}>
                          {fmtInt(result.counts[i]?.[k] ?? 0)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {result?.transitions.map((transition) => (
            <div className="av-panel" key={transition.from}>
              <h2 className="av-title">
                {fmtDate(transition.from)} → {fmtDate(transition.to)}
              </h2>
              <p className="range-note">
                Rows: state on {fmtDate(transition.from)}; columns: state on {fmtDate(transition.to)}. Click a
                cell for its users.
              </p>
              <table
                className="paths-table flow-matrix"
                data-testid="flow-matrix"
                data-from={transition.from}
              >
                <thead>
                  <tr>
                    <th scope="col">from \ to</th>
                    {result.states.map((s) => (
                      <th key={s} scope="col" className="num">
                        {stateLabel(s)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.states.map((s, x) => (
                    <tr key={s} data-state={s}>
                      <th scope="row">{stateLabel(s)}</th>
                      {result.states.map((to, y) => {
                        const users = transition.matrix[x]?.[y] ?? 0;
                        return (
                          <td key={to} className="num" data-to={to}>
                            {users ? (
                              <button
                                type="button"
                                className="linklike"
                                onClick={() => segment({ at: transition.from, state: s, next: to, users })}
                              >
                                {fmtInt(users)}
                              </button>
                            ) : (
                              <span className="muted">0</span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      </div>
      {editing ? (
        <StateEditor
          title={editing.index === null ? "Build a state" : `Edit state “${editing.label}”`}
          label={editing.label}
          segment={editing.segment}
          others={states.filter((_, j) => j !== editing.index)}
          onApply={(s) => applyEdit(editing, s)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
