import { useMemo } from "react";
import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type {
  MessageEngagementQuery,
  RevenueQuery,
  SurveyScoresQuery,
} from "../../../src-preload/contract/metric-queries.ts";
import type { MessageRow, RevenueCohort } from "../../../src-preload/contract/metric-results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtMoney, fmtPct, fmtPeriod } from "../../charts/format.ts";
import { EventSelect, PropertySelect } from "../../charts/kit/pickers.tsx";
import { RangeNote } from "../../charts/kit/RangeNote.tsx";
import { Segmented } from "../../charts/kit/Segmented.tsx";
import { SegmentsPicker } from "../../charts/kit/SegmentsPicker.tsx";
import { SimpleTable } from "../../charts/kit/SimpleTable.tsx";
import { type Incoming, stateMessage, TabShell, useDraft } from "../../charts/kit/tab-kit.tsx";
import { useQuery } from "../../charts/kit/use-query.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { Kpi } from "./Kpi.tsx";
import {
  bySegmentScoreOption,
  ltvOption,
  messagesOption,
  revenueOption,
  surveyMixOption,
  surveyScaleName,
  surveyScoreOption,
  valueLabel,
} from "./transform-metrics.ts";

type P = { incoming: Incoming | null };
const INTERVALS = [
  { value: "day", label: "Daily" },
  { value: "week", label: "Weekly" },
  { value: "month", label: "Monthly" },
] as const;
const rate = (v: number | null) => (v === null ? "–" : fmtPct(v));
const money = (v: number | null | undefined) => (v === null || v === undefined ? "–" : fmtMoney(v));

export function RevenueTab({ incoming }: P) {
  const c = useThemeColors();
  const { draft, patch, query, ready } = useDraft<RevenueQuery>("revenue", incoming, (_ev) => ({
    kind: "revenue",
    event: { event: "purchase" },
    property: "revenue",
    interval: "week",
  }));
  const qs = useQuery(ready ? query : null, "engagement-revenue");
  const shown = qs.resultQuery?.kind === "revenue" ? qs.resultQuery : query;
  const r = qs.result;
  const interval = shown.interval ?? "week";
  const bars = useMemo(
    () => (r ? revenueOption(r, interval, { bars: c.accent, line: "#E69F00" }) : {}),
    [r, interval, c.accent],
  );
  const ltv = useMemo(() => (r ? ltvOption(r, interval) : {}), [r, interval]);
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
          <span className="av-field">
            amount in
            <PropertySelect
              label="Amount property"
              noneLabel="Pick a property"
              numeric
              value={{ property: draft.property, scope: "event" }}
              onChange={(p) => p && patch({ property: p.property })}
            />
          </span>
          <Segmented
            label="Interval"
            value={draft.interval ?? "week"}
            onChange={(iv) => patch({ interval: iv })}
            options={INTERVALS}
          />
        </>
      }
    >
      <div className="kpis">
        <Kpi value={money(r?.revenue)} label="revenue" testId="revenue-total" />
        <Kpi
          value={r ? fmtInt(r.payingUsers) : "–"}
          label={`paying users of ${fmtInt(r?.activeUsers ?? 0)} active`}
        />
        <Kpi value={money(r?.perUser)} label="per active user (ARPU)" />
        <Kpi value={money(r?.perPayingUser)} label="per paying user (ARPPU)" />
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
          Cumulative revenue per user of each cohort (users first seen in the period), by {interval}s since
        </p>
        <Chart option={ltv} height={260} label="LTV curves per cohort" busy={qs.busy} {...states} />
        {r ? (
          <SimpleTable<RevenueCohort>
            caption="LTV per cohort"
            rows={r.cohorts}
            rowKey={(x) => x.start}
            columns={[
              { label: "Cohort", value: (x) => x.start, render: (x) => fmtPeriod(x.start, interval) },
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
    </TabShell>
  );
}

function surveyEvent(type: SurveyScoresQuery["type"]): EventMatcher {
  return { event: "survey_response", where: [{ property: "survey", op: "eq", value: type }] };
}

export function SurveysTab({ incoming }: P) {
  const c = useThemeColors();
  const { draft, patch, query, ready } = useDraft<SurveyScoresQuery>("surveyScores", incoming, (_ev) => ({
    kind: "surveyScores",
    type: "nps",
    event: surveyEvent("nps"),
    property: "score",
    interval: "month",
  }));
  const qs = useQuery(ready ? query : null, "engagement-surveys");
  const shown = qs.resultQuery?.kind === "surveyScores" ? qs.resultQuery : query;
  const r = qs.result;
  const interval = shown.interval ?? "month";
  const scoreOpt = useMemo(
    () => (r ? surveyScoreOption(r, interval, c.accent) : {}),
    [r, interval, c.accent],
  );
  const mixOpt = useMemo(() => (r ? surveyMixOption(r, interval) : null), [r, interval]);
  const segOpt = useMemo(() => (r ? bySegmentScoreOption(r, interval) : null), [r, interval]);
  const states = stateMessage(qs, (x) => x.overall.responses === 0, "No survey responses in this range.");
  const o = r?.overall;
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
              // The demo's survey_response events say which survey in `survey`; keep other events as chosen.
              patch({
                type,
                ...(draft.event.event === "survey_response" ? { event: surveyEvent(type) } : {}),
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
          <span className="av-field">
            score in
            <PropertySelect
              label="Score property"
              noneLabel="Pick a property"
              numeric
              value={{ property: draft.property, scope: "event" }}
              onChange={(p) => p && patch({ property: p.property })}
            />
          </span>
          <Segmented
            label="Interval"
            value={draft.interval ?? "month"}
            onChange={(iv) => patch({ interval: iv })}
            options={INTERVALS}
          />
          <SegmentsPicker value={draft.segments} onChange={(segments) => patch({ segments })} />
        </>
      }
    >
      <div className="kpis">
        <Kpi
          value={o?.score == null ? "–" : o.score.toFixed(1)}
          label={surveyScaleName(shown.type)}
          testId="survey-score"
        />
        <Kpi
          value={o ? fmtInt(o.responses) : "–"}
          label={`responses from ${fmtInt(o?.respondents ?? 0)} users`}
        />
        {Object.entries(o?.breakdown ?? {}).map(([k, v]) => (
          <Kpi key={k} value={fmtInt(v)} label={`${k} (${o?.responses ? fmtPct(v / o.responses) : "–"})`} />
        ))}
        {o?.ignored ? (
          <Kpi value={fmtInt(o.ignored)} label="responses ignored (missing or off-scale score)" />
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
      {segOpt ? (
        <div className="av-panel">
          <h2 className="av-title">{shown.type.toUpperCase()} by segment</h2>
          <p className="range-note">
            {(r?.bySegment ?? [])
              .map(
                (b) =>
                  `${b.name}: ${b.overall.score === null ? "–" : b.overall.score.toFixed(1)} (${fmtInt(b.overall.responses)} responses)`,
              )
              .join(" · ")}
          </p>
          <Chart option={segOpt} height={260} label="Survey score per period by segment" busy={qs.busy} />
        </div>
      ) : null}
    </TabShell>
  );
}

function channelEvents(ch: "push" | "email") {
  return {
    send: { event: `${ch}_sent` },
    open: { event: `${ch}_opened` },
    click: { event: `${ch}_clicked` },
  };
}

export function MessagesTab({ incoming }: P) {
  const { draft, patch, query, ready } = useDraft<MessageEngagementQuery>(
    "messageEngagement",
    incoming,
    (_ev) => ({
      kind: "messageEngagement",
      ...channelEvents("push"),
      by: "campaign",
      conversion: { event: "purchase" },
      conversionWindow: { value: 3, unit: "day" },
    }),
  );
  const qs = useQuery(ready ? query : null, "engagement-messages");
  const shown = qs.resultQuery?.kind === "messageEngagement" ? qs.resultQuery : query;
  const option = useMemo(() => (qs.result ? messagesOption(qs.result) : {}), [qs.result]);
  const channel = draft.send.event?.startsWith("email") ? "email" : "push";
  const t = qs.result?.total;
  return (
    <TabShell
      name="Message engagement"
      testId="tab-messages"
      query={query}
      incoming={incoming}
      qs={qs}
      what="Computing message engagement"
      toolbar={
        <>
          <Segmented
            label="Channel"
            value={channel}
            onChange={(ch) => patch(channelEvents(ch))}
            options={[
              { value: "push", label: "Push" },
              { value: "email", label: "Email" },
            ]}
          />
          <span className="av-field">
            Sent
            <EventSelect label="Send event" value={draft.send} onChange={(send) => patch({ send })} />
          </span>
          <span className="av-field">
            Opened
            <EventSelect label="Open event" value={draft.open} onChange={(open) => patch({ open })} />
          </span>
          <span className="av-field">
            Clicked
            <EventSelect label="Click event" value={draft.click} onChange={(click) => patch({ click })} />
          </span>
          <span className="av-field">
            by
            <PropertySelect
              label="Breakdown property"
              noneLabel="No breakdown"
              value={draft.by ? { property: draft.by, scope: "event" } : null}
              onChange={(p) => patch({ by: p?.property })}
            />
          </span>
        </>
      }
    >
      <div className="kpis">
        <Kpi value={t ? fmtInt(t.messages) : "–"} label={`messages sent to ${fmtInt(t?.sent ?? 0)} users`} />
        <Kpi value={rate(t?.openRate ?? null)} label="open rate" />
        <Kpi value={rate(t?.clickRate ?? null)} label="click rate" />
        <Kpi value={rate(t?.clickToOpen ?? null)} label="click-to-open" />
        <Kpi
          value={rate(t?.conversionRate ?? null)}
          label={`converted (${shown.conversion?.event ?? "–"})`}
        />
      </div>
      <div className="av-panel">
        <h2 className="av-title">Engagement{shown.by ? ` by ${shown.by}` : ""}</h2>
        <RangeNote
          counts="Users: rates are shares of the users who got a send"
          range={shown.range}
          timezone={shown.timezone}
        />
        <Chart
          testId="messages-chart"
          option={option}
          height={280}
          label="Open, click and click-to-open rates"
          busy={qs.busy}
          {...stateMessage(qs, (x) => x.total.sent === 0, "No messages sent in this range.")}
        />
        {qs.result ? (
          <SimpleTable<MessageRow>
            caption="Message engagement"
            rows={[...qs.result.rows, qs.result.total]}
            rowKey={(x, i) => `${String(x.value)}:${i}`}
            columns={[
              {
                label: shown.by ?? "All",
                value: (x) => (x === qs.result?.total ? "Total" : valueLabel(x.value, x.other)),
              },
              { label: "Messages", num: true, value: (x) => x.messages, render: (x) => fmtInt(x.messages) },
              { label: "Users sent", num: true, value: (x) => x.sent, render: (x) => fmtInt(x.sent) },
              { label: "Users opened", num: true, value: (x) => x.opened, render: (x) => fmtInt(x.opened) },
              {
                label: "Users clicked",
                num: true,
                value: (x) => x.clicked,
                render: (x) => fmtInt(x.clicked),
              },
              { label: "Open rate", num: true, value: (x) => x.openRate, render: (x) => rate(x.openRate) },
              { label: "Click rate", num: true, value: (x) => x.clickRate, render: (x) => rate(x.clickRate) },
              {
                label: "Click-to-open",
                num: true,
                value: (x) => x.clickToOpen,
                render: (x) => rate(x.clickToOpen),
              },
              {
                label: "Conversion",
                num: true,
                value: (x) => x.conversionRate,
                render: (x) => rate(x.conversionRate),
              },
            ]}
          />
        ) : null}
      </div>
    </TabShell>
  );
}
