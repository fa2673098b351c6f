import { useMemo } from "react";
import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtDuration, fmtInt } from "../../charts/format.ts";
import { useThemeColors } from "../../charts/theme.ts";
import { RangeNote } from "../../report/RangeNote.tsx";
import { stateMessage, TabShell, useDraft } from "../../report/tab-kit.tsx";
import { useQuery } from "../../report/use-query.ts";
import { PropertySelect } from "../../ui/catalog-pickers.tsx";
import { ActivityNote } from "./ActivityNote.tsx";
import { Kpi } from "./Kpi.tsx";
import type { TabProps } from "./tab-common.ts";
import { sessionLengthOption, sessionsDailyOption } from "./transform/sessions.ts";

export function SessionsTab({ incoming }: TabProps) {
  const colors = useThemeColors();
  const { draft, patch, query, ready } = useDraft<SessionsQuery>("sessions", incoming, (_ev) => ({
    kind: "sessions",
    gap: { value: 30, unit: "minute" },
  }));
  const qs = useQuery(ready ? query : null, "engagement-sessions");
  const shown = qs.resultQuery?.kind === "sessions" ? qs.resultQuery : query;
  const result = qs.result;
  const lengths = useMemo(
    () => (result ? sessionLengthOption(result, colors.accent) : {}),
    [result, colors.accent],
  );
  const daily = useMemo(
    () => (result ? sessionsDailyOption(result, { bars: colors.accent, line: "#E69F00" }) : {}),
    [result, colors.accent],
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
          <ActivityNote />
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
        <Kpi value={result ? fmtInt(result.sessions) : "–"} label="sessions" />
        <Kpi
          value={result?.sessionsPerUser != null ? result.sessionsPerUser.toFixed(1) : "–"}
          label="sessions per user"
        />
        <Kpi value={fmtDuration(result?.medianSeconds)} label="median session" />
        <Kpi value={fmtDuration(result?.avgSeconds)} label="average session" />
        <Kpi value={fmtDuration(result?.timePerUserDay.avgSeconds)} label="time per user per active day" />
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
