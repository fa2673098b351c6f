import { useMemo } from "react";
import type { LifecycleQuery, StickinessQuery } from "../../../src-preload/contract/queries.ts";
import { Chart } from "../../charts/Chart.tsx";
import { ChartTable } from "../../charts/ChartTable.tsx";
import { useThemeColors } from "../../charts/theme.ts";
import { appActivity, type Incoming, stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { Segmented } from "../../ui/Segmented.tsx";
import { useNotActivity } from "./ActivityNote.tsx";
import { ActivityEventField } from "./fields.tsx";
import { WholePeriodsRangeNote } from "./period-range.tsx";
import { SegmentOffer, useSegmentPick } from "./SegmentOffer.tsx";
import { lifecycleClickSegment } from "./segment-from.ts";
import { LIFECYCLE_COLUMNS, lifecycleRows, stickinessRows } from "./transform/tables.ts";
import { lifecycleOption, stickinessBars, stickinessOption } from "./transform.ts";

const INTERVALS = [
  { value: "day", label: "Daily" },
  { value: "week", label: "Weekly" },
  { value: "month", label: "Monthly" },
] as const;

export function LifecycleTab({ incoming }: { incoming: Incoming | null }) {
  const { draft, patch, query, ready } = useDraft<LifecycleQuery>("lifecycle", incoming, (ev) => ({
    kind: "lifecycle",
    event: appActivity(ev),
    interval: "week",
  }));
  const qs = useQuery(ready ? query : null, "engagement-lifecycle");
  const shown = qs.resultQuery?.kind === "lifecycle" ? qs.resultQuery : query;
  const option = useMemo(
    () => (qs.result ? lifecycleOption(qs.result, shown.interval) : {}),
    [qs.result, shown.interval],
  );
  const pick = useSegmentPick(JSON.stringify(shown));
  const notActivity = useNotActivity();
  return (
    <TabShell
      name="Lifecycle"
      testId="tab-lifecycle"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing the lifecycle"
      toolbar={
        <>
          <ActivityEventField value={draft.event} onChange={(event) => patch({ event })} />
          <Segmented
            label="Interval"
            value={draft.interval}
            onChange={(interval) => patch({ interval })}
            options={INTERVALS}
          />
        </>
      }
    >
      <div className="av-panel">
        <h2 className="av-title">New, returning, resurrecting and dormant users</h2>
        <WholePeriodsRangeNote
          counts="Users per period"
          range={shown.range}
          timezone={shown.timezone}
          interval={shown.interval}
          weekStart={shown.weekStart}
        />
        <Chart
          testId="lifecycle-chart"
          option={option}
          height={340}
          label="Lifecycle: users per period by status, dormant below zero"
          busy={qs.busy}
          {...stateMessage(qs, (r) => r.periods.length === 0, "No activity in this range.")}
          onClick={(p) =>
            pick.choose(
              lifecycleClickSegment(shown, qs.result?.periods ?? [], p.seriesName, p.dataIndex, notActivity),
            )
          }
        />
        {qs.result ? (
          <ChartTable
            testId="lifecycle-table"
            caption="Users per period by lifecycle status"
            head="Period"
            columns={LIFECYCLE_COLUMNS}
            rows={lifecycleRows(qs.result, shown.interval)}
          />
        ) : null}
        <SegmentOffer
          draft={pick.draft}
          hint="Click a bar to create a segment of those users."
          testId="lifecycle-segment"
        />
        <p className="range-note">
          New: first seen in the period. Returning: also active in the previous period. Resurrecting: back
          after at least one inactive period. Dormant: active in the previous period, not in this one.
        </p>
      </div>
    </TabShell>
  );
}

export function StickinessTab({ incoming }: { incoming: Incoming | null }) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<StickinessQuery>("stickiness", incoming, (ev) => ({
    kind: "stickiness",
    event: appActivity(ev),
    interval: "day",
    mode: "exact",
  }));
  const qs = useQuery(ready ? query : null, "engagement-stickiness");
  const shown = qs.resultQuery?.kind === "stickiness" ? qs.resultQuery : query;
  const mode = shown.mode ?? "exact";
  const bars = useMemo(() => stickinessBars(qs.result?.counts ?? [], mode), [qs.result, mode]);
  const option = useMemo(
    () => stickinessOption(bars, shown.interval, mode, colors.accent),
    [bars, shown.interval, mode, colors.accent],
  );
  return (
    <TabShell
      name="Stickiness"
      testId="tab-stickiness"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing stickiness"
      toolbar={
        <>
          <ActivityEventField
            prefix="Users who did"
            value={draft.event}
            onChange={(event) => patch({ event })}
          />
          <Segmented
            label="Interval"
            value={draft.interval}
            onChange={(interval) => patch({ interval })}
            options={[
              { value: "day", label: "Days" },
              { value: "week", label: "Weeks" },
            ]}
          />
          <Segmented
            label="Mode"
            value={draft.mode ?? "exact"}
            onChange={(m) => patch({ mode: m })}
            options={[
              { value: "exact", label: "Exactly N" },
              { value: "cumulative", label: "N or more" },
            ]}
          />
        </>
      }
    >
      <div className="av-panel">
        <h2 className="av-title">How many {shown.interval}s users were active</h2>
        <WholePeriodsRangeNote
          counts="Users (share of users active at least once)"
          range={shown.range}
          timezone={shown.timezone}
          interval={shown.interval}
          weekStart={shown.weekStart}
        />
        <Chart
          testId="stickiness-chart"
          option={option}
          height={300}
          label="Stickiness: users by number of active periods"
          busy={qs.busy}
          {...stateMessage(qs, (r) => r.counts.every((c) => c === 0), "Nobody did this event in the range.")}
        />
        {qs.result ? (
          <ChartTable
            testId="stickiness-table"
            caption="Users by number of active periods"
            head={shown.interval === "week" ? "Active weeks" : "Active days"}
            columns={["Users", "Share"]}
            rows={stickinessRows(bars, shown.interval, mode === "cumulative")}
          />
        ) : null}
      </div>
    </TabShell>
  );
}
