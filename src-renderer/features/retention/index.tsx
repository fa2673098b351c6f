import { useMemo, useState } from "react";
import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtPct } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { QueryStatus } from "../../report/QueryStatus.tsx";
import { type OpenReport, ReportBar, useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogEvents } from "../../store/catalog-cache.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useKeptState } from "../../store/kept-state.ts";
import { useNavigation } from "../../store/navigation.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { EventSelect } from "../../ui/catalog-pickers.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import { WholePeriodsRangeNote } from "../engagement/period-range.tsx";
import "../../report/styles.ts";
import "./retention.css";
import { BracketsEditor } from "./BracketsEditor.tsx";
import { BracketsTable } from "./BracketsTable.tsx";
import { defaultRetention, type RetentionDraft, retentionDraft, retentionQuery } from "./draft.ts";
import { RetentionTable } from "./RetentionTable.tsx";
import {
  cohortDefinition,
  cohortSegment,
  curveOption,
  emptyPoint,
  hourlyIntervalTitle,
} from "./transform.ts";

export function RetentionView() {
  return (
    <NoEvents>
      <RetentionViewBody />
    </NoEvents>
  );
}

function RetentionViewBody() {
  const filters = useGlobalFilters();
  const colors = useThemeColors();
  const events = useCatalogEvents();
  const [picked, setDraft] = useKeptState<RetentionDraft | null>("retention.draft", null);
  // Until the analyst edits, the draft follows the catalog (the default return event needs it).
  const draft = picked ?? defaultRetention(events?.map((e) => e.name) ?? []);
  const [report, setReport] = useKeptState<OpenReport | null>("retention.report", null);
  const [savedJson, setSavedJson] = useKeptState<string | null>("retention.saved", null);
  const [show, setShow] = useState<"share" | "users">("share");
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);
  const workspaceZone = useWorkspace((s) => s.info?.timezone);

  useIncomingReport(["retention", "lifecycle"], (q, r) => {
    // The sidebar files lifecycle reports under Retention; their chart lives in Engagement.
    if (q.kind === "lifecycle") return useNavigation.getState().showReport({ ...r, query: q }, "engagement");
    if (q.kind !== "retention") return;
    applyReportScope(q);
    setDraft(retentionDraft(q));
    setReport(r);
    setSavedJson(JSON.stringify(q));
  });

  const query = useMemo(() => (events ? retentionQuery(draft, filters) : null), [events, draft, filters]);
  const qs = useQuery(query, "retention");
  const shown = qs.resultQuery?.kind === "retention" ? (qs.resultQuery as RetentionQuery) : null;
  const cohorts = qs.result?.cohorts ?? [];
  // the engine's curve; before the first answer, one empty point per period keeps the table's header
  const curve = useMemo(
    () => qs.result?.curve ?? Array.from({ length: draft.periods }, (_, period) => emptyPoint(period)),
    [qs.result, draft.periods],
  );
  const option = useMemo(
    () => curveOption(curve, shown?.interval ?? draft.interval, colors.accent, shown?.measure ?? "on"),
    [curve, shown, draft.interval, colors.accent],
  );
  const set = <K extends keyof RetentionDraft>(k: K, v: RetentionDraft[K]) => setDraft({ ...draft, [k]: v });
  const segment = (cohort: string, returnedIn?: number) => {
    if (!shown) return;
    const s = cohortSegment(shown, cohort, returnedIn);
    createSegmentFrom(s.name, s.definition);
  };
  const totalSize = cohorts.reduce((a, c) => a + c.size, 0);
  const p1 = curve[1]?.share;

  return (
    <div className="av" data-testid="retention-view" data-phase={qs.phase} data-runs={qs.runs}>
      <ReportBar
        report={report}
        setReport={setReport}
        query={query}
        defaultName="New retention"
        dirty={query !== null && savedJson !== JSON.stringify(query)}
        onSaved={() => setSavedJson(JSON.stringify(query))}
      />
      <div className="toolbar" role="toolbar" aria-label="Retention definition">
        <span className="av-field">
          Users who did
          <EventSelect
            label="Target event"
            value={draft.target}
            onChange={(v) => set("target", v)}
            allowAny
            testId="retention-target"
          />
        </span>
        <span className="av-field">
          and came back to do
          <EventSelect
            label="Return event"
            value={draft.return}
            onChange={(v) => set("return", v)}
            allowAny
            testId="retention-return"
          />
        </span>
        <span className="av-field">
          Cohort by
          <select
            className="select"
            aria-label="Cohort mode"
            value={draft.mode}
            onChange={(e) => set("mode", e.target.value as RetentionDraft["mode"])}
          >
            <option value="firstEver">first time ever (new users)</option>
            <option value="firstTime">first matching event</option>
            <option value="recurring">every period they did it</option>
          </select>
        </span>
        <Segmented
          label="Interval"
          value={draft.interval}
          onChange={(v) => set("interval", v)}
          options={[
            {
              value: "hour",
              label: "Hourly",
              title: hourlyIntervalTitle(shown ? shown.timezone : filters.timezone, workspaceZone),
            },
            { value: "day", label: "Daily" },
            { value: "week", label: "Weekly" },
            { value: "month", label: "Monthly" },
          ]}
        />
        <label>
          Periods
          <input
            className="input num-input"
            type="number"
            min={1}
            max={60}
            value={draft.periods}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (v >= 1 && v <= 60) set("periods", v);
            }}
          />
        </label>
        <Segmented
          label="Measure"
          value={draft.measure}
          onChange={(v) => set("measure", v)}
          options={[
            { value: "on", label: "On period", title: "Returned in exactly that period" },
            { value: "onOrAfter", label: "On or after", title: "Returned in that period or any later one" },
          ]}
        />
      </div>
      <div className="toolbar" role="toolbar" aria-label="Retention brackets">
        <span className="av-field">
          Brackets
          <BracketsEditor
            brackets={draft.brackets}
            interval={draft.interval}
            onChange={(b) => set("brackets", b)}
          />
        </span>
      </div>
      <div className="av-panel">
        <div className="av-head">
          <div>
            <h2 className="av-title">Retention curve</h2>
            <WholePeriodsRangeNote
              counts="Share of cohort users · average weighted by cohort size"
              range={shown?.range ?? filters.range}
              timezone={shown ? shown.timezone : filters.timezone}
              interval={shown?.interval ?? draft.interval}
              weekStart={shown?.weekStart}
            />
          </div>
          {p1 !== undefined && p1 !== null ? (
            <div className="kpi">
              <span className="kpi-value">{fmtPct(p1)}</span>
              <span className="kpi-label">came back in period 1</span>
            </div>
          ) : null}
        </div>
        <QueryStatus slow={qs.slow} error={qs.error} onCancel={qs.cancel} what="Computing retention" />
        <Chart
          testId="retention-curve"
          option={option}
          height={240}
          label="Retention curve: share of users retained per period"
          busy={qs.busy}
          error={qs.phase === "error" && !qs.result ? "Retention could not be computed." : undefined}
          loading={!qs.result && qs.phase !== "error"}
          empty={
            qs.result && totalSize === 0
              ? "No users joined a cohort in this range. Try another target event or a wider range."
              : undefined
          }
        />
      </div>
      <div className="av-panel">
        <div className="av-head">
          <div>
            <h2 className="av-title">Cohorts</h2>
            <p className="range-note">
              Click a cohort to create a segment from it, or a cell for its returning users.
            </p>
          </div>
          <Segmented
            label="Show"
            value={show}
            onChange={(v: "share" | "users") => setShow(v)}
            options={[
              { value: "share", label: "%" },
              { value: "users", label: "Users" },
            ]}
          />
        </div>
        <div className="legend-row">
          <span>
            0%
            <span
              className="legend-ramp"
              style={{
                background: `linear-gradient(to right, ${colors.heat.join(", ")})`,
              }}
            />
            100%
          </span>
          <span>
            <span className="legend-swatch ret-legend-incomplete" />
            not complete yet
          </span>
        </div>
        {qs.result && shown ? (
          <p className="range-note" data-testid="retention-cohort-definition">
            Cohorts: {cohortDefinition(shown)}
          </p>
        ) : null}
        {qs.result && shown ? (
          <RetentionTable
            cohorts={cohorts}
            curve={curve}
            interval={shown.interval}
            show={show}
            ramp={colors.heat}
            onSegment={segment}
          />
        ) : (
          <div className="av-skeleton" style={{ height: 200 }} />
        )}
      </div>
      {qs.result && shown?.brackets ? (
        <div className="av-panel">
          <div className="av-head">
            <div>
              <h2 className="av-title">Brackets</h2>
              <p className="range-note">
                Share of each cohort that came back at least once in the bracket's periods
                {shown.measure === "onOrAfter" ? " (or any later one)" : ""}; * the bracket reaches past the
                data and may still grow.
              </p>
            </div>
          </div>
          <BracketsTable
            cohorts={cohorts}
            brackets={shown.brackets}
            interval={shown.interval}
            show={show}
            ramp={colors.heat}
          />
        </div>
      ) : null}
    </div>
  );
}
