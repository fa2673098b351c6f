import { useMemo, useState } from "react";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { QueryStatus } from "../../report/QueryStatus.tsx";
import { RangeNote } from "../../report/RangeNote.tsx";
import { type OpenReport, ReportBar, useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogEvents } from "../../store/catalog-cache.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useKeptState } from "../../store/kept-state.ts";
import { useNavigation } from "../../store/navigation.ts";
import "../../report/styles.ts";
import { defaultDraft, draftToQuery, type FunnelDraft, queryToDraft } from "./draft.ts";
import { FunnelSettings } from "./FunnelSettings.tsx";
import { BreakdownTable, FunnelTable } from "./FunnelTable.tsx";
import { OverTime, type OverTimeChoice } from "./OverTime.tsx";
import { StepEditor } from "./StepEditor.tsx";
import { TimeToConvert } from "./TimeToConvert.tsx";
import {
  breakdownOption,
  droppedSegment,
  funnelBarsOption,
  reachedSegment,
  stepName,
  stepRows,
} from "./transform.ts";

export function FunnelsView() {
  return (
    <NoEvents>
      <FunnelsViewBody />
    </NoEvents>
  );
}

function FunnelsViewBody() {
  const events = useCatalogEvents();
  const filters = useGlobalFilters();
  const [draft, setDraft] = useKeptState<FunnelDraft | null>("funnels.draft", null);
  const [report, setReport] = useKeptState<OpenReport | null>("funnels.report", null);
  const [savedJson, setSavedJson] = useKeptState<string | null>("funnels.saved", null);
  const [selected, setSelected] = useState<number | null>(null);
  const [overTime, setOverTime] = useState<OverTimeChoice>("off");
  const colors = useThemeColors();
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);

  useIncomingReport(["funnel"], (q, r) => {
    if (q.kind !== "funnel") return;
    applyReportScope(q);
    setDraft(queryToDraft(q));
    setOverTime(q.conversionOverTime ?? "off");
    setReport(r);
    setSavedJson(JSON.stringify(q));
  });

  const effective = draft ?? (events ? defaultDraft(events.map((e) => e.name)) : null);
  const query: FunnelQuery | null = useMemo(
    () =>
      effective
        ? {
            ...draftToQuery(effective, filters),
            ...(overTime === "off" ? {} : { conversionOverTime: overTime }),
          }
        : null,
    [effective, filters, overTime],
  );
  const qs = useQuery(query, "funnel");
  const shownQuery = qs.resultQuery?.kind === "funnel" ? qs.resultQuery : null;
  const rows = useMemo(
    () =>
      qs.result && shownQuery ? stepRows(qs.result.steps, shownQuery.steps, shownQuery.optionalSteps) : [],
    [qs.result, shownQuery],
  );
  const option = useMemo(
    () =>
      funnelBarsOption(rows, {
        accent: colors.accent,
        surface: colors.surface,
        dropped: colors.faint,
        text: colors.text,
        muted: colors.muted,
      }),
    [rows, colors],
  );
  const bdOption = useMemo(
    () => (qs.result && shownQuery ? breakdownOption(qs.result, shownQuery.steps) : null),
    [qs.result, shownQuery],
  );
  const update = (d: FunnelDraft) => setDraft(d);
  const segment = (kind: "reached" | "dropped", k: number) => {
    if (!shownQuery) return;
    const s = kind === "dropped" ? droppedSegment(shownQuery, k) : reachedSegment(shownQuery, k);
    createSegmentFrom(s.name, s.definition);
  };
  const entered = rows[0]?.count ?? 0;
  const sel = selected !== null ? rows[selected] : undefined;
  const chartHeight = Math.max(220, 56 * Math.max(rows.length, effective?.steps.length ?? 3) + 64);

  return (
    <div
      className="av"
      data-testid="funnels-view"
      data-phase={qs.phase}
      data-runs={qs.runs}
      data-ms={qs.lastMs?.toFixed(1) ?? ""}
    >
      <ReportBar
        report={report}
        setReport={setReport}
        query={query}
        defaultName="New funnel"
        dirty={query !== null && savedJson !== JSON.stringify(query)}
        onSaved={() => setSavedJson(JSON.stringify(query))}
      />
      <div className="av-body">
        <aside className="av-editor" aria-label="Funnel definition">
          <h2 className="av-title">Steps</h2>
          {effective ? (
            <StepEditor draft={effective} onChange={update} />
          ) : (
            <div className="av-skeleton" style={{ height: 120 }} />
          )}
          {effective ? <FunnelSettings draft={effective} onChange={update} /> : null}
        </aside>
        <section className="av-main" aria-label="Funnel results">
          <div className="av-panel">
            <div className="av-head">
              <div>
                <h2 className="av-title">Conversion by step</h2>
                <RangeNote
                  counts="Unique users"
                  range={shownQuery?.range ?? filters.range}
                  timezone={shownQuery ? shownQuery.timezone : filters.timezone}
                />
                {shownQuery?.holdConstant ? (
                  <p className="range-note" data-testid="funnel-hold-note">
                    Holding {shownQuery.holdConstant.join(", ")} constant: every step on the first step's
                    value
                  </p>
                ) : null}
              </div>
              {qs.result && rows.length > 1 ? (
                <div className="kpi" data-testid="funnel-overall">
                  <span className="kpi-value">{fmtPct(rows.at(-1)?.fromStart ?? 0)}</span>
                  <span className="kpi-label">
                    overall · {fmtInt(rows.at(-1)?.count ?? 0)} of {fmtInt(entered)} users
                  </span>
                </div>
              ) : null}
            </div>
            <QueryStatus slow={qs.slow} error={qs.error} onCancel={qs.cancel} what="Computing the funnel" />
            <Chart
              testId="funnel-chart"
              option={option}
              height={chartHeight}
              label="Funnel: users per step with drop-off between steps"
              busy={qs.busy}
              error={qs.phase === "error" && !qs.result ? "The funnel could not be computed." : undefined}
              empty={
                qs.result && entered === 0 ? (
                  <>
                    <strong>Nobody did the first step in this range.</strong>
                    <span>Pick another first step or widen the date range in the top bar.</span>
                  </>
                ) : undefined
              }
              loading={!qs.result && qs.phase !== "error"}
              onClick={(p) => setSelected(p.dataIndex)}
            />
            <div className="selection-strip" data-testid="funnel-selection">
              {sel && shownQuery ? (
                <>
                  <span>
                    <b>Step {sel.index + 1}</b> {stepName(shownQuery.steps[sel.index] ?? { event: null })}:{" "}
                    {fmtInt(sel.count)} users reached
                    {sel.index === 0
                      ? ""
                      : sel.optional
                        ? `, ${fmtInt(sel.dropped)} skipped it`
                        : `, ${fmtInt(sel.dropped)} dropped before it`}
                  </span>
                  <button type="button" className="btn" onClick={() => segment("reached", sel.index)}>
                    Create segment: reached step {sel.index + 1}
                  </button>
                  {sel.index > 0 && !sel.optional ? (
                    <button type="button" className="btn" onClick={() => segment("dropped", sel.prevIndex)}>
                      Create segment: dropped after step {sel.prevIndex + 1}
                    </button>
                  ) : null}
                </>
              ) : (
                <span className="muted">Click a step to create a segment from its users.</span>
              )}
            </div>
          </div>
          {qs.result && rows.length ? (
            <div className="av-panel">
              <h2 className="av-title">Steps</h2>
              <FunnelTable rows={rows} onSegment={segment} selected={selected} onSelect={setSelected} />
            </div>
          ) : null}
          {qs.result && rows.length ? (
            <OverTime
              choice={overTime}
              onChoice={setOverTime}
              points={qs.result.overTime}
              color={colors.accent}
              busy={qs.busy}
            />
          ) : null}
          {qs.result && shownQuery && rows.length > 1 ? (
            <TimeToConvert result={qs.result} query={shownQuery} color={colors.accent} />
          ) : null}
          {qs.result && shownQuery && bdOption ? (
            <div className="av-panel">
              <h2 className="av-title">By {shownQuery.breakdown?.property}</h2>
              <p className="range-note">
                Conversion from step 1 per value (users in brackets); counts and shares below
              </p>
              <Chart
                option={bdOption}
                height={300}
                label="Conversion from step 1 by breakdown value"
                busy={qs.busy}
              />
              <BreakdownTable result={qs.result} stepLabels={rows.map((r) => r.label)} />
            </div>
          ) : null}
        </section>
      </div>
    </div>
  );
}
