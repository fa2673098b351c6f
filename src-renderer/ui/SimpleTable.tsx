import type { ReactNode } from "react";
import { type CellValue, DataTable } from "./Table.tsx";

export interface Column<R extends object> {
  label: string;
  num?: boolean;
  /** the raw value: sorting and "Copy as CSV" use it */
  value(row: R): CellValue;
  /** what the cell shows (formatted); defaults to the value */
  render?(row: R): ReactNode;
}

const ROW_H = 30;
const CHROME = 44; // the table's toolbar and borders

/**
 * A metric table: the app's one table (TanStack, virtualized, sticky header, sortable, copy as CSV),
 * sized to its rows up to a cap so short tables do not leave blank space.
 */
export function SimpleTable<R extends object>({
  rows,
  columns,
  caption,
  testId,
  rowKey,
  maxHeight = 420,
}: {
  rows: R[];
  columns: readonly Column<R>[];
  caption: string;
  testId?: string;
  rowKey(row: R, i: number): string;
  maxHeight?: number;
}) {
  const ids = new Map(rows.map((r, i) => [r, rowKey(r, i)]));
  return (
    <div data-testid={testId}>
      <DataTable<R>
        label={caption}
        data={rows}
        getRowId={(r) => ids.get(r) ?? ""}
        height={Math.min(maxHeight, ROW_H * (rows.length + 1) + CHROME)}
        columns={columns.map((c, i) => ({
          id: `c${i}`,
          header: c.label,
          value: (r: R) => c.value(r),
          ...(c.render ? { render: (r: R) => c.render?.(r) } : {}),
          ...(c.num ? { numeric: true } : {}),
        }))}
      />
    </div>
  );
}
