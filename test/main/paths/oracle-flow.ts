import type { Range } from "../../../src-preload/contract/common.ts";
import type { SegmentFlowQuery, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { satisfies } from "../engine/oracle/filter.ts";
import {
  eventsOf,
  instant,
  type Log,
  matches,
  nextPeriod,
  periodOf,
  plusDays,
} from "../engine/oracle/log.ts";

// Segment flow as the spec reads: for each date d and each user, drop the events after the end of d,
// resolve relative ranges against d, and try the states in order. Only the conditions the property
// test generates (performed, aggregate sum/max, firstSeen, lastSeen, attribute, all, any, not).

function span(r: Range, asOf: string): [string, string] {
  if ("from" in r) return [r.from, r.to];
  if (r.unit === "day") return [plusDays(asOf, -(r.last - 1)), asOf];
  if (r.unit === "week") return [plusDays(asOf, -(7 * r.last - 1)), asOf];
  throw new Error("oracle: month ranges are not generated");
}

export function oracleMember(log: Log, id: string, seg: Segment, asOf: string, tz: string): boolean {
  const cut = instant(plusDays(asOf, 1), tz);
  const evs = eventsOf(log, id).filter((e) => e.time < cut);
  const inRange = (t: number, r: Range | undefined) => {
    if (!r) return true;
    const [a, b] = span(r, asOf);
    return t >= instant(a, tz) && t < instant(plusDays(b, 1), tz);
  };
  if ("all" in seg) return seg.all.every((s) => oracleMember(log, id, s, asOf, tz));
  if ("any" in seg) return seg.any.some((s) => oracleMember(log, id, s, asOf, tz));
  if ("not" in seg) return !oracleMember(log, id, seg.not, asOf, tz);
  if ("performed" in seg) {
    const n = evs.filter((e) => inRange(e.time, seg.within) && matches(log, e, seg.performed)).length;
    const c = seg.count ?? { op: "gte", value: 1 };
    if (c.op === "between") return n >= c.value[0] && n <= c.value[1];
    return { gte: n >= c.value, gt: n > c.value, eq: n === c.value, lte: n <= c.value, lt: n < c.value }[
      c.op
    ];
  }
  if ("aggregate" in seg) {
    const xs = evs
      .filter((e) => inRange(e.time, seg.within) && matches(log, e, seg.aggregate))
      .map((e) => e.props[seg.property])
      .filter((v): v is number => typeof v === "number");
    if (seg.fn !== "sum" && seg.fn !== "max") throw new Error("oracle: only sum and max are generated");
    if (seg.fn === "max" && xs.length === 0) return false;
    const x = seg.fn === "sum" ? xs.reduce((a, b) => a + b, 0) : Math.max(...xs);
    const c = seg.compare;
    if (c.op !== "gte") throw new Error("oracle: only gte is generated");
    return x >= c.value;
  }
  if ("attribute" in seg)
    return satisfies(seg.attribute, log.users.find((u) => u.id === id)?.attrs[seg.attribute.property]);
  if ("firstSeen" in seg) return evs[0] !== undefined && inRange(evs[0].time, seg.firstSeen);
  if ("lastSeen" in seg) {
    const e = evs[evs.length - 1];
    return e !== undefined && inRange(e.time, seg.lastSeen);
  }
  throw new Error("oracle: condition not generated");
}

export function oracleFlowDates(q: SegmentFlowQuery, asOf: string, weekStart: "monday" | "sunday"): string[] {
  if (Array.isArray(q.at)) return q.at;
  const [from, to] = span(q.at.range, asOf);
  const out: string[] = [];
  for (let p = periodOf(from, q.at.every, weekStart); p <= to; p = nextPeriod(p, q.at.every)) {
    const last = plusDays(nextPeriod(p, q.at.every), -1);
    out.push([last, to].sort()[0] as string);
  }
  return out;
}

export function oracleFlow(
  log: Log,
  q: SegmentFlowQuery,
  tz: string,
  asOf: string,
  weekStart: "monday" | "sunday" = "monday",
): SegmentFlowResult {
  const at = oracleFlowDates(q, asOf, weekStart);
  const labels = [...q.states.map((s) => s.label), "$none", "$notYet"];
  const last = at[at.length - 1] as string;
  const users = log.users.filter((u) => !q.segment || oracleMember(log, u.id, q.segment, last, tz));
  const stateOf = (id: string, d: string): number => {
    const first = eventsOf(log, id)[0];
    if (first !== undefined && first.time >= instant(plusDays(d, 1), tz)) return labels.length - 1;
    const k = q.states.findIndex((s) => oracleMember(log, id, s.segment, d, tz));
    return k === -1 ? labels.length - 2 : k;
  };
  const states = users.map((u) => at.map((d) => stateOf(u.id, d)));
  const counts = at.map((_, i) => labels.map((_, s) => states.filter((x) => x[i] === s).length));
  const transitions = at.slice(1).map((to, i) => ({
    from: at[i] as string,
    to,
    matrix: labels.map((_, x) =>
      labels.map((_, y) => states.filter((s) => s[i] === x && s[i + 1] === y).length),
    ),
  }));
  return { states: labels, at, counts, transitions };
}
