import { useMemo } from "react";
import type { FunnelOverTimePoint } from "../../../src-preload/contract/results.ts";
import { Chart } from "../../charts/Chart.tsx";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtInt, fmtPct, fmtPeriod } from "../../charts/format.ts";
import { Segmented } from "../../ui/Segmented.tsx";

export type OverTimeChoice = "off" | "day" | "week";

/** The funnel's overall conversion per day or week of entry, as a line (issue 15). */
export function overTimeOption(
  points: readonly FunnelOverTimePoint[],
  interval: "day" | "week",
  color: string,
): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 32, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (raw: unknown) => {
        const p = (raw as { dataIndex: number }[])[0];
        const x = p ? points[p.dataIndex] : undefined;
        if (!x) return "";
        const share = x.conversion === null ? "–" : fmtPct(x.conversion);
        return `${escapeHtml(fmtPeriod(x.start, interval))}<br/>${share} converted (${fmtInt(x.converted)} of ${fmtInt(x.entered)})`;
      },
    },
    xAxis: { type: "category", data: points.map((p) => fmtPeriod(p.start, interval)) },
    yAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: (v: number) => fmtPct(v) } },
    series: [{ type: "line", data: points.map((p) => p.conversion), color, connectNulls: false }],
  } as ChartOption;
}

export function OverTime({
  choice,
  onChoice,
  points,
  color,
  busy,
}: {
  choice: OverTimeChoice;
  onChoice(c: OverTimeChoice): void;
  points: readonly FunnelOverTimePoint[] | undefined;
  color: string;
  busy: boolean;
}) {
  const option = useMemo(
    () => (points && choice !== "off" ? overTimeOption(points, choice, color) : null),
    [points, choice, color],
  );
  return (
    <div className="av-panel" data-testid="funnel-over-time">
      <div className="av-head">
        <div>
          <h2 className="av-title">Conversion over time</h2>
          <p className="range-note">Users reaching the last step, by the day or week they entered</p>
        </div>
        <Segmented
          label="Conversion over time"
          value={choice}
          onChange={onChoice}
          options={[
            { value: "off", label: "Off" },
            { value: "day", label: "By day" },
            { value: "week", label: "By week" },
          ]}
        />
      </div>
      {option ? (
        <Chart option={option} height={220} label="Overall conversion per period of entry" busy={busy} />
      ) : null}
    </div>
  );
}
