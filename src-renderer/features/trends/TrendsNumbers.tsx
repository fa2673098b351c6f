import type { TrendsResult } from "../../../src-preload/contract/trends.ts";
import { entryName, fmtValue, previousOf } from "./transform.ts";

/** The Number chart: each entry's total, with its own previous-period total when the query compares. */
export function TrendsNumbers({ result }: { result: TrendsResult | null }) {
  const rows = result?.series ?? [];
  const prevs = result ? previousOf(result) : [];
  return (
    <div className="kpis trends-numbers" data-testid="trends-numbers">
      {rows.map((e, i) => {
        const prev = prevs[i];
        return (
          <div className="kpi" key={entryName(e, rows)}>
            <span className="kpi-value">{fmtValue(e.total)}</span>
            <span className="kpi-label">{entryName(e, rows)}</span>
            {prev ? <span className="kpi-label">previous period: {fmtValue(prev.total)}</span> : null}
          </div>
        );
      })}
    </div>
  );
}
