import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type {
  FunnelBreakdownRow,
  FunnelResult,
  FunnelStepResult,
} from "../../../src-preload/contract/results.ts";
import { bucketsCovering, durationMs } from "../../engine/calendar.ts";
import { DEFAULT_BREAKDOWN_LIMIT, previousRequired } from "../../engine/funnel/result.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { noteProperty } from "../known-properties.ts";
import { num, str } from "../literal.ts";
import { bucketOf } from "./calendar.ts";
import { type ChContext, spanOf } from "./context.ts";
import { refuseComputedAttribute } from "./filters.ts";
import { funnelReachSql } from "./funnel.ts";
import { PER_USER } from "./per-user.ts";
import { refuse } from "./refuse.ts";

// The funnel's figures from the per-user rows, aggregated on the server: counts per step, the
// exact median (mean of the two middle values: quantileExact takes the upper one), the mean summed
// in the local engine's order (so floating-point rounding is the same), the time-to-convert
// histogram, and the breakdown ranked as engine/funnel/result.ts ranks it.

const EDGES = [
  10, 30, 60, 300, 600, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 172_800, 259_200, 604_800, 1_209_600,
];
/** breakdown values past the top ones are merged; their ranks are written into the SQL */
const MAX_BREAKDOWN_VALUES = 5000;

type Row = Record<string, number>;
type Value = string | number | boolean | null;

/**
 * Per query step k: users (c), median (med) and sum of seconds from the previous step, summed in
 * `order` (per-user rows carry `st`, in the step, and `dq`, seconds, per query step).
 */
function statCols(n: number, order: string): string[] {
  const cols: string[] = [];
  for (let k = 0; k < n; k++) cols.push(`countIf(st[${k + 1}] = 1) AS c${k}`);
  for (let k = 1; k < n; k++) {
    const s = `s${k}`;
    const half = `intDiv(length(${s}), 2)`;
    const inK = `st[${k + 1}] = 1`;
    cols.push(`arraySort(groupArrayIf(dq[${k + 1}], ${inK})) AS ${s}`);
    cols.push(
      `if(length(${s}) = 0, 0, if(length(${s}) % 2 = 1, ${s}[${half} + 1], (${s}[${half}] + ${s}[${half} + 1]) / 2)) AS med${k}`,
    );
    cols.push(
      `arraySum(arrayMap(x -> x.2, arraySort(groupArrayIf((tuple(${order}), dq[${k + 1}]), ${inK})))) AS sum${k}`,
    );
  }
  return cols;
}

/** `prevOf[k]`: the required step step k's conversion from previous is measured against. */
function stepsOf(r: Row, n: number, prevOf: readonly number[]): FunnelStepResult[] {
  const count = (k: number) => r[`c${k}`] ?? 0;
  const first = count(0);
  return Array.from({ length: n }, (_, k) => {
    const c = count(k);
    const prev = k === 0 ? c : count(prevOf[k] ?? outOfBounds());
    return {
      count: c,
      conversionFromStart: first === 0 ? 0 : c / first,
      conversionFromPrevious: prev === 0 ? 0 : c / prev,
      medianSecondsFromPrevious: k === 0 || c === 0 ? null : (r[`med${k}`] ?? null),
      avgSecondsFromPrevious: k === 0 || c === 0 ? null : (r[`sum${k}`] ?? 0) / c,
    };
  });
}

function decodedValue(t: number, x: number, s: string): Value {
  return t === 1 ? x : t === 2 ? s : t === 3 ? x === 1 : null;
}

/** The (type, number, string) tuple a value is stored as, as a literal. */
function tupleOf(v: Value): string {
  if (v === null) return "(toUInt8(0), toFloat64(0), '')";
  if (typeof v === "number") return `(toUInt8(1), toFloat64(${num(v)}), '')`;
  if (typeof v === "string") return `(toUInt8(2), toFloat64(0), ${str(v)})`;
  return `(toUInt8(3), toFloat64(${v ? 1 : 0}), '')`;
}

async function breakdown(
  ch: ChClient,
  perUser: string,
  query: FunnelQuery,
  signal?: AbortSignal,
): Promise<FunnelBreakdownRow[]> {
  const stepCount = query.steps.length;
  const last = stepCount - 1;
  const prevOf = previousRequired(query);
  const counts = Array.from({ length: stepCount }, (_, k) => `countIf(st[${k + 1}] = 1) AS c${k}`);
  const groups = (
    await ch.rows<Row & { bt: number; bn: number; bs: string; first: number }>(
      `SELECT bt, bn, bs, min(user) AS first, ${counts.join(", ")} FROM (${perUser}) GROUP BY bt, bn, bs`,
      PER_USER,
      signal,
    )
  ).map((g) => ({
    value: decodedValue(g.bt, g.bn, g.bs),
    first: g.first,
    entered: g.c0 ?? 0,
    converted: g[`c${last}`] ?? 0,
  }));
  if (groups.length > MAX_BREAKDOWN_VALUES)
    refuse("breakdown", `more than ${MAX_BREAKDOWN_VALUES} distinct values`);
  // the local engine's groups are in order of their first user, then sorted (stably) by this
  groups.sort((a, b) => a.first - b.first);
  groups.sort(
    (a, b) =>
      b.entered - a.entered || b.converted - a.converted || String(a.value).localeCompare(String(b.value)),
  );
  const limit = query.breakdown?.limit ?? DEFAULT_BREAKDOWN_LIMIT;
  const top = groups.slice(0, limit);
  const rest = groups.slice(limit);
  if (groups.length === 0) return [];
  const topArr = `[${top.map((g) => tupleOf(g.value)).join(", ")}]`;
  const restArr = `[${rest.map((g) => tupleOf(g.value)).join(", ")}]`;
  // "other" concatenates the rest in rank order, each in user order: its sums follow that order
  const sql = `SELECT g, ${statCols(stepCount, "rr, user").join(",\n")}
    FROM (SELECT *, indexOf(${topArr}, (bt, bn, bs)) AS g,
            ${rest.length === 0 ? "0" : `indexOf(${restArr}, (bt, bn, bs))`} AS rr FROM (${perUser}))
    GROUP BY g`;
  const rows = await ch.rows<Row & { g: number }>(sql, PER_USER, signal);
  const byG = new Map(rows.map((r) => [r.g, r]));
  const out: FunnelBreakdownRow[] = top.map((g, i) => ({
    value: g.value,
    steps: stepsOf(byG.get(i + 1) ?? {}, stepCount, prevOf),
  }));
  if (rest.length > 0)
    out.push({ value: null, other: true, steps: stepsOf(byG.get(0) ?? {}, stepCount, prevOf) });
  return out;
}

/**
 * Users entering per day or week of their counted attempt's first step, and those of them
 * completing it (engine/funnel/result.ts); the buckets are the local engine's, as instants.
 */
async function overTime(
  ch: ChClient,
  ctx: ChContext,
  q: FunnelQuery,
  perUser: string,
  signal?: AbortSignal,
): Promise<NonNullable<FunnelResult["overTime"]>> {
  const interval = q.conversionOverTime ?? "day";
  const { starts, bounds } = bucketsCovering(spanOf(ctx, q.range), interval, ctx.weekStart, ctx.timezone);
  const nReq = q.steps.length - (q.optionalSteps ?? []).length;
  const rows = await ch.rows<{ b: number; e: number; c: number }>(
    `SELECT ${bucketOf(bounds, "t0")} AS b, count() AS e, countIf(reach = ${nReq}) AS c FROM (${perUser}) GROUP BY b`,
    PER_USER,
    signal,
  );
  const byB = new Map(rows.map((x) => [x.b, x]));
  return starts.map((start, i) => {
    const entered = byB.get(i)?.e ?? 0;
    const converted = byB.get(i)?.c ?? 0;
    return { start, entered, converted, conversion: entered === 0 ? null : converted / entered };
  });
}

export async function runFunnelOn(
  ch: ChClient,
  ctx: ChContext,
  query: FunnelQuery,
  signal?: AbortSignal,
): Promise<FunnelResult> {
  const stepCount = query.steps.length;
  const windowSeconds = durationMs(query.window ?? { value: 14, unit: "day" }) / 1000;
  const buckets = [...EDGES.filter((e) => e < windowSeconds), windowSeconds];
  const perUser = funnelReachSql(ctx, query, "query");
  const cols = statCols(stepCount, "user");
  for (let k = 1; k < stepCount; k++) {
    buckets.forEach((e, b) => {
      const lo = b === 0 ? "1" : `dq[${k + 1}] > ${buckets[b - 1]}`;
      const hi = b === buckets.length - 1 ? "1" : `dq[${k + 1}] <= ${e}`;
      cols.push(`countIf(st[${k + 1}] = 1 AND ${lo} AND ${hi}) AS h${k}_${b}`);
    });
  }
  const [row] = await ch.rows<Row>(`SELECT ${cols.join(",\n")} FROM (${perUser})`, PER_USER, signal);
  const stats = row ?? {};
  const counts = Array.from({ length: stepCount }, (_, k) =>
    buckets.map((_, b) => (k === 0 ? 0 : (stats[`h${k}_${b}`] ?? 0))),
  );
  const result: FunnelResult = {
    steps: stepsOf(stats, stepCount, previousRequired(query)),
    timeToConvert: { bucketsSeconds: buckets, counts },
  };
  if (query.conversionOverTime) result.overTime = await overTime(ch, ctx, query, perUser, signal);
  if (query.breakdown) {
    const bd = query.breakdown;
    if (bd.scope === "user") refuseComputedAttribute(bd.property, "breakdown.property");
    // a user attribute: joined to the per-user rows by user (the attribute read from users FINAL)
    if (bd.scope === "user") noteProperty("user", bd.property);
    const keySlotSql = `indexOf(a_keys, ${str(bd.property)})`;
    const rows =
      bd.scope === "user"
        ? // aliases on both sides: current ClickHouse refuses a JOIN of unnamed subqueries
          `SELECT user, reach, st, dq, bt, bn, bs FROM (${perUser}) AS f ANY LEFT JOIN
             (SELECT user, a_types[${keySlotSql}] AS bt, a_num[${keySlotSql}] AS bn, a_str[${keySlotSql}] AS bs FROM users FINAL) AS u USING user`
        : perUser;
    result.breakdown = await breakdown(ch, rows, query, signal);
  }
  return result;
}
