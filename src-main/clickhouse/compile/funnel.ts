import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import { durationMs } from "../../engine/calendar.ts";
import { DEFAULT_WINDOW } from "../../engine/funnel/plan.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import { noteProperty } from "../known-properties.ts";
import { str } from "../literal.ts";
import { type ChContext, rangeMs } from "./context.ts";
import { eventFilters, matcherSql } from "./filters.ts";
import {
  exclusionTimes,
  heldSql,
  optionalIndexSql,
  orderedAvoidingSql,
  type StepPlan,
  stepPlan,
  strictKeptSql,
} from "./funnel-options.ts";
import { refuse } from "./refuse.ts";
import { membersSql } from "./segment.ts";

// Funnels per spec/queries.md as arrays and lambdas over each user's events (windowFunnel counts
// whole seconds, has no modes on 18.16 and does not follow the same-instant rule). One row per
// user: the steps their counted attempt filled (`reach`) and its seconds between steps (`d`).
// The steps are unrolled at compile time, so a funnel of n steps is n nested lambdas.

export const MAX_UNROLLED_STEPS = 20;

/** A bit per matcher (bit x for the x-th), each matcher named for a refusal by its own index. */
function bitsSql(ms: readonly { m: EventMatcher; k: number }[], tz: string, field: string, sub = ""): string {
  if (ms.length === 0) return "0";
  return ms
    .map(
      ({ m, k }, x) =>
        `if(${matcherSql(m, undefined, `${field}[${k}]${sub ? `.${sub}` : ""}`, tz)}, ${2 ** x}, 0)`,
    )
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
  let most = args[0] ?? outOfBounds();
  for (const a of args.slice(1)) most = `greatest(${most}, ${a})`;
  const rank = `arrayMap((${args.join(", ")}) -> ${n} - ${most}, ${defs.join(", ")})`;
  const picks = `arrayFilter((i, r, pr) -> r > pr, ix, R, arrayPushFront(arrayPopBack(R), 0))`;
  return `arrayMap(D -> arrayMap(R -> ${picks}, [${rank}])[1], [ts[s] + ${W}])[1]`;
}

/** Per query step k (1-based arrays over the query's steps): in the step, and seconds from the previous one. */
function stepColumns(plan: StepPlan, n: number): { st: string; dq: string } {
  const st: string[] = [];
  const dq: string[] = [];
  const oi = (k: number) => `oi${k}`;
  for (let k = 0; k < n; k++) {
    const j = plan.required.indexOf(k);
    if (j >= 0) {
      st.push(`toUInt8(reach > ${j})`);
      dq.push(j === 0 ? "0." : `if(reach > ${j}, (ts[best[${j + 1}]] - ts[best[${j}]]) / 1000, 0.)`);
    } else {
      const o = plan.optional.find((x) => x.k === k) as StepPlan["optional"][number];
      st.push(`toUInt8(${oi(k)} > 0)`);
      dq.push(`if(${oi(k)} > 0, (ts[${oi(k)}] - ts[best[${o.prev + 1}]]) / 1000, 0.)`);
    }
  }
  return { st: `[${st.join(", ")}]`, dq: `[${dq.join(", ")}]` };
}

/**
 * One row per user who entered: `user`, `reach` (required steps filled, 1..), `st` and `dq` (per
 * query step: counted there, seconds from the previous step; optional steps included) and `t0`
 * (the counted attempt's first-step instant). `bounds` "all" reads all time (a sequence condition
 * without `within`).
 */
export function funnelReachSql(ctx: ChContext, query: FunnelQuery, field: string, bounds?: "all"): string {
  const plan = stepPlan(query);
  const requiredCount = plan.required.length;
  const order = query.order ?? "ordered";
  if (order === "unordered" && requiredCount > MAX_UNORDERED_STEPS)
    refuse(`${field}.steps`, `unordered funnels of more than ${MAX_UNORDERED_STEPS} steps`);
  if (order === "unordered" && plan.exclusions.length > 0)
    refuse(
      `${field}.exclusions`,
      "an unordered funnel's exclusions are searched on this laptop with a budget the cluster cannot follow",
    );
  if (requiredCount > MAX_UNROLLED_STEPS) refuse(`${field}.steps`, `more than ${MAX_UNROLLED_STEPS} steps`);
  const windowMs = durationMs(query.window ?? DEFAULT_WINDOW);
  if (!Number.isSafeInteger(windowMs)) refuse(`${field}.window`, "a window of a fraction of a millisecond");
  const time =
    bounds === "all"
      ? "1"
      : (() => {
          const [a, b] = rangeMs(ctx, query.range);
          return `time >= ${a} AND time < ${b}`;
        })();
  const reqSteps = plan.required.map((k) => ({ m: query.steps[k] ?? outOfBounds(), k }));
  const mask = bitsSql(reqSteps, ctx.timezone, `${field}.steps`);
  const optMask = bitsSql(
    plan.optional.map((o) => ({ m: query.steps[o.k] ?? outOfBounds(), k: o.k })),
    ctx.timezone,
    `${field}.steps`,
  );
  const exMask = bitsSql(
    (query.exclusions ?? []).map((e, x) => ({ m: e.event, k: x })),
    ctx.timezone,
    `${field}.exclusions`,
    "event",
  );
  const where = eventFilters(query.where, `${field}.where`, ctx.timezone);
  const keep = order === "strict" ? "1" : `(${mask}) != 0 OR (${optMask}) != 0 OR (${exMask}) != 0`;
  const hold = query.holdConstant ?? [];
  const exclusions = plan.exclusions.length > 0;
  const basePath =
    order === "strict"
      ? strictPath(requiredCount, windowMs)
      : order === "unordered"
        ? unorderedPath(requiredCount, windowMs)
        : orderedPath(requiredCount, windowMs);
  const path = !exclusions
    ? basePath
    : order === "strict"
      ? `arrayMap(p -> if(${strictKeptSql(plan, requiredCount, windowMs)}, p, arraySlice(p, 1, 0)), [${basePath}])[1]`
      : orderedAvoidingSql(plan, requiredCount, windowMs, `length(${basePath})`);
  // unordered: one start per instant, the first event there that fills a step (the local engine
  // skips the others)
  const starts =
    order === "unordered"
      ? "arrayFilter(i -> mk[i] != 0 AND arrayFirstIndex((t, m) -> t = ts[i] AND m != 0, ts, mk) = i, ix)"
      : "arrayFilter(i -> bitAnd(mk[i], 1) != 0, ix)";
  const bestOf = `arraySort(x -> (-length(x), x[1]), arrayMap(s -> ${path}, ${starts}))[1]`;
  // holdConstant: each value's events form a funnel of their own (the others fill no step); the
  // furthest-reaching one counts, then the earliest start (scanner.ts held())
  const best =
    hold.length === 0
      ? bestOf
      : `arraySort(x -> (-length(x), x[1]), arrayMap(g -> arrayMap(mk -> ${bestOf}, [arrayMap((m, h) -> if(h = g, m, toUInt32(0)), mk0, hv)])[1],
           arrayReduce('groupUniqArray', arrayFilter((h, m) -> m != 0, hv, mk0))))[1]`;
  // the breakdown value (event scope): the property of the step event the attribution names; a user
  // attribute is joined later (funnel-result.ts)
  const bd = query.breakdown;
  let bdIn = ", toUInt8(0), toFloat64(0), ''";
  let bdValue = "(toUInt8(0), toFloat64(0), '')";
  if (bd && bd.scope !== "user") {
    noteProperty("event", bd.property);
    const keySlotSql = `indexOf(p_keys, ${str(bd.property)})`;
    bdIn = `, p_types[${keySlotSql}], p_num[${keySlotSql}], p_str[${keySlotSql}]`;
    const att = bd.attribution ?? "firstTouch";
    const j = typeof att === "object" ? plan.required.indexOf(att.step) : 0;
    const at =
      att === "firstTouch"
        ? "best[1]"
        : att === "lastTouch"
          ? "best[length(best)]"
          : `if(length(best) > ${j}, best[${j + 1}], 0)`;
    bdValue = `bx[${at}]`;
  }
  const cols = stepColumns(plan, query.steps.length);
  // Every array is bound once as a lambda's argument (arrayMap(x -> ..., [value])[1]), never read
  // through an alias: 18.16 expands an alias wherever it is read, and the paths read the arrays
  // and the attempt dozens of times ("AST is too big"). Optional steps' events, then the row.
  const oiNames = plan.optional.map((o) => `oi${o.k}`);
  const row = `(reach, ${cols.st}, ${cols.dq}, ts[best[1]], ${bdValue})`;
  const withOptional =
    oiNames.length === 0
      ? row
      : `arrayMap((${oiNames.join(", ")}) -> ${row}, ${plan.optional
          .map((o, x) => `[${optionalIndexSql(o, 2 ** x, windowMs, hold.length > 0)}]`)
          .join(", ")})[1]`;
  const perAttempt = `arrayMap(best -> arrayMap(reach -> ${withOptional}, [length(best)])[1], [${best}])[1]`;
  const xNames = plan.exclusions.map((_, x) => `xt${x}`);
  const withExclusions =
    xNames.length === 0
      ? perAttempt
      : `arrayMap((${xNames.join(", ")}) -> ${perAttempt}, ${exclusionTimes(plan)
          .map((x) => `[${x}]`)
          .join(", ")})[1]`;
  const arrays = ["ts", "nm", hold.length === 0 ? "mk" : "mk0", "om", "xm", "hv", "bx"];
  const values = [
    "arrayMap(e -> e.1, evs)",
    "arrayMap(e -> e.3, evs)",
    "arrayMap(e -> e.4, evs)",
    "arrayMap(e -> e.5, evs)",
    "arrayMap(e -> e.6, evs)",
    "arrayMap(e -> e.7, evs)",
    "arrayMap(e -> (e.8, e.9, e.10), evs)",
  ];
  const res = `arrayMap((${arrays.join(", ")}) -> arrayMap(ix -> ${withExclusions}, [arrayEnumerate(ts)])[1], ${values
    .map((v) => `[${v}]`)
    .join(", ")})[1]`;
  const bdCols = bd && bd.scope !== "user" ? ", res.5.1 AS bt, res.5.2 AS bn, res.5.3 AS bs" : "";
  return `SELECT user, res.1 AS reach, res.2 AS st, res.3 AS dq, res.4 AS t0${bdCols} FROM (
      SELECT user, arraySort(e -> (e.1, e.2), groupArray((time, seq, event, toUInt32(${mask}), toUInt32(${optMask}),
          toUInt32(${exMask}), ${heldSql(hold)}${bdIn}))) AS evs,
        ${res} AS res
      FROM events
      WHERE ${time} AND ${where} AND ${membersSql(ctx, query.segment)} AND (${keep})
      GROUP BY user
    ) WHERE reach > 0`;
}
