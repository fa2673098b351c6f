import { useMemo } from "react";
import type { ChurnQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ChurnPeriod } from "../../../src-preload/contract/metric-results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtPeriod } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { appActivity, stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { Segmented } from "../../ui/Segmented.tsx";
import { SegmentsPicker } from "../../ui/SegmentsPicker.tsx";
import { SimpleTable } from "../../ui/SimpleTable.tsx";
import { ActivityEventField } from "./fields.tsx";
import { WholePeriodsRangeNote } from "./period-range.tsx";
import { INTERVALS, rate, type TabProps } from "./tab-common.ts";
import { bySegmentRateOption } from "./transform/by-segment.ts";
import { churnOption } from "./transform/churn.ts";

export function ChurnTab({ incoming }: TabProps) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<ChurnQuery>("churn", incoming, (ev) => ({
    kind: "churn",
    event: appActivity(ev),
    interval: "week",
  }));
  const qs = useQuery(ready ? query : null, "engagement-churn");
  const bySeg = useMemo(() => {
    const r = qs.result;
    if (!r?.bySegment?.length || qs.resultQuery?.kind !== "churn") return null;
    const line = (name: string, ps: ChurnPeriod[]) => ({
      name,
      starts: ps.map((p) => p.start),
      values: ps.map((p) => p.churnRate),
    });
    return bySegmentRateOption(
      [
        line("Everyone", r.periods),
        ...r.bySegment.map((b) => line(`${b.name} (${fmtInt(b.users)})`, b.periods)),
      ],
      qs.resultQuery.interval,
      "Churn rate",
    );
  }, [qs.result, qs.resultQuery]);
  const shown = qs.resultQuery?.kind === "churn" ? qs.resultQuery : query;
  const option = useMemo(
    () =>
      qs.result
        ? churnOption(qs.result, shown.interval, { bars: colors.accent, down: colors.down, up: colors.up })
        : {},
    [qs.result, shown.interval, colors.accent, colors.down, colors.up],
  );
  return (
    <TabShell
      name="Churn"
      testId="tab-churn"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing churn"
      toolbar={
        <>
          <ActivityEventField value={draft.event} onChange={(event) => patch({ event })} />
          <Segmented
            label="Interval"
            value={draft.interval}
            onChange={(interval) => patch({ interval })}
            options={INTERVALS}
          />
          <SegmentsPicker value={draft.segments} onChange={(segments) => patch({ segments })} />
        </>
      }
    >
      <div className="av-panel">
        <h2 className="av-title">Churn and retention rate per {shown.interval}</h2>
        <WholePeriodsRangeNote
          counts="Active users; churn = active users not active in the next period"
          range={shown.range}
          timezone={shown.timezone}
          interval={shown.interval}
          weekStart={shown.weekStart}
        />
        <Chart
          testId="churn-chart"
          option={option}
          height={300}
          label="Churn and retention rates per period"
          busy={qs.busy}
          {...stateMessage(qs, (r) => r.periods.length === 0, "No activity in this range.")}
        />
        {bySeg ? (
          <>
            <h3 className="av-title">Churn rate by segment</h3>
            <Chart option={bySeg} height={240} label="Churn rate per period by segment" busy={qs.busy} />
          </>
        ) : null}
        {qs.result ? (
          <SimpleTable<ChurnPeriod>
            caption="Churn per period"
            rows={qs.result.periods}
            rowKey={(p) => p.start}
            columns={[
              { label: "Period", value: (p) => p.start, render: (p) => fmtPeriod(p.start, shown.interval) },
              { label: "Active", num: true, value: (p) => p.active, render: (p) => fmtInt(p.active) },
              { label: "New", num: true, value: (p) => p.new, render: (p) => fmtInt(p.new) },
              {
                label: "Churned",
                num: true,
                value: (p) => p.churned,
                render: (p) => (p.churned === null ? "–" : fmtInt(p.churned)),
              },
              { label: "Churn rate", num: true, value: (p) => p.churnRate, render: (p) => rate(p.churnRate) },
              {
                label: "Retention rate",
                num: true,
                value: (p) => p.retentionRate,
                render: (p) => rate(p.retentionRate),
              },
            ]}
          />
        ) : null}
      </div>
    </TabShell>
  );
}
