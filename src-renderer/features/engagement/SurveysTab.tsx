import { useMemo } from "react";
import type { SurveyScoresQuery } from "../../../src-preload/contract/metric-queries.ts";
import { Chart } from "../../charts/Chart.tsx";
import { ChartTable } from "../../charts/ChartTable.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogProperties } from "../../store/catalog-cache.ts";
import { EventSelect } from "../../ui/catalog-pickers.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import { SegmentsPicker } from "../../ui/SegmentsPicker.tsx";
import { surveyDefaults, surveyEvent } from "./defaults.ts";
import { NumericPropertyField } from "./fields.tsx";
import { Kpi } from "./Kpi.tsx";
import { NeedsProperty } from "./NeedsProperty.tsx";
import { useRangeDays } from "./period-range.tsx";
import { INTERVALS, type TabProps } from "./tab-common.ts";
import { countOrDash } from "./transform/chart-parts.ts";
import {
  bySegmentScoreOption,
  surveyMixOption,
  surveyScaleName,
  surveyScoreOption,
} from "./transform/surveys.ts";
import { surveyColumns, surveyRows } from "./transform/tables.ts";

export function SurveysTab({ incoming }: TabProps) {
  const colors = useThemeColors();
  const props = useCatalogProperties();
  const { draft, patch, query, ready } = useDraft<SurveyScoresQuery>(
    "surveyScores",
    incoming,
    (ev, ps) => ({ kind: "surveyScores", type: "nps", ...surveyDefaults(ev, ps), interval: "week" }),
    props,
  );
  const missing = draft.property === "";
  const qs = useQuery(ready && !missing ? query : null, "engagement-surveys");
  const shown = qs.resultQuery?.kind === "surveyScores" ? qs.resultQuery : query;
  const result = qs.result;
  const interval = shown.interval ?? "week";
  // scores read only the range's days: periods the range cuts are labelled with the days they hold
  const days = useRangeDays(shown.range, shown.timezone);
  const scoreOpt = useMemo(
    () => (result ? surveyScoreOption(result, interval, colors.accent, days) : {}),
    [result, interval, colors.accent, days],
  );
  const mixOpt = useMemo(
    () => (result ? surveyMixOption(result, interval, days) : null),
    [result, interval, days],
  );
  const segOpt = useMemo(
    () => (result ? bySegmentScoreOption(result, interval, days) : null),
    [result, interval, days],
  );
  const states = stateMessage(qs, (x) => x.overall.responses === 0, "No survey responses in this range.");
  const overall = result?.overall;
  return (
    <TabShell
      name="Survey scores"
      testId="tab-surveys"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Scoring surveys"
      toolbar={
        <>
          <Segmented
            label="Score"
            value={draft.type}
            onChange={(type) =>
              // An event that says which survey in `survey` (the demo's survey_response) follows the
              // type; other events stay as chosen.
              patch({
                type,
                ...(draft.event.where?.some((f) => f.property === "survey")
                  ? { event: surveyEvent(draft.event.event, type, props ?? []) }
                  : {}),
              })
            }
            options={[
              { value: "nps", label: "NPS" },
              { value: "csat", label: "CSAT" },
              { value: "ces", label: "CES" },
            ]}
          />
          <span className="av-field">
            from
            <EventSelect label="Survey event" value={draft.event} onChange={(event) => patch({ event })} />
          </span>
          <NumericPropertyField
            prefix="score in"
            label="Score property"
            value={draft.property}
            onChange={(property) => patch({ property })}
          />
          <Segmented
            label="Interval"
            value={draft.interval ?? "week"}
            onChange={(iv) => patch({ interval: iv })}
            options={INTERVALS}
          />
          <SegmentsPicker value={draft.segments} onChange={(segments) => patch({ segments })} />
        </>
      }
    >
      {missing ? (
        <NeedsProperty>
          No numeric event property looks like a survey score (score, rating, nps). Pick the event that
          records an answer in “from” above and the property that holds its score in “score in”.
        </NeedsProperty>
      ) : (
        <>
          <div className="kpis">
            <Kpi
              value={overall?.score == null ? "–" : overall.score.toFixed(1)}
              label={surveyScaleName(shown.type)}
              testId="survey-score"
            />
            <Kpi
              value={overall ? fmtInt(overall.responses) : "–"}
              // "–" before an answer or after an error: "from 0 users" would be a wrong number
              label={`responses from ${countOrDash(overall?.respondents)} users`}
            />
            {Object.entries(overall?.breakdown ?? {}).map(([k, v]) => (
              <Kpi
                key={k}
                value={fmtInt(v)}
                label={`${k} (${overall?.responses ? fmtPct(v / overall.responses) : "–"})`}
              />
            ))}
            {overall?.ignored ? (
              <Kpi value={fmtInt(overall.ignored)} label="responses ignored (missing or off-scale score)" />
            ) : null}
          </div>
          <div className="grid-2">
            <div className="av-panel">
              <h2 className="av-title">
                {shown.type.toUpperCase()} per {interval}
              </h2>
              <RangeNote counts="Survey responses" range={shown.range} timezone={shown.timezone} />
              <Chart
                testId="survey-chart"
                option={scoreOpt}
                height={280}
                label="Survey score per period"
                busy={qs.busy}
                {...states}
              />
            </div>
            <div className="av-panel">
              <h2 className="av-title">Response mix</h2>
              <p className="range-note">Share of each period's responses</p>
              <Chart
                option={mixOpt ?? {}}
                height={280}
                label="Survey responses by answer group per period"
                busy={qs.busy}
                {...states}
                {...(mixOpt ? {} : { empty: "CES has no answer groups: the score is the mean effort." })}
              />
            </div>
          </div>
          {result && result.overall.responses > 0 ? (
            <div className="chart-table-row">
              <ChartTable
                testId="survey-table"
                summary="Show scores and response mix as a table"
                caption="Survey score and responses per period"
                head="Period"
                columns={surveyColumns(result)}
                rows={surveyRows(result, interval, days)}
              />
            </div>
          ) : null}
          {segOpt ? (
            <div className="av-panel">
              <h2 className="av-title">{shown.type.toUpperCase()} by segment</h2>
              <p className="range-note">
                {(result?.bySegment ?? [])
                  .map(
                    (b) =>
                      `${b.name}: ${b.overall.score === null ? "–" : b.overall.score.toFixed(1)} (${fmtInt(b.overall.responses)} responses)`,
                  )
                  .join(" · ")}
              </p>
              <Chart option={segOpt} height={260} label="Survey score per period by segment" busy={qs.busy} />
            </div>
          ) : null}
        </>
      )}
    </TabShell>
  );
}
