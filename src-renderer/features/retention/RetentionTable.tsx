import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionCohort } from "../../../src-preload/contract/results.ts";
import { fmtInt, fmtPct, fmtPeriod } from "../../charts/format.ts";
import { type CurvePoint, cohortCells, heatStyle, periodLabel } from "./transform.ts";

interface Props {
  cohorts: RetentionCohort[];
  curve: CurvePoint[];
  interval: RetentionQuery["interval"];
  show: "share" | "users";
  /** heatmap ramp, light to dark */
  ramp: readonly string[];
  onSegment(cohort: string, returnedIn?: number): void;
}

/**
 * The triangular cohort table. An HTML table (selectable, copyable, readable by screen readers), cells
 * shaded on a one-hue ramp with their number printed; periods that have not happened yet are hatched
 * and empty, never 0%.
 */
export function RetentionTable({ cohorts, curve, interval, show, ramp, onSegment }: Props) {
  const periods = curve.length;
  const cell = (users: number, share: number) => (show === "share" ? fmtPct(share) : fmtInt(users));
  return (
    <div className="av-table-wrap">
      <table className="data-table retention-table" data-testid="retention-table">
        <caption className="sr-only">Share of each cohort that came back in each period</caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" className="num">
              Users
            </th>
            {curve.map((p) => (
              <th scope="col" className="num" key={p.period}>
                {periodLabel(interval, p.period)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="avg-row">
            <th scope="row">All cohorts (weighted)</th>
            <td className="num">{fmtInt(cohorts.reduce((a, c) => a + c.size, 0))}</td>
            {curve.map((p) =>
              p.share === null ? (
                <td
                  key={p.period}
                  className="ret-cell is-incomplete"
                  title="Not complete for any cohort yet"
                />
              ) : (
                <td
                  key={p.period}
                  className="ret-cell num"
                  style={heatStyle(p.share, ramp)}
                  title={`${fmtInt(p.users)} of ${fmtInt(p.base)} users`}
                >
                  {cell(p.users, p.share)}
                </td>
              ),
            )}
          </tr>
          {cohorts.map((cohort) => (
            <tr key={cohort.start}>
              <th scope="row">
                <button
                  type="button"
                  className="btn-link cohort-link"
                  title="Create a segment from this cohort"
                  data-testid={`cohort-${cohort.start}`}
                  onClick={() => onSegment(cohort.start)}
                >
                  {fmtPeriod(cohort.start, interval)}
                </button>
              </th>
              <td className="num">{fmtInt(cohort.size)}</td>
              {cohortCells(cohort)
                .slice(0, periods)
                .map((periodCell, k) =>
                  periodCell.state === "incomplete" ? (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: period positions
                      key={k}
                      className="ret-cell is-incomplete"
                      title="This period is not over yet: no data"
                      aria-label="not complete"
                    />
                  ) : (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: period positions
                      key={k}
                      className="ret-cell num"
                      style={heatStyle(periodCell.share, ramp)}
                      title={`${fmtInt(periodCell.users)} of ${fmtInt(cohort.size)} users (${fmtPct(periodCell.share)})`}
                    >
                      {k > 0 && cohort.size > 0 ? (
                        <button
                          type="button"
                          className="cell-btn"
                          title={`${fmtInt(periodCell.users)} of ${fmtInt(cohort.size)} users (${fmtPct(periodCell.share)}) · create a segment of them`}
                          onClick={() => onSegment(cohort.start, k)}
                        >
                          {cell(periodCell.users, periodCell.share)}
                        </button>
                      ) : cohort.size === 0 ? (
                        "–"
                      ) : (
                        cell(periodCell.users, periodCell.share)
                      )}
                    </td>
                  ),
                )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
