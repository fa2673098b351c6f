import { useMemo } from "react";
import type { FeatureAdoptionQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { FeatureAdoptionRow } from "../../../src-preload/contract/metric-results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { appActivity, stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { Segmented } from "../../ui/Segmented.tsx";
import { SimpleTable } from "../../ui/SimpleTable.tsx";
import { ActivityEventField } from "./fields.tsx";
import { useRangeDays } from "./period-range.tsx";
import { INTERVALS, rate, type TabProps } from "./tab-common.ts";
import { adoptionOption, adoptionTrendOption } from "./transform/adoption.ts";

export function AdoptionTab({ incoming }: TabProps) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<FeatureAdoptionQuery>(
    "featureAdoption",
    incoming,
    (ev) => ({
      kind: "featureAdoption",
      active: appActivity(ev),
      interval: "week",
    }),
  );
  const qs = useQuery(ready ? query : null, "engagement-adoption");
  const shown = qs.resultQuery?.kind === "featureAdoption" ? qs.resultQuery : query;
  const bars = useMemo(
    () => (qs.result ? adoptionOption(qs.result, colors.accent) : {}),
    [qs.result, colors.accent],
  );
  // adoption reads only the range's days: periods the range cuts are labelled with the days they hold
  const days = useRangeDays(shown.range, shown.timezone);
  const trend = useMemo(
    () => (qs.result ? adoptionTrendOption(qs.result, shown.interval ?? "week", 6, days) : {}),
    [qs.result, shown.interval, days],
  );
  const states = stateMessage(
    qs,
    (r) => r.features.length === 0 || r.activeUsers === 0,
    "No active users in this range.",
  );
  const barCount = Math.min(20, qs.result?.features.length ?? 6);
  return (
    <TabShell
      name="Feature adoption"
      testId="tab-adoption"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing adoption"
      toolbar={
        <>
          <ActivityEventField value={draft.active} onChange={(active) => patch({ active })} />
          <Segmented
            label="Trend interval"
            value={draft.interval ?? "week"}
            onChange={(interval) => patch({ interval })}
            options={INTERVALS}
          />
        </>
      }
    >
      <div className="grid-2">
        <div className="av-panel">
          <h2 className="av-title">Adoption by event</h2>
          <RangeNote
            counts={
              // no count before an answer or after an error: "of 0 active users" would be a wrong number
              qs.result
                ? `Share of ${fmtInt(qs.result.activeUsers)} active users who did each event`
                : "Share of active users who did each event"
            }
            range={shown.range}
            timezone={shown.timezone}
          />
          <Chart
            testId="adoption-chart"
            option={bars}
            height={Math.max(220, 26 * barCount + 40)}
            label="Feature adoption per event"
            busy={qs.busy}
            {...states}
          />
        </div>
        <div className="av-panel">
          <h2 className="av-title">Adoption over time</h2>
          <p className="range-note">Top features, share of each period's active users</p>
          <Chart
            option={trend}
            height={Math.max(220, 26 * barCount + 40)}
            label="Adoption trend of the top features"
            busy={qs.busy}
            {...states}
          />
        </div>
      </div>
      {qs.result ? (
        <div className="av-panel">
          <SimpleTable<FeatureAdoptionRow>
            caption="Feature adoption"
            rows={[...qs.result.features].sort((a, b) => b.users - a.users)}
            rowKey={(f) => f.event}
            columns={[
              { label: "Event", value: (f) => f.event },
              { label: "Users", num: true, value: (f) => f.users, render: (f) => fmtInt(f.users) },
              { label: "Events", num: true, value: (f) => f.events, render: (f) => fmtInt(f.events) },
              {
                label: "Events per user",
                num: true,
                value: (f) => (f.users ? f.events / f.users : null),
                render: (f) => (f.users ? (f.events / f.users).toFixed(1) : "–"),
              },
              { label: "Adoption", num: true, value: (f) => f.adoption, render: (f) => rate(f.adoption) },
            ]}
          />
        </div>
      ) : null}
    </TabShell>
  );
}
