import type { Segment } from "../../../src-preload/contract/segment.ts";
import { resolveRange } from "../calendar.ts";

/**
 * Whether a segment's answer as of `day`, for users whose first event is on or before `day`, can
 * change when the events after `day` are dropped. False only for conditions that provably read
 * nothing after `day`: a performed or aggregate condition whose range ends on or before `day`
 * (every relative range does), firstSeen (the first event is on or before `day` for these users),
 * attributes, and groups of those. Anything else (lastSeen, counts over all time, funnels, RFM,
 * saved segments...) is evaluated on the cut timeline.
 */
export function needsCut(seg: Segment, day: string): boolean {
  if ("all" in seg) return seg.all.some((s) => needsCut(s, day));
  if ("any" in seg) return seg.any.some((s) => needsCut(s, day));
  if ("not" in seg) return needsCut(seg.not, day);
  if ("attribute" in seg || "firstSeen" in seg) return false;
  if ("performed" in seg || "aggregate" in seg)
    return seg.within === undefined || resolveRange(seg.within, day).to > day;
  return true;
}

/** Whether a segment's members depend only on each user's own events (no ranking across users). */
export function perUser(seg: Segment): boolean {
  if ("all" in seg) return seg.all.every(perUser);
  if ("any" in seg) return seg.any.every(perUser);
  if ("not" in seg) return perUser(seg.not);
  return (
    "attribute" in seg ||
    "firstSeen" in seg ||
    "lastSeen" in seg ||
    "performed" in seg ||
    "aggregate" in seg ||
    "sequence" in seg
  );
}
