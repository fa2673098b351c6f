import type { LifecycleQuery } from "../../../src-preload/contract/queries.ts";
import type { LifecycleResult } from "../../../src-preload/contract/results.ts";
import { lifecyclePeriods } from "../../engine/lifecycle.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { bucketOf } from "./calendar.ts";
import type { ChContext } from "./context.ts";
import { createdBucketSql } from "./created-bucket.ts";
import { activitySql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql } from "./segment.ts";

// Lifecycle as engine/lifecycle.ts: buckets 1..C are the periods, bucket 0 the one before. A user's
// creation is users.created_at when imported, else their first event of any kind.

export async function runLifecycleOn(
  ch: ChClient,
  ctx: ChContext,
  query: LifecycleQuery,
  signal?: AbortSignal,
): Promise<LifecycleResult> {
  const { C, starts, bounds } = lifecyclePeriods(ctx, query);
  const begin = bounds[0] ?? outOfBounds();
  const end = bounds[C + 1] ?? outOfBounds();
  const active = `${activitySql(ctx, query.event, query.where, "event")} AND time >= ${begin} AND time < ${end}`;
  // created_at through IN sets, not a JOIN: 18.16 plans a JOIN of a distributed GROUP BY wrongly
  // ("Not found column has_created")
  const cb = createdBucketSql(bounds, "first");
  const ks = `[${Array.from({ length: C }, (_, i) => i + 1).join(",")}]`;
  // the per-period flags are made beside the arrays (18.16 loses columns an outer lambda reads)
  const sql = `SELECT sumForEach(neu) AS neu, sumForEach(ret) AS ret, sumForEach(res) AS res, sumForEach(dor) AS dor
    FROM (
      SELECT user, groupUniqArrayIf(${bucketOf(bounds)}, ${active}) AS act, min(time) AS first,
        ${cb} AS cb,
        arrayMap(k -> toUInt64(has(act, k) AND cb = k), ${ks}) AS neu,
        arrayMap(k -> toUInt64(has(act, k) AND cb != k AND has(act, k - 1)), ${ks}) AS ret,
        arrayMap(k -> toUInt64(has(act, k) AND cb != k AND NOT has(act, k - 1)), ${ks}) AS res,
        arrayMap(k -> toUInt64(NOT has(act, k) AND has(act, k - 1)), ${ks}) AS dor
      FROM events
      WHERE ${membersSql(ctx, query.segment)}
      GROUP BY user
      HAVING length(act) > 0)`;
  const [row] = await ch.rows<{ neu: number[]; ret: number[]; res: number[]; dor: number[] }>(
    sql,
    PER_USER,
    signal,
  );
  const at = (a: number[] | undefined, k: number) => a?.[k - 1] ?? 0;
  const periods = [];
  for (let k = 1; k <= C; k++) {
    periods.push({
      start: starts[k] ?? outOfBounds(),
      new: at(row?.neu, k),
      returning: at(row?.ret, k),
      resurrecting: at(row?.res, k),
      dormant: 0 - at(row?.dor, k),
    });
  }
  return { periods };
}
