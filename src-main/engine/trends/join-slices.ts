import type { TrendsQuery } from "../../../src-preload/contract/trends.ts";
import { addInto } from "../metrics/add-counts.ts";
import { outOfBounds } from "../typed-index.ts";
import { type Cells, newCells } from "./cells.ts";
import type { SingleValueUsers } from "./hits.ts";
import type { SpanScan, TrendsScans } from "./run-trends.ts";
import type { SeriesScan } from "./scan.ts";
import { ValueIds } from "./values.ts";

// Trends over the query workers' slices of users. Every user is in one slice only, so a count of
// events or of distinct users adds across slices, and a user's first hits stay together; the query
// splits only when every series counts (a property's sum, mean or quantile is left whole: a sum
// added slice by slice could differ from the one thread's in its last bits).

/** Whether the query's answer is the join of its slices' scans. */
export function trendsSplits(q: TrendsQuery): boolean {
  return q.series.every((s) => typeof (s.measure ?? "events") !== "object");
}

function addCells(into: Cells, from: Cells): void {
  for (let k = 0; k < into.events.length; k++) {
    into.events[k] = (into.events[k] ?? outOfBounds()) + (from.events[k] ?? outOfBounds());
    into.users[k] = (into.users[k] ?? outOfBounds()) + (from.users[k] ?? outOfBounds());
    into.newUsers[k] = (into.newUsers[k] ?? outOfBounds()) + (from.newUsers[k] ?? outOfBounds());
  }
}

/**
 * The hits with each value id read through `ids` (a copy, as a slice's ids are its own); as they
 * are when `ids` keeps every id (always the first slice's, which numbers the values first).
 */
function renumbered(hits: readonly Int32Array[], ids: Int32Array): Int32Array[] {
  if (ids.every((id, v) => id === v)) return [...hits];
  return hits.map((chunk) => {
    const out = chunk.slice();
    for (let i = 1; i < out.length; i += 3) out[i] = ids[out[i] ?? outOfBounds()] ?? outOfBounds();
    return out;
  });
}

/**
 * One span's scan from its slices', in slice order: breakdown values numbered in the order the
 * slices met them (the order one pass over every user meets them), counts added, hits appended.
 */
function joinSpan(parts: readonly SpanScan[]): SpanScan {
  const [first] = parts;
  if (!first) throw new Error("trends: no slice answered");
  const nBuckets = first.intervals.length;
  const ids = new ValueIds();
  const renumber = parts.map((p) =>
    Int32Array.from(p.values, (value, v) => ids.id(p.keys[v] ?? outOfBounds(), value)),
  );
  const scans: SeriesScan[] = first.scans.map((firstScan, i) => {
    const cells: (Cells | undefined)[] = [];
    const hits: Int32Array[] | null = firstScan.hits ? [] : null;
    const single: (SingleValueUsers | undefined)[] | null = firstScan.single ? [] : null;
    parts.forEach((part, slice) => {
      const scan = part.scans[i] ?? outOfBounds();
      const map = renumber[slice] ?? outOfBounds();
      // without a breakdown there are no values, and every slice counts in cell 0
      const idOf = (v: number) => (map.length === 0 ? v : (map[v] ?? outOfBounds()));
      scan.cells.forEach((c, v) => {
        if (!c) return;
        const id = idOf(v);
        let into = cells[id];
        if (!into) {
          into = newCells(nBuckets, firstScan.fn);
          cells[id] = into;
        }
        addCells(into, c);
      });
      if (hits && scan.hits) hits.push(...renumbered(scan.hits, map));
      // a user is in one slice only: the users who met one value add up across slices
      scan.single?.forEach((counts, v) => {
        if (!counts || !single) return;
        const id = idOf(v);
        const into = single[id];
        if (into) {
          addInto(into.users, counts.users);
          addInto(into.newUsers, counts.newUsers);
        } else single[id] = { users: counts.users.slice(), newUsers: counts.newUsers.slice() };
      });
    });
    return { fn: firstScan.fn, cells, hits, single };
  });
  return { intervals: first.intervals, values: ids.values, keys: ids.keys, scans };
}

/** The scans of every slice joined, for finishTrends. */
export function joinTrendsSlices(parts: readonly TrendsScans[]): TrendsScans {
  const prevs = parts.flatMap((p) => (p.prev ? [p.prev] : []));
  return { cur: joinSpan(parts.map((p) => p.cur)), prev: prevs.length > 0 ? joinSpan(prevs) : null };
}
