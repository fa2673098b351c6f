import { useMemo, useState } from "react";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { Chart } from "../../charts/Chart.tsx";
import { fmtDuration } from "../../charts/format.ts";
import { medianTimesOption, stepName, timeToConvertOption } from "./transform.ts";

interface Props {
  result: FunnelResult;
  query: FunnelQuery;
  color: string;
}

/**
 * Time to convert: the distribution for one transition when the engine sends histograms, else the
 * median and average time of every transition side by side.
 */
export function TimeToConvert({ result, query, color }: Props) {
  const [step, setStep] = useState(Math.max(1, query.steps.length - 1));
  const k = Math.min(step, query.steps.length - 1);
  const hist = useMemo(() => timeToConvertOption(result, k, color), [result, k, color]);
  const medians = useMemo(() => medianTimesOption(result, query.steps, color), [result, query.steps, color]);
  return (
    <div className="av-panel" data-testid="funnel-ttc">
      <div className="av-head">
        <div>
          <h2 className="av-title">Time to convert</h2>
          <p className="range-note">
            Users who converted · time from the previous step · median{" "}
            {fmtDuration(result.steps[k]?.medianSecondsFromPrevious)}
          </p>
        </div>
        {result.timeToConvert ? (
          <select
            className="select"
            aria-label="Transition"
            value={k}
            onChange={(e) => setStep(Number(e.target.value))}
          >
            {query.steps.slice(1).map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: step positions
              <option key={i} value={i + 1}>
                {i + 1}. {stepName(query.steps[i] ?? { event: null })} → {i + 2}. {stepName(s)}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <Chart
        option={hist ?? medians}
        height={220}
        label="Time to convert between funnel steps"
        empty={
          result.steps.slice(1).every((s) => s.count === 0) ? "Nobody converted past step 1 yet." : undefined
        }
      />
    </div>
  );
}
