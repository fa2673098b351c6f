import type { StickinessQuery } from "../../src-preload/contract/queries.ts";
import type { StickinessResult } from "../../src-preload/contract/results.ts";
import { activityOf } from "./activity.ts";
import { bucketsCovering } from "./calendar.ts";
import { checkAbort, type EngineContext, rangeSpan } from "./context.ts";
import { firstAtOrAfter, gallop } from "./time-search.ts";
import { outOfBounds } from "./typed-index.ts";

// Stickiness per spec/queries.md: buckets touching the range, each read whole.

export function runStickiness(
  ctx: EngineContext,
  query: StickinessQuery,
  members: Uint8Array | null,
): StickinessResult {
  const { tl } = ctx;
  const { bounds, starts } = bucketsCovering(
    rangeSpan(ctx, query.range),
    query.interval,
    ctx.weekStart,
    ctx.timezone,
  );
  const nBuckets = starts.length;
  const begin = bounds[0] ?? outOfBounds();
  const end = bounds[nBuckets] ?? outOfBounds();
  // "any event" is any activity: message deliveries do not make a user active (activity.ts)
  const isActive = activityOf(ctx).predicate(query.event, query.where);
  const exact = new Array<number>(nBuckets).fill(0);
  const { times, userOffsets } = tl;
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    const endEvent = userOffsets[user + 1] ?? outOfBounds();
    let bucket = 0;
    let last = -1;
    let days = 0;
    for (
      let pos = firstAtOrAfter(times, userOffsets[user] ?? outOfBounds(), endEvent, begin);
      pos < endEvent;
      pos++
    ) {
      const time = times[pos] ?? outOfBounds();
      if (time >= end) break;
      while (time >= (bounds[bucket + 1] ?? outOfBounds())) bucket++;
      if (bucket !== last && isActive(pos, user)) {
        last = bucket;
        days++;
        // the day or week is counted: on to the next one's first event
        pos = gallop(times, pos + 1, endEvent, bounds[bucket + 1] ?? outOfBounds()) - 1;
      }
    }
    if (days > 0) exact[days - 1] = (exact[days - 1] ?? outOfBounds()) + 1;
  }
  if ((query.mode ?? "exact") === "exact") return { counts: exact };
  const atLeast = new Array<number>(nBuckets).fill(0);
  let run = 0;
  for (let k = nBuckets - 1; k >= 0; k--) {
    run += exact[k] ?? outOfBounds();
    atLeast[k] = run;
  }
  return { counts: atLeast };
}
