import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionCohort } from "../../../src-preload/contract/results.ts";
import { fmtInt, fmtPct, fmtPeriod } from "../../charts/format.ts";
import type { Bracket } from "./draft.ts";
import { bracketCells, bracketLabel, heatStyle } from "./transform.ts";

interface Props {
  cohorts: RetentionCohort[];
  brackets: Bracket[];
  interval: RetentionQuery["interval"];
  show: "share" | "users";
  ramp: readonly string[];
}

/**
 * Each cohort's share per bracket (returned in at least one period of it), from the engine's
 * `brackets` counts. A bracket that reaches past the data is marked: its count may still grow.
 */
export function BracketsTable({ cohorts, brackets, interval, show, ramp }: Props) {
  return (
    <div className="av-table-wrap">
      <table className="data-table retention-table" data-testid="retention-brackets-table">
        <caption className="sr-only">Share of each cohort that came back in each bracket of periods</caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" className="num">
              Users
            </th>
            {brackets.map((b) => (
              <th scope="col" className="num" key={`${b.from}-${b.to}`}>
                {bracketLabel(interval, b)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((cohort, ci) => (
            <tr key={cohort.start}>
              <th scope="row">{fmtPeriod(cohort.start, interval)}</th>
              <td className="num">{fmtInt(cohort.size)}</td>
              {bracketCells(cohort, ci, cohorts.length, brackets).map((x, i) =>
                x.state === "empty" ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: bracket positions
                  <td key={i} className="ret-cell num">
                    –
                  </td>
                ) : (
                  <td
                    // biome-ignore lint/suspicious/noArrayIndexKey: bracket positions
                    key={i}
                    className={`ret-cell num ${x.growing ? "is-growing" : ""}`}
                    style={heatStyle(x.share, ramp)}
                    data-testid={`bracket-${cohort.start}-${i}`}
                    title={`${fmtInt(x.users)} of ${fmtInt(cohort.size)} users (${fmtPct(x.share)})${x.growing ? " · reaches past the data: may still grow" : ""}`}
                  >
                    {show === "share" ? fmtPct(x.share) : fmtInt(x.users)}
                    {x.growing ? "*" : ""}
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
