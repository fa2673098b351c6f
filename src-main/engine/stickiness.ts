import type { StickinessQuery } from "../../src-preload/contract/queries.ts";
import type { StickinessResult } from "../../src-preload/contract/results.ts";
import { activityOf } from "./activity.ts";
import { bucketsCovering } from "./calendar.ts";
import { checkAbort, type EngineContext, rangeSpan } from "./context.ts";

// Stickiness per spec/queries.md: buckets touching the range, each read whole.

export function runStickiness(
  ctx: EngineContext,
  q: StickinessQuery,
  members: Uint8Array | null,
): StickinessResult {
  const { tl } = ctx;
  const { bounds, starts } = bucketsCovering(
    rangeSpan(ctx, q.range),
    q.interval,
    ctx.weekStart,
    ctx.timezone,
  );
  const C = starts.length;
  const begin = bounds[0] as number;
  const end = bounds[C] as number;
  // "any event" is any activity: message deliveries do not make a user active (activity.ts)
  const isActive = activityOf(ctx).predicate(q.event, q.where);
  const exact = new Array<number>(C).fill(0);
  const { times, userOffsets } = tl;
  for (let u = ctx.u0; u < ctx.u1; u++) {
    checkAbort(ctx, u);
    if (members !== null && members[u] === 0) continue;
    const b = userOffsets[u + 1] as number;
    let bk = 0;
    let last = -1;
    let days = 0;
    for (let p = userOffsets[u] as number; p < b; p++) {
      const t = times[p] as number;
      if (t < begin) continue;
      if (t >= end) break;
      while (t >= (bounds[bk + 1] as number)) bk++;
      if (bk !== last && isActive(p, u)) {
        last = bk;
        days++;
      }
    }
    if (days > 0) exact[days - 1] = (exact[days - 1] as number) + 1;
  }
  if ((q.mode ?? "exact") === "exact") return { counts: exact };
  const cum = new Array<number>(C).fill(0);
  let run = 0;
  for (let k = C - 1; k >= 0; k--) {
    run += exact[k] as number;
    cum[k] = run;
  }
  return { counts: cum };
}
