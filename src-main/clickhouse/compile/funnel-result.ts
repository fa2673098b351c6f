import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type { FunnelResult, FunnelStepResult } from "../../../src-preload/contract/results.ts";
import { durationMs } from "../../engine/calendar.ts";
import type { ChHttp } from "../http.ts";
import type { ChContext } from "./context.ts";
import { funnelReachSql } from "./funnel.ts";
import { refuse } from "./refuse.ts";

// The funnel's figures from the per-user rows, aggregated on the server: counts per step, the
// exact median (mean of the two middle values: quantileExact takes the upper one), the mean summed
// in user order as the local engine sums it, and the time-to-convert histogram.

const EDGES = [
  10, 30, 60, 300, 600, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 172_800, 259_200, 604_800, 1_209_600,
];

export async function runFunnelOn(
  ch: ChHttp,
  ctx: ChContext,
  q: FunnelQuery,
  signal?: AbortSignal,
): Promise<FunnelResult> {
  if (q.breakdown) refuse("breakdown", "funnel breakdowns are not compiled yet");
  const n = q.steps.length;
  const windowSeconds = durationMs(q.window ?? { value: 14, unit: "day" }) / 1000;
  const buckets = [...EDGES.filter((e) => e < windowSeconds), windowSeconds];
  const cols: string[] = [];
  for (let k = 0; k < n; k++) cols.push(`countIf(reach > ${k}) AS c${k}`);
  for (let k = 1; k < n; k++) {
    const dk = `d[${k}]`;
    cols.push(`arraySort(groupArrayIf(${dk}, reach > ${k})) AS s${k}`);
    cols.push(
      `if(length(s${k}) = 0, 0, if(length(s${k}) % 2 = 1, s${k}[intDiv(length(s${k}), 2) + 1], ` +
        `(s${k}[intDiv(length(s${k}), 2)] + s${k}[intDiv(length(s${k}), 2) + 1]) / 2)) AS med${k}`,
    );
    cols.push(
      `arraySum(arrayMap(x -> x.2, arraySort(groupArrayIf((user, ${dk}), reach > ${k})))) AS sum${k}`,
    );
    buckets.forEach((e, b) => {
      const lo = b === 0 ? "1" : `${dk} > ${buckets[b - 1]}`;
      const hi = b === buckets.length - 1 ? "1" : `${dk} <= ${e}`;
      cols.push(`countIf(reach > ${k} AND ${lo} AND ${hi}) AS h${k}_${b}`);
    });
  }
  const sql = `SELECT ${cols.join(",\n")} FROM (${funnelReachSql(ctx, q, "query")})`;
  const [row] = await ch.rows<Record<string, number>>(sql, { distributed_group_by_no_merge: 1 }, signal);
  const r = row ?? {};
  const count = (k: number) => r[`c${k}`] ?? 0;
  const first = count(0);
  const steps: FunnelStepResult[] = [];
  for (let k = 0; k < n; k++) {
    const c = count(k);
    const prev = k === 0 ? c : count(k - 1);
    steps.push({
      count: c,
      conversionFromStart: first === 0 ? 0 : c / first,
      conversionFromPrevious: prev === 0 ? 0 : c / prev,
      medianSecondsFromPrevious: k === 0 || c === 0 ? null : (r[`med${k}`] ?? null),
      avgSecondsFromPrevious: k === 0 || c === 0 ? null : (r[`sum${k}`] ?? 0) / c,
    });
  }
  const counts = steps.map((_, k) => buckets.map((_, b) => (k === 0 ? 0 : (r[`h${k}_${b}`] ?? 0))));
  return { steps, timeToConvert: { bucketsSeconds: buckets, counts } };
}
