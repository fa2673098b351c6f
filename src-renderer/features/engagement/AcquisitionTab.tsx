import { useMemo } from "react";
import type { AcquisitionQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { AcquisitionRow } from "../../../src-preload/contract/metric-results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { useCatalogProperties } from "../../store/catalog-cache.ts";
import { EventSelect, PropertySelect } from "../../ui/catalog-pickers.tsx";
import { SimpleTable } from "../../ui/SimpleTable.tsx";
import { acquisitionDefaults } from "./defaults.ts";
import { NeedsProperty } from "./NeedsProperty.tsx";
import { rate, type TabProps } from "./tab-common.ts";
import { acquisitionOption } from "./transform/acquisition.ts";
import { valueLabel } from "./transform/chart-parts.ts";

export function AcquisitionTab({ incoming }: TabProps) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<AcquisitionQuery>(
    "acquisition",
    incoming,
    (ev, props) => ({
      kind: "acquisition",
      ...acquisitionDefaults(ev, props),
      conversionWindow: { value: 30, unit: "day" },
      retentionDays: [1, 7, 30],
    }),
    useCatalogProperties(),
  );
  const missing = draft.by.property === "";
  const qs = useQuery(ready && !missing ? query : null, "engagement-acquisition");
  const shown = qs.resultQuery?.kind === "acquisition" ? qs.resultQuery : query;
  const option = useMemo(
    () =>
      qs.result
        ? acquisitionOption(qs.result, { bars: colors.accent, line: "#E69F00" }, Boolean(shown.conversion))
        : {},
    [qs.result, colors.accent, shown.conversion],
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
              unset={{
                label: "No conversion",
                active: draft.conversion === undefined,
                choose: () => patch({ conversion: undefined }),
              }}
              allowAny
            />
          </span>
        </>
      }
    >
      {missing ? (
        <NeedsProperty>
          Nothing in this workspace looks like an acquisition channel (acquisition_channel, utm_source,
          source, campaign, referrer). Pick the user attribute or event property that says where users came
          from in “New users by” above.
        </NeedsProperty>
      ) : (
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
                  // without a conversion event nobody can convert: "–", not a count of 0
                  value: (x) => (shown.conversion ? x.converted : null),
                  render: (x) => (shown.conversion ? fmtInt(x.converted) : "–"),
                },
                {
                  label: "Conversion",
                  num: true,
                  value: (x) => x.conversionRate,
                  render: (x) => rate(x.conversionRate),
                },
                ...days.map((day) => ({
                  label: `Day ${day} retention`,
                  num: true,
                  value: (x: AcquisitionRow) => x.retention.find((y) => y.day === day)?.rate ?? null,
                  render: (x: AcquisitionRow) => {
                    const cell = x.retention.find((y) => y.day === day);
                    if (!cell || cell.rate === null)
                      return (
                        <span className="muted" title="Not enough time has passed">
                          –
                        </span>
                      );
                    return (
                      <span
                        title={
                          cell.incomplete
                            ? `${fmtInt(cell.incomplete)} users too recent, left out`
                            : undefined
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
              Day N retention: share of the value's new users active on day N after their first day (message
              deliveries are not activity). * Users whose day N is after the as-of day are left out of that
              rate.
            </p>
          ) : null}
        </div>
      )}
    </TabShell>
  );
}
