import type { LifecycleQuery } from "../../src-preload/contract/queries.ts";
import type { LifecycleResult } from "../../src-preload/contract/results.ts";
import { activityOf } from "./activity.ts";
import { addBuckets, bucketIndex, bucketSeries, bucketStart } from "./calendar.ts";
import { checkAbort, type EngineContext, type QueryClock, rangeSpan } from "./context.ts";
import { firstAtOrAfter, gallop } from "./time-search.ts";
import { outOfBounds } from "./typed-index.ts";

// Lifecycle per spec/queries.md. Buckets are the periods overlapping the range plus the one before
// (bucket 0 here), whose activity decides returning / resurrecting / dormant in the first period.

/**
 * The C periods overlapping the range as buckets 1..C, plus bucket 0 (the period before): their
 * starts and C + 2 instant bounds in the query's timezone. The ClickHouse compiler uses the same.
 */
export function lifecyclePeriods(
  ctx: QueryClock,
  q: Pick<LifecycleQuery, "range" | "interval">,
): { C: number; starts: string[]; bounds: Float64Array } {
  const span = rangeSpan(ctx, q.range);
  const firstStart = bucketStart(span.from, q.interval, ctx.weekStart);
  const lastStart = bucketStart(span.to, q.interval, ctx.weekStart);
  let C = 1;
  while (addBuckets(firstStart, q.interval, C) <= lastStart) C++;
  const { starts, bounds } = bucketSeries(
    addBuckets(firstStart, q.interval, -1),
    C + 1,
    q.interval,
    ctx.timezone,
  );
  return { C, starts, bounds };
}

export function runLifecycle(
  ctx: EngineContext,
  query: LifecycleQuery,
  members: Uint8Array | null,
): LifecycleResult {
  const { tl } = ctx;
  const { C, starts, bounds } = lifecyclePeriods(ctx, query);
  const begin = bounds[0] ?? outOfBounds();
  const end = bounds[C + 1] ?? outOfBounds();
  // "any event" is any activity: message deliveries do not make a user active (activity.ts)
  const isActive = activityOf(ctx).predicate(query.event, query.where);
  const active = new Int32Array(C + 1);
  const neu = new Array<number>(C + 1).fill(0);
  const returning = new Array<number>(C + 1).fill(0);
  const resurrecting = new Array<number>(C + 1).fill(0);
  const dormant = new Array<number>(C + 1).fill(0);
  const { times, userOffsets, createdAt } = tl;
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    const firstEvent = userOffsets[user] ?? outOfBounds();
    const endEvent = userOffsets[user + 1] ?? outOfBounds();
    if (firstEvent === endEvent) continue;
    const stamp = user + 1;
    let any = false;
    let bucket = 0;
    for (let pos = firstAtOrAfter(times, firstEvent, endEvent, begin); pos < endEvent; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= end) break;
      while (time >= (bounds[bucket + 1] ?? outOfBounds())) bucket++;
      if (active[bucket] !== stamp && isActive(pos, user)) {
        active[bucket] = stamp;
        any = true;
        // the period is counted: the rest of its events change nothing, so on to the next one's first
        pos = gallop(times, pos + 1, endEvent, bounds[bucket + 1] ?? outOfBounds()) - 1;
      }
    }
    if (!any) continue;
    const createdTime = createdAt[user] ?? outOfBounds();
    const created = bucketIndex(
      bounds,
      Number.isNaN(createdTime) ? (times[firstEvent] ?? outOfBounds()) : createdTime,
    );
    for (let k = 1; k <= C; k++) {
      const now = active[k] === stamp;
      const before = active[k - 1] === stamp;
      if (now) {
        if (created === k) neu[k] = (neu[k] ?? outOfBounds()) + 1;
        else if (before) returning[k] = (returning[k] ?? outOfBounds()) + 1;
        else resurrecting[k] = (resurrecting[k] ?? outOfBounds()) + 1;
      } else if (before) dormant[k] = (dormant[k] ?? outOfBounds()) - 1;
    }
  }
  const periods = [];
  for (let k = 1; k <= C; k++) {
    periods.push({
      start: starts[k] ?? outOfBounds(),
      new: neu[k] ?? outOfBounds(),
      returning: returning[k] ?? outOfBounds(),
      resurrecting: resurrecting[k] ?? outOfBounds(),
      dormant: dormant[k] ?? outOfBounds(),
    });
  }
  return { periods };
}
