import type { Range } from "../../../src-preload/contract/common.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { addDays, resolveRange } from "../../engine/calendar.ts";
import { MIN_EVENT_MS } from "../../time/bounds.ts";
import type { ChContext } from "./context.ts";
import { refuse } from "./refuse.ts";
import { inSaved } from "./saved-segment.ts";

// A segment as it would be judged on day d with only the events up to the end of d (segment flow,
// engine/segment-flow/as-of.ts: relative ranges end on d, absolute ranges keep their dates cut at
// d), rewritten as a segment that segmentSql answers over all the events: every range a condition
// reads is resolved as of d and cut at d, so no condition reads an event after d. Conditions that
// read events through a nested query (funnels, retention, paths...) cannot be cut that way: refused.

/** A day before every stored event in every timezone: imports keep times from 1970-01-01 UTC on. */
const BEFORE_EVERY_EVENT = addDays(new Date(MIN_EVENT_MS).toISOString().slice(0, 10), -1);

/** The days `range` covers as of d (all time when absent), cut at d. */
function cut(range: Range | undefined, d: string): Range {
  const span = range === undefined ? { from: BEFORE_EVERY_EVENT, to: d } : resolveRange(range, d);
  return { from: span.from, to: span.to < d ? span.to : d };
}

const ANY = { event: null };
const NESTED = ["funnel", "retention", "rfm", "propensity", "paths", "segmentFlow"];

export function segmentAsOf(ctx: ChContext, seg: Segment, day: string, field: string): Segment {
  if ("all" in seg) return { all: seg.all.map((s, i) => segmentAsOf(ctx, s, day, `${field}.all[${i}]`)) };
  if ("any" in seg) return { any: seg.any.map((s, i) => segmentAsOf(ctx, s, day, `${field}.any[${i}]`)) };
  if ("not" in seg) return { not: segmentAsOf(ctx, seg.not, day, `${field}.not`) };
  if ("attribute" in seg) return seg;
  if ("performed" in seg) return { ...seg, within: cut(seg.within, day) };
  if ("aggregate" in seg) return { ...seg, within: cut(seg.within, day) };
  // the events a sequence reads are those in its range (all time without one): cut like the others
  if ("sequence" in seg) return { ...seg, within: cut(seg.within, day) };
  // the first event up to the day is the first event, when it is up to the day
  if ("firstSeen" in seg) return { firstSeen: cut(seg.firstSeen, day) };
  if ("lastSeen" in seg) {
    // the last event up to the day lies in [from, to]: an event in [from, min(to, day)] and none
    // after `to` up to the day
    const span = resolveRange(seg.lastSeen, day);
    const seen: Segment = { performed: ANY, within: cut(seg.lastSeen, day) };
    if (span.to >= day) return seen;
    return {
      all: [
        seen,
        { performed: ANY, count: { op: "eq", value: 0 }, within: { from: addDays(span.to, 1), to: day } },
      ],
    };
  }
  if ("inSegment" in seg)
    return inSaved(ctx, seg.inSegment, (def) =>
      segmentAsOf(ctx, def, day, `${field}.inSegment(${seg.inSegment})`),
    );
  const name = NESTED.find((k) => k in seg) ?? "condition";
  return refuse(
    `${field}.${name}`,
    "judged at a date, this condition reads its own query's events, which are not cut at the date on the cluster",
  );
}
