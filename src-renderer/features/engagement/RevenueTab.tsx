import { useMemo } from "react";
import type { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { RevenueCohort } from "../../../src-preload/contract/metric-results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtMoney } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogProperties } from "../../store/catalog-cache.ts";
import { EventSelect } from "../../ui/catalog-pickers.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import { SimpleTable } from "../../ui/SimpleTable.tsx";
import { revenueDefaults } from "./defaults.ts";
import { NumericPropertyField } from "./fields.tsx";
import { Kpi } from "./Kpi.tsx";
import { NeedsProperty } from "./NeedsProperty.tsx";
import { useRangeDays } from "./period-range.tsx";
import { INTERVALS, type TabProps } from "./tab-common.ts";
import { countOrDash } from "./transform/chart-parts.ts";
import { clippedPeriodLabel, clippedPeriodValue } from "./transform/periods.ts";
import { ltvOption, revenueOption } from "./transform/revenue.ts";

const money = (v: number | null | undefined) => (v === null || v === undefined ? "–" : fmtMoney(v));

export function RevenueTab({ incoming }: TabProps) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<RevenueQuery>(
    "revenue",
    incoming,
    (ev, props) => ({ kind: "revenue", ...revenueDefaults(ev, props), interval: "week" }),
    useCatalogProperties(),
  );
  const missing = draft.property === "";
  const qs = useQuery(ready && !missing ? query : null, "engagement-revenue");
  const shown = qs.resultQuery?.kind === "revenue" ? qs.resultQuery : query;
  const result = qs.result;
  const interval = shown.interval ?? "week";
  // revenue reads only the range's days: periods the range cuts are labelled with the days they hold
  const days = useRangeDays(shown.range, shown.timezone);
  const bars = useMemo(
    () => (result ? revenueOption(result, interval, { bars: colors.accent, line: "#E69F00" }, days) : {}),
    [result, interval, colors.accent, days],
  );
  const ltv = useMemo(() => (result ? ltvOption(result, interval, days) : {}), [result, interval, days]);
  const states = stateMessage(qs, (x) => x.revenue === 0 && x.payingUsers === 0, "No revenue in this range.");
  return (
    <TabShell
      name="Revenue"
      testId="tab-revenue"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing revenue"
      toolbar={
        <>
          <span className="av-field">
            Revenue from
            <EventSelect label="Revenue event" value={draft.event} onChange={(event) => patch({ event })} />
          </span>
          <NumericPropertyField
            prefix="amount in"
            label="Amount property"
            value={draft.property}
            onChange={(property) => patch({ property })}
          />
          <Segmented
            label="Interval"
            value={draft.interval ?? "week"}
            onChange={(iv) => patch({ interval: iv })}
            options={INTERVALS}
          />
        </>
      }
    >
      {missing ? (
        <NeedsProperty>
          This workspace has no numeric event property that looks like money (revenue, amount, price, total,
          value). Pick the property that holds each purchase’s amount in “amount in” above, and the event that
          carries it.
        </NeedsProperty>
      ) : (
        <>
          <div className="kpis">
            <Kpi value={money(result?.revenue)} label="revenue" testId="revenue-total" />
            <Kpi
              value={result ? fmtInt(result.payingUsers) : "–"}
              // "–" before an answer or after an error: "of 0 active" would be a wrong number
              label={`paying users of ${countOrDash(result?.activeUsers)} active`}
            />
            <Kpi value={money(result?.perUser)} label="per active user (ARPU)" />
            <Kpi value={money(result?.perPayingUser)} label="per paying user (ARPPU)" />
          </div>
          <div className="av-panel">
            <h2 className="av-title">Revenue per {interval}</h2>
            <RangeNote
              counts={`Sum of ${shown.property} on ${shown.event.event ?? "any event"}`}
              range={shown.range}
              timezone={shown.timezone}
            />
            <Chart
              testId="revenue-chart"
              option={bars}
              height={260}
              label="Revenue per period and cumulative"
              busy={qs.busy}
              {...states}
            />
          </div>
          <div className="av-panel">
            <h2 className="av-title">Lifetime value by cohort</h2>
            <p className="range-note">
              Cumulative revenue per user of each cohort (users first seen in the period), by {interval}s
              since
            </p>
            <Chart option={ltv} height={260} label="LTV curves per cohort" busy={qs.busy} {...states} />
            {result ? (
              <p className="range-note" data-testid="ltv-cohort-definition">
                Cohorts: {result.cohortDefinition}
              </p>
            ) : null}
            {result ? (
              <SimpleTable<RevenueCohort>
                caption="LTV per cohort"
                rows={result.cohorts}
                rowKey={(x) => x.start}
                columns={[
                  {
                    label: "Cohort",
                    value: (x) => clippedPeriodValue(x.start, interval, days),
                    render: (x) => clippedPeriodLabel(x.start, interval, days),
                  },
                  { label: "Users", num: true, value: (x) => x.users, render: (x) => fmtInt(x.users) },
                  ...[0, 1, 3, 7].map((k) => ({
                    label: `LTV after ${k} ${interval}${k === 1 ? "" : "s"}`,
                    num: true,
                    value: (x: RevenueCohort) => x.ltv[k] ?? null,
                    render: (x: RevenueCohort) =>
                      x.ltv[k] === undefined ? <span className="muted">–</span> : fmtMoney(x.ltv[k] ?? 0),
                  })),
                ]}
              />
            ) : null}
          </div>
        </>
      )}
    </TabShell>
  );
}
