import type { Compare } from "../../../src-preload/contract/common.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { compare } from "../../engine/segment.ts";
import { noteProperty } from "../known-properties.ts";
import { num, str as strLit } from "../literal.ts";
import { type ChContext, rangeMs, withQuery } from "./context.ts";
import { filterOn, matcherSql } from "./filters.ts";
import { funnelReachSql } from "./funnel.ts";
import { stepPlan } from "./funnel-options.ts";
import { pathsConditionSql } from "./paths-condition.ts";
import { refuse } from "./refuse.ts";
import { retentionConditionSql } from "./retention.ts";
import { inSaved } from "./saved-segment.ts";
import { flowConditionSql } from "./segment-flow.ts";

// A segment as a condition on `user`, read in the context of the users table (`users FINAL`), as
// the local engine's evalSegment (engine/segment.ts): users with no events are members too. Each
// condition on events is an IN subquery; with distributed_product_mode = local every shard answers
// it on its own users, which is exact since a user's rows all sit on one shard.

export function compareSql(c: Compare, x: string): string {
  switch (c.op) {
    case "gte":
      return `${x} >= ${num(c.value)}`;
    case "gt":
      return `${x} > ${num(c.value)}`;
    case "eq":
      return `${x} = ${num(c.value)}`;
    case "lte":
      return `${x} <= ${num(c.value)}`;
    case "lt":
      return `${x} < ${num(c.value)}`;
    case "between":
      return `(${x} >= ${num(c.value[0])} AND ${x} <= ${num(c.value[1])})`;
  }
}

function timeWhere(ctx: ChContext, within: Parameters<typeof rangeMs>[1] | undefined): string {
  if (!within) return "1";
  const [a, b] = rangeMs(ctx, within);
  return `time >= ${a} AND time < ${b}`;
}

/**
 * Users whose per-user value `agg` (over events passing `where`) passes `cmp`; `none` is the value
 * of a user with no such event, so users without rows are members exactly when the local engine
 * says so.
 */
function perUser(where: string, agg: string, cmp: Compare, none: number | null): string {
  const zeroIn = none !== null && compare(cmp, none);
  const sub = `SELECT user FROM events WHERE ${where} GROUP BY user HAVING ${zeroIn ? "NOT " : ""}(${compareSql(cmp, agg)})`;
  return zeroIn ? `user NOT IN (${sub})` : `user IN (${sub})`;
}

export function segmentSql(ctx: ChContext, seg: Segment, field = "segment"): string {
  if ("all" in seg)
    return seg.all.length === 0
      ? "1"
      : `(${seg.all.map((s, i) => segmentSql(ctx, s, `${field}.all[${i}]`)).join(" AND ")})`;
  if ("any" in seg)
    return seg.any.length === 0
      ? "0"
      : `(${seg.any.map((s, i) => segmentSql(ctx, s, `${field}.any[${i}]`)).join(" OR ")})`;
  if ("not" in seg) return `NOT ${segmentSql(ctx, seg.not, `${field}.not`)}`;
  if ("performed" in seg) {
    const where = `${matcherSql(seg.performed, undefined, `${field}.performed`, ctx.timezone)} AND ${timeWhere(ctx, seg.within)}`;
    return perUser(where, "count()", seg.count ?? { op: "gte", value: 1 }, 0);
  }
  if ("attribute" in seg) return filterOn("a", seg.attribute, `${field}.attribute`);
  if ("firstSeen" in seg || "lastSeen" in seg) {
    const first = "firstSeen" in seg;
    const [fromMs, toMs] = rangeMs(ctx, first ? seg.firstSeen : seg.lastSeen);
    const seenSql = first ? "min(time)" : "max(time)";
    return `user IN (SELECT user FROM events GROUP BY user HAVING ${seenSql} >= ${fromMs} AND ${seenSql} < ${toMs})`;
  }
  if ("aggregate" in seg) {
    const where = `${matcherSql(seg.aggregate, undefined, `${field}.aggregate`, ctx.timezone)} AND ${timeWhere(ctx, seg.within)}`;
    noteProperty("event", seg.property);
    const keySlotSql = `indexOf(p_keys, ${strLit(seg.property)})`;
    const tag = `p_types[${keySlotSql}]`;
    const numSql = `p_num[${keySlotSql}]`;
    // sums in the engine's order (time, then import order), so floating-point rounding is the same
    const ordered = `arrayMap(x -> x.3, arraySort(groupArrayIf((time, seq, ${numSql}), ${tag} = 1)))`;
    const countSql = `countIf(${tag} = 1)`;
    switch (seg.fn) {
      case "sum":
        return perUser(where, `arraySum(${ordered})`, seg.compare, 0);
      case "avg":
        return perUser(
          where,
          `if(${countSql} = 0, nan, arraySum(${ordered}) / ${countSql})`,
          seg.compare,
          null,
        );
      case "min":
        return perUser(where, `if(${countSql} = 0, nan, minIf(${numSql}, ${tag} = 1))`, seg.compare, null);
      case "max":
        return perUser(where, `if(${countSql} = 0, nan, maxIf(${numSql}, ${tag} = 1))`, seg.compare, null);
      case "countDistinct":
        return perUser(
          where,
          `uniqExactIf((${tag}, if(${tag} = 2, p_str[${keySlotSql}], ''), if(${tag} = 2, 0., ${numSql} + 0.)), ${tag} != 0)`,
          seg.compare,
          0,
        );
    }
  }
  if ("sequence" in seg) {
    const reach = funnelReachSql(
      ctx,
      {
        kind: "funnel",
        steps: seg.sequence,
        window: seg.window,
        order: "ordered",
        range: seg.within ?? { last: 1, unit: "day" },
      },
      `${field}.sequence`,
      seg.within ? undefined : "all",
    );
    return `user IN (SELECT user FROM (${reach}) WHERE reach = ${seg.sequence.length})`;
  }
  if ("inSegment" in seg)
    return inSaved(ctx, seg.inSegment, (def) => segmentSql(ctx, def, `${field}.inSegment(${seg.inSegment})`));
  if ("rfm" in seg) return refuse(`${field}.rfm`, "RFM scores are ranked on the laptop");
  if ("paths" in seg) return pathsConditionSql(ctx, seg, field);
  if ("segmentFlow" in seg) return flowConditionSql(ctx, seg, field);
  if ("propensity" in seg) return refuse(`${field}.propensity`, "the model is trained on this laptop");
  if ("funnel" in seg) {
    const fctx = withQuery(ctx, seg.funnel);
    const reach = funnelReachSql(fctx, seg.funnel, `${field}.funnel`);
    // counted in step k (optional steps too); droppedAfter: and not in the next required step
    // (engine/funnel/result.ts funnelStepMembers)
    const dropped = !("reached" in seg);
    const k = "reached" in seg ? seg.reached : seg.droppedAfter;
    const plan = stepPlan(seg.funnel);
    const at = plan.required.indexOf(k);
    const opt = plan.optional.find((o) => o.k === k);
    if (at < 0 && !opt) return "0";
    const next = at >= 0 ? at + 1 : (opt?.next ?? plan.required.length);
    const cond = `st[${k + 1}] = 1${dropped ? ` AND NOT reach > ${next}` : ""}`;
    return `user IN (SELECT user FROM (${reach}) WHERE ${cond})`;
  }
  const rq = seg.retention;
  return retentionConditionSql(withQuery(ctx, rq), rq, seg.cohort, seg.returnedIn ?? 0, `${field}.retention`);
}

/** Members of an optional segment as a condition on events' `user`. */
export function membersSql(ctx: ChContext, seg: Segment | undefined): string {
  return seg === undefined ? "1" : `user IN (SELECT user FROM users FINAL WHERE ${segmentSql(ctx, seg)})`;
}
