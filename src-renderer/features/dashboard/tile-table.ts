import type { Query, QueryAnswer } from "../../../src-preload/contract/query-kinds.ts";
import { isAnswerOf } from "../../../src-preload/contract/query-kinds.ts";
import type { ChartTableRow } from "../../charts/ChartTable.tsx";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { LIFECYCLE_COLUMNS, lifecycleRows } from "../engagement/transform/tables.ts";
import { stepRows } from "../funnels/transform.ts";
import { periodLabel } from "../retention/transform.ts";
import { bucketLabel, entryName, fmtValue, spansYears } from "../trends/transform.ts";

// A pinned report's numbers as a table under its tile chart (ChartTable), for the kinds tileOption
// draws: what the tile's canvas shows, readable and checkable.

export interface TileTable {
  head: string;
  columns: string[];
  rows: ChartTableRow[];
}

export function tileTable(query: Query, answer: QueryAnswer): TileTable | null {
  if (query.kind === "trends" && isAnswerOf(answer, "trends")) {
    const result = answer.result;
    return {
      head: "Period",
      columns: result.series.map((e) => entryName(e, result.series)),
      rows: result.intervals.map((start, k) => ({
        key: start,
        head: bucketLabel(start, query.interval, spansYears(result.intervals)),
        cells: result.series.map((e) => fmtValue(e.values[k])),
      })),
    };
  }
  if (query.kind === "funnel" && isAnswerOf(answer, "funnel"))
    return {
      head: "Step",
      columns: ["Users", "From start"],
      rows: stepRows(answer.result.steps, query.steps).map((s) => ({
        key: String(s.index),
        head: s.label,
        cells: [fmtInt(s.count), fmtPct(s.fromStart)],
      })),
    };
  if (query.kind === "retention" && isAnswerOf(answer, "retention"))
    return {
      head: "Period",
      columns: ["Retained", "Users", "Of"],
      rows: answer.result.curve.map((p) => ({
        key: String(p.period),
        head: periodLabel(query.interval, p.period),
        cells: [p.share === null ? "–" : fmtPct(p.share), fmtInt(p.users), fmtInt(p.base)],
      })),
    };
  if (query.kind === "lifecycle" && isAnswerOf(answer, "lifecycle"))
    return {
      head: "Period",
      columns: [...LIFECYCLE_COLUMNS],
      rows: lifecycleRows(answer.result, query.interval),
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
