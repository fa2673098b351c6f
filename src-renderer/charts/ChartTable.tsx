import "./chart-table.css";

export interface ChartTableRow {
  key: string;
  /** the row's label (period, weekday, bucket) */
  head: string;
  /** the row's numbers, formatted as the chart's tooltip shows them */
  cells: readonly string[];
}

/**
 * A chart's numbers as a table, behind a "Show as table" disclosure under the chart: the canvas
 * cannot be read by a screen reader, copied or checked against a colleague's figures, the table can.
 * Closed by default so the view stays calm; a native <details>, so it is keyboard reachable and
 * announced without extra code.
 */
export function ChartTable({
  caption,
  head,
  columns,
  rows,
  testId,
  summary = "Show as table",
}: {
  /** the disclosure's label */
  summary?: string;
  caption: string;
  /** the header of the label column */
  head: string;
  columns: readonly string[];
  rows: readonly ChartTableRow[];
  testId?: string;
}) {
  return (
    <details className="chart-table" data-testid={testId}>
      <summary>{summary}</summary>
      <div className="av-table-wrap">
        <table className="data-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              {columns.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.head}</th>
                {r.cells.map((c, i) => (
                  <td key={columns[i] ?? i} className="num">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
