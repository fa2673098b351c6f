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
import { usePick } from "../../report/use-pick.ts";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogEvents } from "../../store/catalog-cache.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useNavigation } from "../../store/navigation.ts";
import { useSaved } from "../../store/saved.ts";
import { EMPTY } from "../segments/editor-store.ts";
import "../../report/styles.ts";
import "../paths/paths.css";
import { FlowDates, type When } from "./FlowDates.tsx";
import { FlowStates } from "./FlowStates.tsx";
import { StateCounts, TransitionMatrices } from "./FlowTables.tsx";
import { unusedLabel } from "./labels.ts";
import { milestonePresets } from "./presets.ts";
import { flowQuery, openedFlow } from "./report.ts";
import { StateEditor } from "./StateEditor.tsx";
import {
  currentFlowPick,
  type FlowPick,
  flowOption,
  flowSegment,
  isFlowPick,
  stateLabel,
} from "./transform.ts";

/** The state open in the editor: its place (null for a new one) and what the editor starts from. */
type Editing = { index: number | null } & FlowState;

export function SegmentFlowView() {
  return (
    <NoEvents>
      <SegmentFlowBody />
    </NoEvents>
  );
}

function SegmentFlowBody() {
  const filters = useGlobalFilters();
  const colors = useThemeColors();
  const events = useCatalogEvents();
  const saved = useSaved((s) => s.items).filter((i) => i.type === "segment");
  const [picked, setStates] = useState<FlowState[] | null>(null);
  const states = picked ?? milestonePresets(events ?? []);
  const [when, setWhen] = useState<When>({ mode: "every", every: "week" });
  const [report, setReport] = useState<OpenReport | null>(null);
  const [savedJson, setSavedJson] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);

  useIncomingReport(["segmentFlow"], (q, r) => {
    if (q.kind !== "segmentFlow") return;
    const opened = openedFlow(q, r, useGlobalFilters.getState().range);
    applyReportScope(opened.scope);
    setStates(opened.states);
    setWhen(opened.when);
    setReport(opened.report);
    setSavedJson(opened.savedJson);
  });

  const query: SegmentFlowQuery | null = useMemo(
    () => (events && states.length > 0 ? flowQuery(states, when, filters) : null),
    [events, states, when, filters],
  );
  const qs = useQuery(query, "segmentFlow");
  const shown = qs.resultQuery?.kind === "segmentFlow" ? qs.resultQuery : null;
  const result = qs.result;
  // a click belongs to the query answered when it was made; its count is read from the answer on
  // screen, which a new import or a rerun may have changed under the same query
  const clicked = usePick<FlowPick>(shown ? JSON.stringify(shown) : "");
  const pick = clicked.value && result ? currentFlowPick(result, clicked.value) : null;
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
          <FlowStates
            states={states}
            setStates={setStates}
            saved={saved}
            events={events}
            onEdit={edit}
            onBuild={() => setEditing({ index: null, label: unusedLabel("State", states), segment: EMPTY })}
          />
          <FlowDates when={when} setWhen={setWhen} shownDates={result?.at} />
        </aside>
        <section className="av-main" aria-label="Segment flow results">
          <div className="av-panel">
            <div className="av-head">
              <div>
                <h2 className="av-title">How users move between states</h2>
                <RangeNote
                  counts="Users per state at each date · click a state or a band for a segment"
                  range={shown && !Array.isArray(shown.at) ? shown.at.range : filters.range}
                  timezone={shown ? shown.timezone : filters.timezone}
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
                if (isFlowPick(d)) clicked.choose(d);
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
          {result ? <StateCounts result={result} /> : null}
          {result ? <TransitionMatrices result={result} onSegment={segment} /> : null}
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
