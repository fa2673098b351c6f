import { useMemo, useRef, useState } from "react";
import { isQueryOf } from "../../../src-preload/contract/query-kinds.ts";
import { parseFormula } from "../../../src-preload/contract/trends-formula.ts";
import { Chart, type ChartClick } from "../../charts/Chart.tsx";
import { categoryColor } from "../../charts/palette.ts";
import { NoEvents } from "../../report/NoEvents.tsx";
import { QueryStatus } from "../../report/QueryStatus.tsx";
import { RangeNote } from "../../report/RangeNote.tsx";
import { type OpenReport, ReportBar, useIncomingReport } from "../../report/report.tsx";
import { applyReportScope } from "../../report/scope.ts";
import { useQuery } from "../../report/use-query.ts";
import { asOfIn } from "../../store/as-of.ts";
import { useCatalogEvents } from "../../store/catalog-cache.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useNavigation } from "../../store/navigation.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { PropertySelect } from "../../ui/catalog-pickers.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import { SimpleTable } from "../../ui/SimpleTable.tsx";
import "../../report/styles.ts";
import "./trends.css";
import { downloadCsv, downloadPng } from "./download.ts";
import { defaultTrends, type TrendsDraft, trendsDraft, trendsQuery, withChart } from "./draft.ts";
import { SeriesEditor, seriesComplete } from "./SeriesEditor.tsx";
import { TrendsNumbers } from "./TrendsNumbers.tsx";
import {
  bucketLabel,
  entryName,
  fmtValue,
  pointSegment,
  spansYears,
  type TrendsChart,
  trendsCsv,
  trendsOption,
} from "./transform.ts";

const INTERVAL_WORDS = { hour: "hourly", day: "daily", week: "weekly", month: "monthly" } as const;

export function TrendsView() {
  return (
    <NoEvents>
      <TrendsViewBody />
    </NoEvents>
  );
}

function TrendsViewBody() {
  const filters = useGlobalFilters();
  const events = useCatalogEvents();
  const info = useWorkspace((s) => s.info);
  const [picked, setDraft] = useState<TrendsDraft | null>(null);
  const draft = picked ?? defaultTrends(events?.map((e) => e.name) ?? []);
  const [report, setReport] = useState<OpenReport | null>(null);
  const [savedJson, setSavedJson] = useState<string | null>(null);
  const [chart, setChart] = useState<TrendsChart>("line");
  const [formulaText, setFormulaText] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const chartBox = useRef<HTMLDivElement>(null);
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);

  useIncomingReport(["trends"], (q, r) => {
    if (q.kind !== "trends") return;
    applyReportScope(q);
    setDraft(trendsDraft(q));
    setChart(q.chart ?? "line");
    setFormulaText(null);
    setReport(r);
    setSavedJson(JSON.stringify(q));
  });

  const set = <K extends keyof TrendsDraft>(k: K, v: TrendsDraft[K]) => setDraft({ ...draft, [k]: v });
  const formulaInput = formulaText ?? draft.formula;
  const formulaCheck = formulaInput.trim() ? parseFormula(formulaInput.trim(), draft.series.length) : null;
  const formulaError = formulaCheck && !formulaCheck.ok ? formulaCheck.error : null;

  const query = useMemo(
    () => (events && seriesComplete(draft.series) ? trendsQuery(draft, filters) : null),
    [events, draft, filters],
  );
  // the report saves the chart type with the query; the engine is asked without it, so switching
  // charts redraws the same answer instead of computing it again
  const saved = useMemo(() => (query ? withChart(query, chart) : null), [query, chart]);
  const qs = useQuery(query, "trends");
  const shown = qs.resultQuery && isQueryOf(qs.resultQuery, "trends") ? qs.resultQuery : null;
  const result = qs.result;
  const option = useMemo(
    () => (result && shown ? trendsOption(result, shown, chart, hidden) : {}),
    [result, shown, chart, hidden],
  );

  const onPoint = (p: ChartClick) => {
    if (!result || !shown || p.seriesIndex === undefined) return;
    // the as-of day of the query on screen, in its own zone, as the engine resolved its range
    const asOf = info ? asOfIn(info, shown.timezone) : new Date().toISOString().slice(0, 10);
    const s = pointSegment(shown, result, p.seriesIndex, p.dataIndex, asOf);
    if (s) createSegmentFrom(s.name, s.definition);
  };

  const nothing = result?.series.every((e) => e.values.every((v) => v === null || v === 0)) === true;
  const rows = result?.series ?? [];
  const fileBase = (report?.name ?? "trends").replace(/[^\w.-]+/g, "-");

  return (
    <div className="av" data-testid="trends-view" data-phase={qs.phase} data-runs={qs.runs}>
      <ReportBar
        report={report}
        setReport={setReport}
        query={saved}
        defaultName="New trend"
        dirty={saved !== null && savedJson !== JSON.stringify(saved)}
        onSaved={() => setSavedJson(JSON.stringify(saved))}
      />
      <div className="av-panel trends-editor">
        <SeriesEditor series={draft.series} onChange={(v) => set("series", v)} />
        <div className="toolbar" role="toolbar" aria-label="Trend options">
          <Segmented
            label="Interval"
            value={draft.interval}
            onChange={(v) => set("interval", v)}
            options={[
              { value: "hour", label: "Hourly" },
              { value: "day", label: "Daily" },
              { value: "week", label: "Weekly" },
              { value: "month", label: "Monthly" },
            ]}
          />
          <span className="av-field">
            Breakdown
            <PropertySelect
              label="Breakdown"
              noneLabel="none"
              value={draft.breakdown}
              onChange={(v) => set("breakdown", v ? { ...v, limit: draft.breakdown?.limit ?? 10 } : null)}
              testId="trends-breakdown"
            />
          </span>
          {draft.breakdown ? (
            <label>
              Top
              <input
                className="input num-input"
                type="number"
                min={1}
                max={50}
                value={draft.breakdown.limit}
                onChange={(e) => {
                  const v = Math.round(Number(e.target.value));
                  if (draft.breakdown && v >= 1 && v <= 50)
                    set("breakdown", { ...draft.breakdown, limit: v });
                }}
              />
            </label>
          ) : null}
          <label>
            Formula
            <input
              className={`input trends-formula ${formulaError ? "is-invalid" : ""}`}
              placeholder="e.g. B / A * 100"
              aria-invalid={formulaError ? true : undefined}
              value={formulaInput}
              onChange={(e) => {
                const t = e.target.value;
                setFormulaText(t);
                const ok = !t.trim() || parseFormula(t.trim(), draft.series.length).ok;
                if (ok) setDraft({ ...draft, formula: t });
              }}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.compare}
              onChange={(e) => set("compare", e.target.checked)}
            />
            Compare to previous period
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.cumulative}
              onChange={(e) => set("cumulative", e.target.checked)}
            />
            Cumulative
          </label>
        </div>
        {formulaError ? (
          <p className="field-error" role="alert">
            Formula: {formulaError}
          </p>
        ) : null}
      </div>
      <div className="av-panel">
        <div className="av-head">
          <div>
            <h2 className="av-title">Trend</h2>
            <RangeNote
              counts={`${(shown ?? draft).series.length} series · ${INTERVAL_WORDS[(shown ?? draft).interval]}`}
              range={shown?.range ?? filters.range}
              timezone={shown ? shown.timezone : filters.timezone}
            />
          </div>
          <div className="trends-actions">
            <Segmented
              label="Chart"
              value={chart}
              onChange={(v: TrendsChart) => setChart(v)}
              options={[
                { value: "line", label: "Line" },
                { value: "bar", label: "Bars" },
                { value: "stacked", label: "Stacked" },
                { value: "area", label: "Area" },
                { value: "number", label: "Number" },
              ]}
            />
            <button
              type="button"
              className="btn btn-sm"
              disabled={!result}
              onClick={() => result && downloadCsv(`${fileBase}.csv`, trendsCsv(result))}
            >
              CSV
            </button>
            <button
              type="button"
              className="btn btn-sm"
              disabled={!result || chart === "number"}
              onClick={() => downloadPng(`${fileBase}.png`, chartBox.current)}
            >
              PNG
            </button>
          </div>
        </div>
        <QueryStatus slow={qs.slow} error={qs.error} onCancel={qs.cancel} what="Computing the trend" />
        {chart === "number" ? (
          <TrendsNumbers result={result} />
        ) : (
          <div ref={chartBox}>
            <ul className="trends-legend" aria-label="Series shown">
              {rows.map((entry, i) => {
                const name = entryName(entry, rows);
                const on = !hidden.has(name);
                return (
                  <li key={name}>
                    <button
                      type="button"
                      className="trends-legend-item"
                      aria-pressed={on}
                      title={on ? "Hide this series" : "Show this series"}
                      onClick={() => {
                        const next = new Set(hidden);
                        if (on) next.add(name);
                        else next.delete(name);
                        setHidden(next);
                      }}
                    >
                      <span
                        className="trends-swatch"
                        style={{
                          background: on ? categoryColor(i) : "transparent",
                          borderColor: categoryColor(i),
                        }}
                      />
                      {name}
                    </button>
                  </li>
                );
              })}
            </ul>
            <Chart
              testId="trends-chart"
              option={option}
              height={340}
              label="Trend: series values per interval"
              busy={qs.busy}
              onClick={onPoint}
              error={qs.phase === "error" && !result ? "The trend could not be computed." : undefined}
              loading={!result && qs.phase !== "error"}
              empty={
                nothing ? "No matching events in this range. Try another event or a wider range." : undefined
              }
            />
          </div>
        )}
        <p className="range-note">
          Click a point of an events or unique-users series to make a segment of its users.
        </p>
      </div>
      {result && shown ? (
        <div className="av-panel">
          <SimpleTable
            testId="trends-table"
            caption="Trend values"
            rows={rows}
            rowKey={(e) => entryName(e, rows)}
            columns={[
              { label: "Series", value: (e) => entryName(e, rows) },
              { label: "Total", num: true, value: (e) => e.total, render: (e) => fmtValue(e.total) },
              ...result.intervals.map((start, k) => ({
                label: bucketLabel(start, shown.interval, spansYears(result.intervals)),
                num: true,
                value: (e: (typeof rows)[number]) => e.values[k] ?? null,
                render: (e: (typeof rows)[number]) => fmtValue(e.values[k]),
              })),
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
