import type { CodeEvents } from "./columns/code-events.ts";
import type { PropColumn } from "./columns/types.ts";
import type { Calendar } from "./metrics/calendar.ts";
import { checkAbort, type MetricContext } from "./metrics/context.ts";
import { DistinctKeys, RfmCollector } from "./rfm-collect.ts";
import type { RfmValues } from "./rfm-scores.ts";
import { outOfBounds } from "./typed-index.ts";

// rfm's scan when the event is a bare name: over that event's own copy of its events (code-events.ts),
// not the timeline's. Users without the event cost nothing, and no other event's code, time or
// amount is read.

export interface EventScanInput {
  ctx: MetricContext;
  cal: Calendar;
  events: CodeEvents;
  /** the monetary property's amounts of `events` (codeAmounts), null without one */
  amounts: Float64Array | null;
  /** frequency counts this property's distinct values instead of the events */
  distinct: PropColumn | null;
  members: Uint8Array | null;
  /** the slice's users [from, to): `events` is the slice's */
  from: number;
  to: number;
}

/** The raw values of the users with at least one of `events` in the calendar's range. */
export function rfmEventScan(input: EventScanInput): RfmValues {
  const { events, amounts, distinct, members, cal } = input;
  const { users, times, positions } = events;
  const lo = cal.startMs;
  const hi = cal.endMs;
  const lastDay = cal.days - 1;
  const out = new RfmCollector(input.to - input.from);
  const keys = distinct ? new DistinctKeys(distinct) : null;
  const nEvents = users.length;
  let k = 0;
  // users visited, for the cancellation check every few thousand (a user index would rarely be
  // one of its multiples: only users with the event are visited)
  let visited = 0;
  while (k < nEvents) {
    const user = users[k] ?? outOfBounds();
    checkAbort(input.ctx, visited++);
    if (members && !members[user]) {
      while (k < nEvents && users[k] === user) k++;
      continue;
    }
    let count = 0;
    let sum = 0;
    let last = 0;
    keys?.clear();
    for (; k < nEvents && users[k] === user; k++) {
      const time = times[k] ?? outOfBounds();
      if (!(time >= lo && time < hi)) continue;
      count++;
      last = time;
      if (amounts) sum += amounts[k] ?? outOfBounds();
      keys?.add(positions[k] ?? outOfBounds());
    }
    if (count === 0) continue;
    out.add(user, lastDay - cal.dayIndex(last), keys ? keys.size : count, sum);
  }
  return out.values(amounts !== null);
}
