import type { RfmResult } from "../../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";
import { RFM_GROUPS } from "../../../src-preload/contract/rfm-groups.ts";
import { Calendar, resolveRange } from "../../engine/metrics/calendar.ts";
import { emptyGroupSums, groupOf, groupRows } from "../../engine/rfm-scores.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { dayIndexSql } from "./day-index.ts";
import { matcherSql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { propParts } from "./prop-value.ts";
import { type Histogram, histogramEdges, histogramScores } from "./quintiles.ts";
import { membersSql } from "./segment.ts";

// rfm as engine/rfm.ts, in two steps so that only small data reaches this process:
// 1. on each shard, every buyer's recency (days), frequency and monetary sum (added in the user's
//    event order, as locally); the histogram of (recency, frequency) pairs comes back, and the
//    quintile scores, the grid, the groups' users and integer sums and the edges are computed from
//    it here exactly as quintileScores/quintileEdges compute them over all buyers (a score depends
//    only on how many buyers are below a value, which the histogram holds).
// 2. with `monetary`: the scores go back as transform() tables; the server sums each group's
//    monetary values in user order (fractions round differently in another order) and picks the
//    four monetary edges from the sorted sums, so no per-user rows leave the cluster.

interface Pair {
  rec: number;
  freq: number;
  c: number;
}

export async function runRfmOn(
  ch: ChClient,
  ctx: ChContext,
  query: RfmQuery,
  signal?: AbortSignal,
): Promise<RfmResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const lastDay = cal.days - 1;
  const freq = query.frequencyDistinct
    ? (() => {
        const d = propParts("p", query.frequencyDistinct);
        // strings and numbers are separate key spaces; booleans count as their number, as locally
        return `uniqExactIf(if(${d.tag} = 2, (1, ${d.str}, 0.), (0, '', ${d.num} + 0.)), ${d.tag} != 0)`;
      })()
    : "count()";
  const monetaryParts = query.monetary ? propParts("p", query.monetary) : null;
  const mon = monetaryParts
    ? `arraySum(arrayMap(x -> x.3, arraySort(groupArrayIf((time, seq, ${monetaryParts.num}), ${monetaryParts.tag} = 1))))`
    : "0.";
  const perUser = `SELECT user, toInt64(${lastDay} - ${dayIndexSql(cal.starts, "max(time)")}) AS rec,
      toInt64(${freq}) AS freq, ${mon} AS mon
    FROM events
    WHERE time >= ${cal.startMs} AND time < ${cal.endMs} AND ${matcherSql(query.event, query.where, "event", ctx.timezone)}
      AND ${membersSql(ctx, query.segment)}
    GROUP BY user`;
  const pairs = await ch.rows<Pair>(
    `SELECT rec, freq, count() AS c FROM (${perUser}) GROUP BY rec, freq`,
    PER_USER,
    signal,
  );
  const recHist = histogramOf(pairs.map((p) => [p.rec, p.c]));
  const freqHist = histogramOf(pairs.map((p) => [p.freq, p.c]));
  const userCount = pairs.reduce((s, p) => s + p.c, 0);
  const rScore = histogramScores(recHist, userCount, true);
  const fScore = histogramScores(freqHist, userCount, false);
  const grid = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  const acc = emptyGroupSums();
  for (const pair of pairs) {
    const recencyScore = rScore.get(pair.rec) ?? outOfBounds();
    const frequencyScore = fScore.get(pair.freq) ?? outOfBounds();
    const row = grid[recencyScore - 1] ?? outOfBounds();
    row[frequencyScore - 1] = (row[frequencyScore - 1] ?? outOfBounds()) + pair.c;
    const groupSums = acc.get(groupOf(recencyScore, frequencyScore));
    if (!groupSums) continue;
    groupSums.users += pair.c;
    groupSums.recency += pair.rec * pair.c;
    groupSums.frequency += pair.freq * pair.c;
  }
  let monetaryEdges: number[] = [];
  if (monetaryParts && userCount > 0) {
    const table = (h: Map<number, number>) => {
      const ks = [...h.keys()];
      return `[${ks.join(",")}], [${ks.map((k) => h.get(k)).join(",")}]`;
    };
    const cells = [];
    for (let recencyScore = 1; recencyScore <= 5; recencyScore++)
      for (let frequencyScore = 1; frequencyScore <= 5; frequencyScore++)
        cells.push([
          recencyScore * 10 + frequencyScore,
          RFM_GROUPS.indexOf(groupOf(recencyScore, frequencyScore)),
        ]);
    const cell = `toInt64(transform(rec, ${table(rScore)}, 0) * 10 + transform(freq, ${table(fScore)}, 0))`;
    const groupSql = `transform(${cell}, [${cells.map((c) => c[0]).join(",")}], [${cells.map((c) => c[1]).join(",")}], -1)`;
    const positions = [1, 2, 3, 4].map((k) => Math.min(userCount - 1, Math.ceil((k * userCount) / 5)));
    const [edges] = await ch.rows<{ e: number[] }>(
      `SELECT [${positions.map((p) => `s[${p + 1}]`).join(", ")}] AS e FROM (SELECT arraySort(groupArray(mon)) AS s FROM (${perUser}))`,
      PER_USER,
      signal,
    );
    monetaryEdges = edges?.e ?? [];
    const sums = await ch.rows<{ g: number; s: number }>(
      `SELECT ${groupSql} AS g, arraySum(arrayMap(x -> x.2, arraySort(groupArray((user, mon))))) AS s
       FROM (${perUser}) GROUP BY g`,
      PER_USER,
      signal,
    );
    for (const sumRow of sums) {
      const groupSums = acc.get(RFM_GROUPS[sumRow.g] ?? outOfBounds());
      if (groupSums) groupSums.monetary = sumRow.s;
    }
  }
  const groups = groupRows(acc, userCount);
  return {
    users: userCount,
    groups,
    grid,
    edges: {
      recencyDays: histogramEdges(recHist, userCount, true),
      frequency: histogramEdges(freqHist, userCount, false),
      monetary: query.monetary ? monetaryEdges : [],
    },
  };
}

function histogramOf(entries: [number, number][]): Histogram {
  const h = new Map<number, number>();
  for (const [v, c] of entries) h.set(v, (h.get(v) ?? 0) + c);
  return [...h.entries()].sort((a, b) => a[0] - b[0]);
}
