import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import { durationMs } from "../../engine/calendar.ts";
import { noteProperty } from "../known-properties.ts";
import { str } from "../literal.ts";
import { type ChContext, rangeMs } from "./context.ts";
import { eventFilters, matcherSql } from "./filters.ts";
import { refuse } from "./refuse.ts";
import { membersSql } from "./segment.ts";

// Funnels per spec/queries.md as arrays and lambdas over each user's events (windowFunnel counts
// whole seconds, has no modes on 18.16 and does not follow the same-instant rule). One row per
// user: the steps their counted attempt filled (`reach`) and its seconds between steps (`d`).
// The steps are unrolled at compile time, so a funnel of n steps is n nested lambdas.

const DEFAULT_WINDOW = { value: 14, unit: "day" } as const;
export const MAX_UNROLLED_STEPS = 20;

function stepMask(q: FunnelQuery, field: string): string {
  return q.steps
    .map((m, k) => `if(${matcherSql(m, undefined, `${field}.steps[${k}]`)}, ${2 ** k}, 0)`)
    .join(" + ");
}

/** The ordered funnel's path from start index s (1-based) as an array of event indexes. */
function orderedPath(n: number, W: number): string {
  let p = "[s]";
  for (let k = 1; k < n; k++) {
    const bit = 2 ** k;
    const next =
      `arrayFirstIndex((t, c, m, j) -> NOT has(p, j) AND bitAnd(m, ${bit}) != 0 AND t <= ts[p[1]] + ${W} ` +
      `AND (t > ts[p[-1]] OR (t = ts[p[-1]] AND c != nm[p[-1]])), ts, nm, mk, ix)`;
    p = `arrayMap(p -> if(length(p) < ${k}, p, arrayMap(x -> if(x = 0, p, arrayPushBack(p, x)), [${next}])[1]), [${p}])[1]`;
  }
  return p;
}

/** The strict funnel's path from s: consecutive events, a repeat of the same event at the same instant breaks it. */
function strictPath(n: number, W: number): string {
  const ok = (j: number) =>
    `(bitAnd(mk[s + ${j}], ${2 ** j}) != 0 AND ts[s + ${j}] <= ts[s] + ${W} AND ` +
    `NOT (ts[s + ${j}] = ts[s + ${j - 1}] AND nm[s + ${j}] = nm[s + ${j - 1}]) AND s + ${j} <= length(ts))`;
  // the path as indexes, 0 where the chain broke (range() over a computed length misreads its
  // argument inside a lambda on 18.16, so the path is spelled out)
  const idx: string[] = ["toUInt32(s)"];
  for (let k = 1; k < n; k++) {
    const all: string[] = [];
    for (let j = 1; j <= k; j++) all.push(ok(j));
    idx.push(`if(${all.join(" AND ")}, toUInt32(s + ${k}), toUInt32(0))`);
  }
  return `arrayFilter(x -> x > 0, [${idx.join(", ")}])`;
}

export const MAX_UNORDERED_STEPS = 6;

/**
 * The unordered funnel's picked events from start s, as the local engine's augmenting-path scan
 * picks them: scanning the window's events in order, an event is taken exactly when it raises the
 * size of the largest matching of events to steps (a greedy basis of a transversal matroid). That
 * size for the events s..i is, by Hall's theorem, n - max over step sets S of (|S| - |events in
 * s..i that can fill a step of S|), which running sums per S give for every i at once.
 */
function unorderedPath(n: number, W: number): string {
  // arrays reach the lambdas as arguments, never as captures: a captured array is copied for every
  // element the lambda runs over, which blew the memory limit
  const defs: string[] = [];
  for (let S = 0; S < 2 ** n; S++) {
    const pop = S.toString(2).replace(/0/g, "").length;
    defs.push(
      `arrayMap(c -> ${pop} - c, arrayCumSum(arrayMap((m, j, t) -> toInt32(j >= s AND t <= D AND bitAnd(m, ${S}) != 0), mk, ix, ts)))`,
    );
  }
  const args = defs.map((_, k) => `d${k}`);
  let most = args[0] as string;
  for (const a of args.slice(1)) most = `greatest(${most}, ${a})`;
  const rank = `arrayMap((${args.join(", ")}) -> ${n} - ${most}, ${defs.join(", ")})`;
  const picks = `arrayFilter((i, r, pr) -> r > pr, ix, R, arrayPushFront(arrayPopBack(R), 0))`;
  return `arrayMap(D -> arrayMap(R -> ${picks}, [${rank}])[1], [ts[s] + ${W}])[1]`;
}

/**
 * One row per user who entered: `user`, `reach` (steps filled, 1..n) and `d` (seconds from each
 * step to the next, reach - 1 of them). `bounds` "all" reads all time (a sequence condition
 * without `within`).
 */
export function funnelReachSql(ctx: ChContext, q: FunnelQuery, field: string, bounds?: "all"): string {
  const n = q.steps.length;
  const order = q.order ?? "ordered";
  if (order === "unordered" && n > MAX_UNORDERED_STEPS)
    refuse(`${field}.steps`, `unordered funnels of more than ${MAX_UNORDERED_STEPS} steps`);
  if ((q.exclusions ?? []).length > 0)
    refuse(`${field}.exclusions`, "funnel exclusions are not compiled yet");
  if (q.holdConstant !== undefined)
    refuse(`${field}.holdConstant`, "holding a property constant is not compiled yet");
  if (q.optionalSteps !== undefined) refuse(`${field}.optionalSteps`, "optional steps are not compiled yet");
  if (n > MAX_UNROLLED_STEPS) refuse(`${field}.steps`, `more than ${MAX_UNROLLED_STEPS} steps`);
  const W = durationMs(q.window ?? DEFAULT_WINDOW);
  if (!Number.isSafeInteger(W)) refuse(`${field}.window`, "a window of a fraction of a millisecond");
  const time =
    bounds === "all"
      ? "1"
      : (() => {
          const [a, b] = rangeMs(ctx, q.range);
          return `time >= ${a} AND time < ${b}`;
        })();
  const mask = stepMask(q, field);
  const where = eventFilters(q.where, `${field}.where`);
  const keep = order === "strict" ? "1" : `(${mask}) != 0`;
  const path =
    order === "strict" ? strictPath(n, W) : order === "unordered" ? unorderedPath(n, W) : orderedPath(n, W);
  // unordered: one start per instant, the first event there (the local engine skips the others)
  const starts =
    order === "unordered"
      ? "arrayFilter(i -> i = 1 OR ts[i] != ts[i - 1], ix)"
      : "arrayFilter(i -> bitAnd(mk[i], 1) != 0, ix)";
  // the breakdown value (event scope): the property of the step event the attribution names; a user
  // attribute is joined later (funnel-result.ts)
  const bd = q.breakdown;
  let bdIn = "";
  let bdOut = "";
  if (bd && bd.scope !== "user") {
    noteProperty("event", bd.property);
    const i = `indexOf(p_keys, ${str(bd.property)})`;
    bdIn = `, p_types[${i}], p_num[${i}], p_str[${i}]`;
    const att = bd.attribution ?? "firstTouch";
    const at =
      att === "firstTouch"
        ? "best[1]"
        : att === "lastTouch"
          ? "best[length(best)]"
          : `if(length(best) > ${att.step}, best[${att.step + 1}], 0)`;
    bdOut = `, arrayMap(e -> e.5, evs)[${at}] AS bt, arrayMap(e -> e.6, evs)[${at}] AS bn, arrayMap(e -> e.7, evs)[${at}] AS bs`;
  }
  // reach and d are computed at the level of the arrays: 18.16 drops a subquery's columns that an
  // outer query only reads inside a lambda ("Unknown identifier")
  return `SELECT user, reach, d${bdOut ? ", bt, bn, bs" : ""} FROM (
      SELECT user, arraySort(groupArray((time, seq, event, toUInt32(${mask})${bdIn}))) AS evs,
        arrayMap(e -> e.1, evs) AS ts, arrayMap(e -> e.3, evs) AS nm, arrayMap(e -> e.4, evs) AS mk,
        arrayEnumerate(evs) AS ix,
        arraySort(x -> (-length(x), x[1]), arrayMap(s -> ${path}, ${starts}))[1] AS best,
        length(best) AS reach,
        arrayMap(k -> (ts[best[k + 1]] - ts[best[k]]) / 1000, arrayPopBack(arrayEnumerate(best))) AS d${bdOut}
      FROM events
      WHERE ${time} AND ${where} AND ${membersSql(ctx, q.segment)} AND ${keep}
      GROUP BY user
    ) WHERE reach > 0`;
}
