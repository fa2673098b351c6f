import {
  createColumnHelper,
  createSortedRowModel,
  type RowData,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { type ReactNode, useMemo, useRef, useState } from "react";
import { tableCsv } from "./csv.ts";
import { Icon } from "./icons.tsx";

// The one table of the app: TanStack Table 9 for the model and sorting, a fixed-row-height window
// for virtualization (rows are always --row-h tall, so no measuring is needed), a sticky header,
// numbers right-aligned, copy as CSV.

export type CellValue = string | number | boolean | null | undefined;

export interface ColumnSpec<T> {
  id: string;
  header: string;
  value: (row: T) => CellValue;
  /** custom rendering; the sort and the CSV still use value() */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
  width?: number;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric },
});

const ROW_H = 30;
const OVERSCAN = 8;

export function DataTable<T extends RowData>(props: {
  label: string;
  data: T[];
  columns: ColumnSpec<T>[];
  getRowId: (row: T) => string;
  onRowClick?: (row: T) => void;
  selectedId?: string | null;
  height?: number | string;
  csvName?: string;
  toolbar?: ReactNode;
}) {
  const { columns: specs } = props;
  const columns = useMemo(() => {
    const helper = createColumnHelper<typeof features, T>();
    return helper.columns(
      specs.map((c) =>
        helper.accessor((row: T) => (c.value(row) ?? null) as CellValue, {
          id: c.id,
          header: c.header,
          sortUndefined: "last",
        }),
      ),
    );
  }, [specs]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useTable({
    features,
    columns,
    data: props.data,
    getRowId: (row: T) => props.getRowId(row),
    state: { sorting },
    onSortingChange: setSorting,
  });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(600);
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewH) / ROW_H) + OVERSCAN);
  const specById = new Map(specs.map((s) => [s.id, s]));
  const template = specs.map((s) => (s.width ? `${s.width}px` : "minmax(120px, 1fr)")).join(" ");

  const copyCsv = () => {
    const text = tableCsv(
      specs,
      rows.map((r) => r.original),
    );
    navigator.clipboard?.writeText(text).catch(() => undefined);
  };

  return (
    <div className="table-wrap" style={{ height: props.height ?? "100%" }}>
      <div className="table-toolbar">
        {props.toolbar}
        <span className="spacer" />
        <button type="button" className="btn btn-sm btn-ghost" onClick={copyCsv} title="Copy the rows as CSV">
          <Icon name="copy" /> Copy as CSV
        </button>
      </div>
      <div
        className="table-scroll"
        ref={(el) => {
          scroller.current = el;
          if (el && el.clientHeight !== viewH && el.clientHeight > 0) setViewH(el.clientHeight);
        }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <table className="table" aria-label={props.label} aria-rowcount={rows.length + 1}>
          <thead className="table-head">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="table-row" style={{ gridTemplateColumns: template }}>
                {group.headers.map((header) => {
                  const spec = specById.get(header.column.id);
                  const dir = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
                      className={spec?.numeric ? "th num" : "th"}
                    >
                      <button
                        type="button"
                        className="th-btn"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {spec?.header}
                        <span className="sort-mark">{dir === "asc" ? "▲" : dir === "desc" ? "▼" : ""}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="table-body" style={{ height: rows.length * ROW_H }}>
            {rows.slice(first, last).map((row, i) => {
              const id = row.id;
              const selected = props.selectedId === id;
              return (
                <tr
                  key={id}
                  tabIndex={props.onRowClick ? 0 : undefined}
                  aria-selected={props.onRowClick ? selected : undefined}
                  aria-rowindex={first + i + 2}
                  className={selected ? "table-row selected" : "table-row"}
                  style={{ gridTemplateColumns: template, transform: `translateY(${(first + i) * ROW_H}px)` }}
                  onClick={() => props.onRowClick?.(row.original)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" || e.key === " ") {
                      e.preventDefault();
                      props.onRowClick?.(row.original);
                    }
                  }}
                >
                  {row.getAllCells().map((cell) => {
                    const spec = specById.get(cell.column.id);
                    const v = cell.getValue() as CellValue;
                    return (
                      <td key={cell.id} className={spec?.numeric ? "td num" : "td"}>
                        {spec?.render ? spec.render(row.original) : formatCell(v)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function formatCell(v: CellValue): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "number") return v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return String(v);
}
