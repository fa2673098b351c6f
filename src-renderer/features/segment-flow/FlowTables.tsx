import type { SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import { fmtDate, fmtInt } from "../../charts/format.ts";
import { type FlowPick, stateLabel } from "./transform.ts";

// The flow's result as tables under the chart, drawn from the result alone: users per state at each
// date, and per pair of consecutive dates a from-to matrix whose cells make a segment of their users.

/** Users per state at each date. */
export function StateCounts({ result }: { result: SegmentFlowResult }) {
  return (
    <div className="av-panel">
      <h2 className="av-title">Users per state</h2>
      <table className="paths-table" data-testid="flow-counts">
        <thead>
          <tr>
            <th scope="col">State</th>
            {result.at.map((d) => (
              <th key={d} scope="col" className="num">
                {fmtDate(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.states.map((s, k) => (
            <tr key={s} data-state={s}>
              <th scope="row">{stateLabel(s)}</th>
              {result.at.map((d, i) => (
                <td key={d} className="num" data-at={d}>
                  {fmtInt(result.counts[i]?.[k] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One from-to matrix per pair of consecutive dates. */
export function TransitionMatrices({
  result,
  onSegment,
}: {
  result: SegmentFlowResult;
  onSegment: (p: FlowPick) => void;
}) {
  return (
    <>
      {result.transitions.map((transition) => (
        <div className="av-panel" key={transition.from}>
          <h2 className="av-title">
            {fmtDate(transition.from)} → {fmtDate(transition.to)}
          </h2>
          <p className="range-note">
            Rows: state on {fmtDate(transition.from)}; columns: state on {fmtDate(transition.to)}. Click a
            cell for its users.
          </p>
          <table className="paths-table flow-matrix" data-testid="flow-matrix" data-from={transition.from}>
            <thead>
              <tr>
                <th scope="col">from \ to</th>
                {result.states.map((s) => (
                  <th key={s} scope="col" className="num">
                    {stateLabel(s)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.states.map((s, x) => (
                <tr key={s} data-state={s}>
                  <th scope="row">{stateLabel(s)}</th>
                  {result.states.map((to, y) => {
                    const users = transition.matrix[x]?.[y] ?? 0;
                    return (
                      <td key={to} className="num" data-to={to}>
                        {users ? (
                          <button
                            type="button"
                            className="linklike"
                            onClick={() => onSegment({ at: transition.from, state: s, next: to, users })}
                          >
                            {fmtInt(users)}
                          </button>
                        ) : (
                          <span className="muted">0</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
