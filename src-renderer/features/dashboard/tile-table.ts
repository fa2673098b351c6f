import type { Query, QueryAnswer } from "../../../src-preload/contract/query-kinds.ts";
import { isAnswerOf } from "../../../src-preload/contract/query-kinds.ts";
import type { ChartTableRow } from "../../charts/ChartTable.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { LIFECYCLE_COLUMNS, lifecycleRows } from "../engagement/transform/tables.ts";
import { stepRows } from "../funnels/transform.ts";
import { periodLabel } from "../retention/transform.ts";
import { bucketLabel, entryName, fmtValue } from "../trends/transform.ts";

// A pinned report's numbers as a table under its tile chart (ChartTable), for the kinds tileOption
// draws: what the tile's canvas shows, readable and checkable.

export interface TileTable {
  head: string;
  columns: string[];
  rows: ChartTableRow[];
}

export function tileTable(q: Query, answer: QueryAnswer): TileTable | null {
  if (q.kind === "trends" && isAnswerOf(answer, "trends")) {
    const r = answer.result;
    return {
      head: "Period",
      columns: r.series.map(entryName),
      rows: r.intervals.map((start, k) => ({
        key: start,
        head: bucketLabel(start, q.interval),
        cells: r.series.map((e) => fmtValue(e.values[k])),
      })),
    };
  }
  if (q.kind === "funnel" && isAnswerOf(answer, "funnel"))
    return {
      head: "Step",
      columns: ["Users", "From start"],
      rows: stepRows(answer.result.steps, q.steps).map((s) => ({
        key: String(s.index),
        head: s.label,
        cells: [fmtInt(s.count), fmtPct(s.fromStart)],
      })),
    };
  if (q.kind === "retention" && isAnswerOf(answer, "retention"))
    return {
      head: "Period",
      columns: ["Retained", "Users", "Of"],
      rows: answer.result.curve.map((p) => ({
        key: String(p.period),
        head: periodLabel(q.interval, p.period),
        cells: [p.share === null ? "–" : fmtPct(p.share), fmtInt(p.users), fmtInt(p.base)],
      })),
    };
  if (q.kind === "lifecycle" && isAnswerOf(answer, "lifecycle"))
    return {
      head: "Period",
      columns: [...LIFECYCLE_COLUMNS],
      rows: lifecycleRows(answer.result, q.interval),
    };
  if (isAnswerOf(answer, "activeUsers"))
    return {
      head: "Day",
      columns: ["DAU", "WAU", "MAU"],
      rows: answer.result.days.map((d) => ({
        key: d.date,
        head: d.date,
        cells: [fmtInt(d.dau), fmtInt(d.wau), fmtInt(d.mau)],
      })),
    };
  return null;
}
