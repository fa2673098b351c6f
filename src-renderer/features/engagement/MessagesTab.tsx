import { useMemo } from "react";
import type { MessageEngagementQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { MessageRow } from "../../../src-preload/contract/metric-results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt } from "../../charts/format.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { EventSelect, PropertySelect } from "../../ui/catalog-pickers.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import { SimpleTable } from "../../ui/SimpleTable.tsx";
import { Kpi } from "./Kpi.tsx";
import { rate, type TabProps } from "./tab-common.ts";
import { countOrDash, valueLabel } from "./transform/chart-parts.ts";
import { messageRateLabels, messagesOption } from "./transform/messages.ts";

function channelEvents(ch: "push" | "email") {
  return {
    send: { event: `${ch}_sent` },
    open: { event: `${ch}_opened` },
    click: { event: `${ch}_clicked` },
  };
}

// KPI labels are lower case under the number ("open rate (% of users sent)")
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

export function MessagesTab({ incoming }: TabProps) {
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
  const labels = useMemo(() => messageRateLabels(shown), [shown]);
  const option = useMemo(() => (qs.result ? messagesOption(qs.result, labels) : {}), [qs.result, labels]);
  const channel = draft.send.event?.startsWith("email") ? "email" : "push";
  const total = qs.result?.total;
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
        <Kpi
          value={total ? fmtInt(total.messages) : "–"}
          // "–" before an answer or after an error: "to 0 users" would be a wrong number
          label={`messages sent to ${countOrDash(total?.sent)} users`}
        />
        <Kpi value={rate(total?.openRate ?? null)} label={lower(labels.openRate)} />
        <Kpi value={rate(total?.clickRate ?? null)} label={lower(labels.clickRate)} />
        <Kpi value={rate(total?.clickToOpen ?? null)} label={lower(labels.clickToOpen)} />
        <Kpi value={rate(total?.conversionRate ?? null)} label={lower(labels.conversion)} />
      </div>
      <div className="av-panel">
        <h2 className="av-title">Engagement{shown.by ? ` by ${shown.by}` : ""}</h2>
        <RangeNote counts={labels.note} range={shown.range} timezone={shown.timezone} />
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
              // the open and click rates' base when it differs from the users sent
              ...(shown.delivered
                ? [
                    {
                      label: "Users delivered",
                      num: true,
                      value: (x: MessageRow) => x.delivered,
                      render: (x: MessageRow) => fmtInt(x.delivered),
                    },
                  ]
                : []),
              { label: "Users opened", num: true, value: (x) => x.opened, render: (x) => fmtInt(x.opened) },
              {
                label: "Users clicked",
                num: true,
                value: (x) => x.clicked,
                render: (x) => fmtInt(x.clicked),
              },
              {
                label: labels.openRate,
                num: true,
                value: (x) => x.openRate,
                render: (x) => rate(x.openRate),
              },
              {
                label: labels.clickRate,
                num: true,
                value: (x) => x.clickRate,
                render: (x) => rate(x.clickRate),
              },
              {
                label: labels.clickToOpen,
                num: true,
                value: (x) => x.clickToOpen,
                render: (x) => rate(x.clickToOpen),
              },
              {
                label: labels.conversion,
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
