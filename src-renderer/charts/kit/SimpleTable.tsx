import type { ReactNode } from "react";

export interface Column<R> {
  label: string;
  num?: boolean;
  get(row: R): ReactNode;
}

/** A compact read-only table with a sticky header; numbers right-aligned in tabular figures. */
export function SimpleTable<R>({
  rows,
  columns,
  caption,
  testId,
  rowKey,
}: {
  rows: readonly R[];
  columns: readonly Column<R>[];
  caption: string;
  testId?: string;
  rowKey(row: R, i: number): string;
}) {
  return (
    <div className="av-table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.num ? "num" : ""}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)}>
              {columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.label} scope="row" className="ellipsis">
                    {c.get(r)}
                  </th>
                ) : (
                  <td key={c.label} className={c.num ? "num" : ""}>
                    {c.get(r)}
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
