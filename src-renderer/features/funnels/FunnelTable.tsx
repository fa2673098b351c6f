import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { fmtDuration, fmtInt, fmtPct } from "../../charts/format.ts";
import { breakdownLabel, type StepRow } from "./transform.ts";

interface Props {
  rows: StepRow[];
  onSegment(kind: "reached" | "dropped", step: number): void;
  selected: number | null;
  onSelect(step: number): void;
}

export function FunnelTable({ rows, onSegment, selected, onSelect }: Props) {
  const last = rows.length - 1;
  return (
    <div className="av-table-wrap">
      <table className="data-table" data-testid="funnel-table">
        <caption className="sr-only">Users per funnel step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="num">
              Users
            </th>
            <th scope="col" className="num">
              From step 1
            </th>
            <th scope="col" className="num">
              From previous
            </th>
            <th
              scope="col"
              className="num"
              title="Median time from the previous step (average in the tooltip)"
            >
              Median time
            </th>
            <th
              scope="col"
              className="num"
              title="Users who reached the previous step and not this one: the same drop-off the chart shows on this step's bar"
            >
              Dropped off
            </th>
            <th scope="col" className="num" title="Create a segment from these users">
              Segment
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            // One definition with the chart: a step's drop-off is the users who reached the
            // previous step and not this one, shown on this step's row (and bar).
            <tr
              key={row.index}
              className={selected === row.index ? "is-selected" : ""}
              onClick={() => onSelect(row.index)}
            >
              <th scope="row" className="ellipsis" title={row.label}>
                {row.label}
              </th>
              <td className="num">{fmtInt(row.count)}</td>
              <td className="num">{fmtPct(row.fromStart)}</td>
              <td className="num">{row.index === 0 ? "–" : fmtPct(row.fromPrevious)}</td>
              <td
                className="num"
                title={row.index === 0 ? undefined : `Average ${fmtDuration(row.avgSeconds)}`}
              >
                {fmtDuration(row.medianSeconds)}
              </td>
              <td className="num" data-testid={`funnel-dropped-${row.index}`}>
                {row.index === 0 ? (
                  "–"
                ) : row.optional ? (
                  <span title={`Users of step ${row.prevIndex + 1} who skipped this optional step`}>
                    skipped {fmtInt(row.dropped)} ({fmtPct(row.droppedShare)})
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn-link"
                    data-testid={`segment-dropped-${row.prevIndex}`}
                    title={`Create a segment of the users who reached step ${row.prevIndex + 1} and not step ${row.index + 1}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSegment("dropped", row.prevIndex);
                    }}
                  >
                    {fmtInt(row.dropped)} ({fmtPct(row.droppedShare)})
                  </button>
                )}
              </td>
              <td className="num row-actions">
                <button
                  type="button"
                  className="btn-link"
                  data-testid={row.index === last ? "segment-converted" : `segment-reached-${row.index}`}
                  title={
                    row.index === last
                      ? "Create a segment of the users who completed the funnel"
                      : `Create a segment of the users who reached step ${row.index + 1}`
                  }
                  onClick={(e) => {
                    e.stopPropagation();
                    onSegment("reached", row.index);
                  }}
                >
                  {fmtInt(row.count)} {row.index === last ? "converted" : "reached"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BreakdownTable({ result, stepLabels }: { result: FunnelResult; stepLabels: string[] }) {
  const groups = result.breakdown ?? [];
  return (
    <div className="av-table-wrap">
      <table className="data-table" data-testid="funnel-breakdown-table">
        <caption className="sr-only">Funnel by breakdown value: users and conversion from step 1</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            {stepLabels.map((l) => (
              <th scope="col" className="num ellipsis" key={l} title={l}>
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={`${String(g.value)}:${g.other ? 1 : 0}`}>
              <th scope="row" className="ellipsis">
                {breakdownLabel(g.value, g.other)}
              </th>
              {g.steps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: step positions
                <td className="num" key={i}>
                  {fmtInt(s.count)}
                  {i > 0 ? <span className="sub"> {fmtPct(s.conversionFromStart)}</span> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
