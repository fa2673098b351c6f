import type { Compare } from "../../../../src-preload/contract/common.ts";
import type { Segment } from "../../../../src-preload/contract/segment.ts";
import { satisfies } from "./filter.ts";
import { oracleFunnel } from "./funnel.ts";
import { eventsOf, instant, type Log, matches, plusDays } from "./log.ts";

// Segment conditions the slow way (the ones the property tests generate).

function cmp(c: Compare, x: number): boolean {
  if (c.op === "between") return x >= c.value[0] && x <= c.value[1];
  return { gte: x >= c.value, gt: x > c.value, eq: x === c.value, lte: x <= c.value, lt: x < c.value }[c.op];
}

function within(
  r: { from: string; to: string } | { last: number } | undefined,
  tz: string,
): [number, number] {
  if (!r) return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  if (!("from" in r)) throw new Error("oracle takes from/to ranges");
  return [instant(r.from, tz), instant(plusDays(r.to, 1), tz)];
}

export function oracleSegment(log: Log, seg: Segment, tz: string): Set<string> {
  const ids = log.users.map((u) => u.id);
  const keep = (f: (id: string) => boolean) => new Set(ids.filter(f));
  if ("all" in seg) {
    const parts = seg.all.map((s) => oracleSegment(log, s, tz));
    return keep((id) => parts.every((p) => p.has(id)));
  }
  if ("any" in seg) {
    const parts = seg.any.map((s) => oracleSegment(log, s, tz));
    return keep((id) => parts.some((p) => p.has(id)));
  }
  if ("not" in seg) {
    const inner = oracleSegment(log, seg.not, tz);
    return keep((id) => !inner.has(id));
  }
  if ("performed" in seg) {
    const [a, b] = within(seg.within, tz);
    return keep((id) =>
      cmp(
        seg.count ?? { op: "gte", value: 1 },
        eventsOf(log, id).filter((e) => e.time >= a && e.time < b && matches(log, e, seg.performed)).length,
      ),
    );
  }
  if ("attribute" in seg)
    return keep((id) =>
      satisfies(seg.attribute, log.users.find((u) => u.id === id)?.attrs[seg.attribute.property]),
    );
  if ("firstSeen" in seg || "lastSeen" in seg) {
    const [a, b] = within("firstSeen" in seg ? seg.firstSeen : seg.lastSeen, tz);
    return keep((id) => {
      const evs = eventsOf(log, id);
      const e = "firstSeen" in seg ? evs[0] : evs[evs.length - 1];
      return e !== undefined && e.time >= a && e.time < b;
    });
  }
  if ("aggregate" in seg) {
    const [a, b] = within(seg.within, tz);
    return keep((id) => {
      const vals = eventsOf(log, id)
        .filter((e) => e.time >= a && e.time < b && matches(log, e, seg.aggregate))
        .map((e) => e.props[seg.property])
        .filter((v) => v !== undefined && v !== null);
      if (seg.fn === "countDistinct")
        return cmp(seg.compare, new Set(vals.map((v) => JSON.stringify(v))).size);
      const nums = vals.filter((v): v is number => typeof v === "number");
      if (seg.fn === "sum")
        return cmp(
          seg.compare,
          nums.reduce((x, y) => x + y, 0),
        );
      if (nums.length === 0) return false;
      const x =
        seg.fn === "avg"
          ? nums.reduce((p, q) => p + q, 0) / nums.length
          : seg.fn === "min"
            ? Math.min(...nums)
            : Math.max(...nums);
      return cmp(seg.compare, x);
    });
  }
  if ("funnel" in seg) {
    const users = oracleFunnel(log, seg.funnel, tz);
    // counted at step k; dropped: and not at the next required step (none after the last)
    const at = (id: string, k: number) => (users.get(id)?.at[k] ?? null) !== null;
    if ("reached" in seg) return keep((id) => at(id, seg.reached));
    const skip = new Set(seg.funnel.optionalSteps ?? []);
    let next = seg.droppedAfter + 1;
    while (skip.has(next)) next++;
    return keep((id) => at(id, seg.droppedAfter) && (next >= seg.funnel.steps.length || !at(id, next)));
  }
  throw new Error(`oracle does not know ${Object.keys(seg).join(",")}`);
}
