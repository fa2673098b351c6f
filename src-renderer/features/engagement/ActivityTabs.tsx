import { useMemo } from "react";
import type { ActiveUsersQuery, ActivityHeatmapQuery } from "../../../src-preload/contract/metric-queries.ts";
import { Chart } from "../../charts/Chart.tsx";
import { ChartTable } from "../../charts/ChartTable.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { appActivity, type Incoming, stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { Segmented } from "../../ui/Segmented.tsx";
import { useNotActivity } from "./ActivityNote.tsx";
import { ActivityEventField } from "./fields.tsx";
import { Kpi } from "./Kpi.tsx";
import { WholePeriodsRangeNote } from "./period-range.tsx";
import { SegmentOffer, useSegmentPick } from "./SegmentOffer.tsx";
import { heatmapClickSegment } from "./segment-from.ts";
import { HEATMAP_COLUMNS, heatmapRows } from "./transform/tables.ts";
import {
  activeUsersOption,
  heatmapCountsText,
  heatmapOption,
  newReturningOption,
  stickinessRatioOption,
} from "./transform.ts";

export function ActiveUsersTab({ incoming }: { incoming: Incoming | null }) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<ActiveUsersQuery>("activeUsers", incoming, (ev) => ({
    kind: "activeUsers",
    event: appActivity(ev),
    interval: "week",
  }));
  const qs = useQuery(ready ? query : null, "engagement-active");
  const shown = qs.resultQuery?.kind === "activeUsers" ? qs.resultQuery : query;
  const result = qs.result;
  const main = useMemo(() => (result ? activeUsersOption(result) : {}), [result]);
  const ratio = useMemo(
    () => (result ? stickinessRatioOption(result, colors.accent) : {}),
    [result, colors.accent],
  );
  const nr = useMemo(
    () => (result ? newReturningOption(result, shown.interval ?? "week") : {}),
    [result, shown.interval],
  );
  const states = stateMessage(
    qs,
    (x) => x.days.length === 0 || x.days.every((d) => d.mau === 0),
    "No activity in this range.",
  );
  return (
    <TabShell
      name="Active users"
      testId="tab-active"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Counting active users"
      toolbar={
        <>
          <ActivityEventField value={draft.event} onChange={(event) => patch({ event })} />
          <Segmented
            label="New vs returning per"
            value={draft.interval ?? "week"}
            onChange={(interval) => patch({ interval })}
            options={[
              { value: "day", label: "Daily" },
              { value: "week", label: "Weekly" },
              { value: "month", label: "Monthly" },
            ]}
          />
        </>
      }
    >
      <div className="kpis" data-testid="active-kpis">
        <Kpi value={result ? fmtInt(Math.round(result.summary.avgDau)) : "–"} label="average DAU" />
        <Kpi value={result ? fmtInt(Math.round(result.summary.avgWau)) : "–"} label="average WAU" />
        <Kpi value={result ? fmtInt(Math.round(result.summary.avgMau)) : "–"} label="average MAU" />
        <Kpi
          value={result && result.summary.stickiness !== null ? fmtPct(result.summary.stickiness) : "–"}
          label="DAU / MAU"
        />
      </div>
      <div className="av-panel">
        <h2 className="av-title">Daily, weekly and monthly active users</h2>
        <RangeNote
          counts="Unique users per day; WAU and MAU over the 7 and 30 days ending that day"
          range={shown.range}
          timezone={shown.timezone}
        />
        <Chart
          testId="active-chart"
          option={main}
          height={280}
          label="DAU, WAU and MAU per day"
          busy={qs.busy}
          {...states}
        />
      </div>
      <div className="grid-2">
        <div className="av-panel">
          <h2 className="av-title">Stickiness (DAU / MAU)</h2>
          <p className="range-note">Share of the month's users active on each day</p>
          <Chart option={ratio} height={220} label="DAU divided by MAU per day" busy={qs.busy} {...states} />
        </div>
        <div className="av-panel">
          <h2 className="av-title">New vs returning</h2>
          <WholePeriodsRangeNote
            counts={`Active users per ${shown.interval ?? "week"}: first seen in it, or seen before`}
            range={shown.range}
            timezone={shown.timezone}
            interval={shown.interval ?? "week"}
            weekStart={shown.weekStart}
          />
          <Chart
            option={nr}
            height={220}
            label="New and returning active users per period"
            busy={qs.busy}
            {...states}
          />
        </div>
      </div>
    </TabShell>
  );
}

export function HeatmapTab({ incoming }: { incoming: Incoming | null }) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<ActivityHeatmapQuery>(
    "activityHeatmap",
    incoming,
    (ev) => ({
      kind: "activityHeatmap",
      event: appActivity(ev),
      measure: "events",
    }),
  );
  const qs = useQuery(ready ? query : null, "engagement-heatmap");
  const shown = qs.resultQuery?.kind === "activityHeatmap" ? qs.resultQuery : query;
  const option = useMemo(
    () => (qs.result ? heatmapOption(qs.result, colors.heat, colors.dark) : {}),
    [qs.result, colors.heat, colors.dark],
  );
  const unit = (shown.measure ?? "events") === "users" ? "Unique users" : "Events";
  const pick = useSegmentPick(JSON.stringify(shown));
  const notActivity = useNotActivity();
  const workspaceZone = useWorkspace((s) => s.info?.timezone);
  return (
    <TabShell
      name="Activity by hour"
      testId="tab-heatmap"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing activity by hour"
      toolbar={
        <>
          <ActivityEventField prefix="Event" value={draft.event} onChange={(event) => patch({ event })} />
          <Segmented
            label="Measure"
            value={draft.measure ?? "events"}
            onChange={(measure) => patch({ measure })}
            options={[
              { value: "events", label: "Events" },
              { value: "users", label: "Users" },
            ]}
          />
        </>
      }
    >
      <div className="av-panel">
        <h2 className="av-title">When users are active: hour of day by weekday</h2>
        <RangeNote
          counts={heatmapCountsText(unit, shown.timezone, workspaceZone)}
          range={shown.range}
          timezone={shown.timezone}
        />
        <Chart
          testId="heatmap-chart"
          option={option}
          height={300}
          label="Activity heatmap by weekday and hour"
          busy={qs.busy}
          {...stateMessage(qs, (x) => x.total === 0, "No activity in this range.")}
          onClick={(p) => pick.choose(heatmapClickSegment(shown, p.value, notActivity))}
        />
        {qs.result ? (
          <ChartTable
            testId="heatmap-table"
            caption={`${unit} per weekday and hour of day`}
            head="Weekday"
            columns={HEATMAP_COLUMNS}
            rows={heatmapRows(qs.result)}
          />
        ) : null}
        <SegmentOffer
          draft={pick.draft}
          hint="Click a cell to create a segment of the users active in it."
          testId="heatmap-segment"
        />
        <div className="legend-row">
          fewer
          <span
            className="legend-ramp"
            style={{
              background: `linear-gradient(to right, ${colors.heat.join(", ")})`,
            }}
          />
          more {unit.toLowerCase()}
        </div>
      </div>
    </TabShell>
  );
}
