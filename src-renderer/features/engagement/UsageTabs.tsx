import { useMemo } from "react";
import type {
  AcquisitionQuery,
  ChurnQuery,
  FeatureAdoptionQuery,
  SessionsQuery,
} from "../../../src-preload/contract/metric-queries.ts";
import type {
  AcquisitionRow,
  ChurnPeriod,
  FeatureAdoptionRow,
} from "../../../src-preload/contract/metric-results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtDuration, fmtInt, fmtPct, fmtPeriod } from "../../charts/format.ts";
import { EventSelect, PropertySelect } from "../../charts/kit/pickers.tsx";
import { RangeNote } from "../../charts/kit/RangeNote.tsx";
import { Segmented } from "../../charts/kit/Segmented.tsx";
import { SegmentsPicker } from "../../charts/kit/SegmentsPicker.tsx";
import { SimpleTable } from "../../charts/kit/SimpleTable.tsx";
import { appActivity, type Incoming, stateMessage, TabShell, useDraft } from "../../charts/kit/tab-kit.tsx";
import { useQuery } from "../../charts/kit/use-query.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { Kpi } from "./Kpi.tsx";
import {
  acquisitionOption,
  adoptionOption,
  adoptionTrendOption,
  bySegmentRateOption,
  churnOption,
  sessionLengthOption,
  sessionsDailyOption,
  valueLabel,
} from "./transform-metrics.ts";

type P = { incoming: Incoming | null };
const INTERVALS = [
  { value: "day", label: "Daily" },
  { value: "week", label: "Weekly" },
  { value: "month", label: "Monthly" },
] as const;
const rate = (v: number | null) => (v === null ? "–" : fmtPct(v));

export function ChurnTab({ incoming }: P) {
  const c = useThemeColors();
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
      qs.result ? churnOption(qs.result, shown.interval, { bars: c.accent, down: c.down, up: c.up }) : {},
    [qs.result, shown.interval, c.accent, c.down, c.up],
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
          <span className="av-field">
            Active means did
            <EventSelect
              label="Activity event"
              value={draft.event ?? { event: null }}
              onChange={(event) => patch({ event })}
              allowAny
            />
          </span>
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
        <RangeNote
          counts="Active users; churn = active users not active in the next period"
          range={shown.range}
          timezone={shown.timezone}
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

export function AdoptionTab({ incoming }: P) {
  const c = useThemeColors();
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
  const bars = useMemo(() => (qs.result ? adoptionOption(qs.result, c.accent) : {}), [qs.result, c.accent]);
  const trend = useMemo(
    () => (qs.result ? adoptionTrendOption(qs.result, shown.interval ?? "week") : {}),
    [qs.result, shown.interval],
  );
  const states = stateMessage(
    qs,
    (r) => r.features.length === 0 || r.activeUsers === 0,
    "No active users in this range.",
  );
  const n = Math.min(20, qs.result?.features.length ?? 6);
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
          <span className="av-field">
            Active means did
            <EventSelect
              label="Activity event"
              value={draft.active ?? { event: null }}
              onChange={(active) => patch({ active })}
              allowAny
            />
          </span>
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
            counts={`Share of ${fmtInt(qs.result?.activeUsers ?? 0)} active users who did each event`}
            range={shown.range}
            timezone={shown.timezone}
          />
          <Chart
            testId="adoption-chart"
            option={bars}
            height={Math.max(220, 26 * n + 40)}
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
            height={Math.max(220, 26 * n + 40)}
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

export function SessionsTab({ incoming }: P) {
  const c = useThemeColors();
  const { draft, patch, query, ready } = useDraft<SessionsQuery>("sessions", incoming, (_ev) => ({
    kind: "sessions",
    gap: { value: 30, unit: "minute" },
  }));
  const qs = useQuery(ready ? query : null, "engagement-sessions");
  const shown = qs.resultQuery?.kind === "sessions" ? qs.resultQuery : query;
  const r = qs.result;
  const lengths = useMemo(() => (r ? sessionLengthOption(r, c.accent) : {}), [r, c.accent]);
  const daily = useMemo(
    () => (r ? sessionsDailyOption(r, { bars: c.accent, line: "#E69F00" }) : {}),
    [r, c.accent],
  );
  const states = stateMessage(qs, (x) => x.sessions === 0, "No sessions in this range.");
  return (
    <TabShell
      name="Sessions"
      testId="tab-sessions"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Cutting sessions"
      toolbar={
        <>
          <label>
            New session after
            <input
              className="input num-input"
              type="number"
              min={1}
              aria-label="Inactivity gap in minutes"
              value={draft.gap?.value ?? 30}
              onChange={(e) => {
                const v = Number(e.target.value);
                if (v > 0) patch({ gap: { value: v, unit: "minute" } });
              }}
            />
            minutes idle
          </label>
          <span className="av-field">
            or by
            <PropertySelect
              label="Session property"
              noneLabel="(inactivity only)"
              value={draft.sessionProperty ? { property: draft.sessionProperty, scope: "event" } : null}
              onChange={(p) => patch({ sessionProperty: p?.property ?? null })}
            />
          </span>
        </>
      }
    >
      <div className="kpis">
        <Kpi value={r ? fmtInt(r.sessions) : "–"} label="sessions" />
        <Kpi
          value={r?.sessionsPerUser != null ? r.sessionsPerUser.toFixed(1) : "–"}
          label="sessions per user"
        />
        <Kpi value={fmtDuration(r?.medianSeconds)} label="median session" />
        <Kpi value={fmtDuration(r?.avgSeconds)} label="average session" />
        <Kpi value={fmtDuration(r?.timePerUserDay.avgSeconds)} label="time per user per active day" />
      </div>
      <div className="grid-2">
        <div className="av-panel">
          <h2 className="av-title">Session length</h2>
          <RangeNote counts="Sessions" range={shown.range} timezone={shown.timezone} />
          <Chart
            testId="sessions-chart"
            option={lengths}
            height={260}
            label="Distribution of session lengths"
            busy={qs.busy}
            {...states}
          />
        </div>
        <div className="av-panel">
          <h2 className="av-title">Sessions and time spent per day</h2>
          <p className="range-note">Sessions per day; minutes per active user</p>
          <Chart
            option={daily}
            height={260}
            label="Sessions and time spent per day"
            busy={qs.busy}
            {...states}
          />
        </div>
      </div>
    </TabShell>
  );
}

export function AcquisitionTab({ incoming }: P) {
  const c = useThemeColors();
  const { draft, patch, query, ready } = useDraft<AcquisitionQuery>("acquisition", incoming, (_ev) => ({
    kind: "acquisition",
    by: { property: "acquisition_channel", scope: "user" },
    conversion: { event: "purchase" },
    conversionWindow: { value: 30, unit: "day" },
    retentionDays: [1, 7, 30],
  }));
  const qs = useQuery(ready ? query : null, "engagement-acquisition");
  const shown = qs.resultQuery?.kind === "acquisition" ? qs.resultQuery : query;
  const option = useMemo(
    () =>
      qs.result
        ? acquisitionOption(qs.result, { bars: c.accent, line: "#E69F00" }, Boolean(shown.conversion))
        : {},
    [qs.result, c.accent, shown.conversion],
  );
  const days = shown.retentionDays ?? [];
  return (
    <TabShell
      name="Acquisition"
      testId="tab-acquisition"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing acquisition"
      toolbar={
        <>
          <span className="av-field">
            New users by
            <PropertySelect
              label="Acquisition property"
              noneLabel="Pick a property"
              value={{ property: draft.by.property, scope: draft.by.scope ?? "event" }}
              onChange={(p) =>
                p &&
                patch({
                  by: p.scope === "user" ? { property: p.property, scope: "user" } : { property: p.property },
                })
              }
            />
          </span>
          <span className="av-field">
            converting to
            <EventSelect
              label="Conversion event"
              value={draft.conversion ?? { event: null }}
              onChange={(conversion) => patch({ conversion })}
              allowAny
            />
          </span>
        </>
      }
    >
      <div className="av-panel">
        <h2 className="av-title">New users and conversion by {shown.by.property}</h2>
        <RangeNote counts="Users first seen in the range" range={shown.range} timezone={shown.timezone} />
        <Chart
          testId="acquisition-chart"
          option={option}
          height={280}
          label="New users and conversion per acquisition value"
          busy={qs.busy}
          {...stateMessage(qs, (r) => r.users === 0, "No new users in this range.")}
        />
        {qs.result ? (
          <SimpleTable<AcquisitionRow>
            caption="Acquisition by value"
            rows={qs.result.rows}
            rowKey={(x, i) => `${String(x.value)}:${i}`}
            columns={[
              { label: shown.by.property, value: (x) => valueLabel(x.value, x.other) },
              { label: "New users", num: true, value: (x) => x.users, render: (x) => fmtInt(x.users) },
              {
                label: "Converted",
                num: true,
                value: (x) => x.converted,
                render: (x) => fmtInt(x.converted),
              },
              {
                label: "Conversion",
                num: true,
                value: (x) => x.conversionRate,
                render: (x) => rate(x.conversionRate),
              },
              ...days.map((d) => ({
                label: `Day ${d} retention`,
                num: true,
                value: (x: AcquisitionRow) => x.retention.find((y) => y.day === d)?.rate ?? null,
                render: (x: AcquisitionRow) => {
                  const cell = x.retention.find((y) => y.day === d);
                  if (!cell || cell.rate === null)
                    return (
                      <span className="muted" title="Not enough time has passed">
                        –
                      </span>
                    );
                  return (
                    <span
                      title={
                        cell.incomplete ? `${fmtInt(cell.incomplete)} users too recent, left out` : undefined
                      }
                    >
                      {fmtPct(cell.rate)}
                      {cell.incomplete ? <span className="sub"> *</span> : null}
                    </span>
                  );
                },
              })),
            ]}
          />
        ) : null}
        {days.length ? (
          <p className="range-note">
            Day N retention: share of the value's new users with an event on day N after their first day. *
            Users whose day N is after the as-of day are left out of that rate.
          </p>
        ) : null}
      </div>
    </TabShell>
  );
}
