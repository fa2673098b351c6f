import type { StickinessQuery } from "../../../src-preload/contract/queries.ts";
import type { StickinessResult } from "../../../src-preload/contract/results.ts";
import { bucketsCovering } from "../../engine/calendar.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { bucketOf } from "./calendar.ts";
import { type ChContext, spanOf } from "./context.ts";
import { activitySql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql } from "./segment.ts";

export async function runStickinessOn(
  ch: ChClient,
  ctx: ChContext,
  query: StickinessQuery,
  signal?: AbortSignal,
): Promise<StickinessResult> {
  const { bounds, starts } = bucketsCovering(
    spanOf(ctx, query.range),
    query.interval,
    ctx.weekStart,
    ctx.timezone,
  );
  const bucketCount = starts.length;
  const sql = `SELECT days, count() AS c FROM (
      SELECT user, uniqExact(${bucketOf(bounds)}) AS days FROM events
      WHERE time >= ${bounds[0]} AND time < ${bounds[bucketCount]} AND ${activitySql(ctx, query.event, query.where, "event")}
        AND ${membersSql(ctx, query.segment)}
      GROUP BY user) GROUP BY days`;
  const rows = await ch.rows<{ days: number; c: number }>(sql, PER_USER, signal);
  const exact = new Array<number>(bucketCount).fill(0);
  for (const row of rows)
    if (row.days >= 1 && row.days <= bucketCount)
      exact[row.days - 1] = (exact[row.days - 1] ?? outOfBounds()) + row.c;
  if ((query.mode ?? "exact") === "exact") return { counts: exact };
  const cum = new Array<number>(bucketCount).fill(0);
  let run = 0;
  for (let k = bucketCount - 1; k >= 0; k--) {
    run += exact[k] ?? outOfBounds();
    cum[k] = run;
  }
  return { counts: cum };
}
