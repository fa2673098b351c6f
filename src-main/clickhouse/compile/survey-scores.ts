import type { SurveyScoresQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SurveyScoresResult } from "../../../src-preload/contract/metric-results.ts";
import { Calendar, periodsOf, resolveRange } from "../../engine/metrics/calendar.ts";
import { Acc, finish, SCALES } from "../../engine/metrics/surveys.ts";
import type { ChClient } from "../http.ts";
import { num, str } from "../literal.ts";
import type { ChContext } from "./context.ts";
import { dayIndexSql } from "./day-index.ts";
import { matcherSql } from "./filters.ts";
import { propParts } from "./prop-value.ts";
import { membersSql } from "./segment.ts";

// surveyScores as engine/metrics/surveys.ts: every matching event in the range is one response,
// valid when its score (a number, or a string JavaScript's Number() reads as one after trim()) is on
// the type's scale. The strings are few (the distinct texts of the score property): they are fetched
// and read by JavaScript, then mapped on the server, so "0x9" or " 9 " score exactly as locally.
// Counts are integers; the CES mean's sum is exact in any order when every score is a multiple of
// 2^-10 (all partial sums are then representable), else the scores are fetched in the local
// engine's order (user, time, import order) and summed here.

const DYADIC = 1024;

/** The local engine's scoreOf for a string: trimmed, Number(), finite. */
function scoreOfText(s: string): number | null {
  const t = s.trim();
  const n = t === "" ? Number.NaN : Number(t);
  return Number.isFinite(n) ? n : null;
}

interface Row {
  p: number;
  responses: number;
  respondents: number;
  ignored: number;
  high: number;
  mid: number;
  low: number;
  sum: number;
  vals: number[];
}

export async function runSurveyScoresOn(
  ch: ChClient,
  ctx: ChContext,
  query: SurveyScoresQuery,
  signal?: AbortSignal,
): Promise<SurveyScoresResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const periods = periodsOf(cal, query.interval ?? "month", ctx.weekStart);
  const scoreParts = propParts("p", query.property);
  const base = `time >= ${cal.startMs} AND time < ${cal.endMs} AND ${matcherSql(query.event, query.where, "event", ctx.timezone)}`;
  const texts = await ch.rows<{ s: string }>(
    `SELECT DISTINCT ${scoreParts.str} AS s FROM events WHERE ${base} AND ${scoreParts.tag} = 2 AND ${membersSql(ctx, query.segment)}`,
    {},
    signal,
  );
  const known = texts.flatMap((t) => {
    const score = scoreOfText(t.s);
    return score === null ? [] : [[t.s, score] as const];
  });
  const textScore =
    known.length === 0
      ? "nan"
      : `transform(${scoreParts.str}, [${known.map((t) => str(t[0])).join(",")}], [${known.map((t) => num(t[1])).join(",")}], nan)`;
  const scoreSql = `multiIf(${scoreParts.tag} = 1, ${scoreParts.num}, ${scoreParts.tag} = 2, ${textScore}, nan)`;
  const [lo, hi] = SCALES[query.type];
  const ofDay = `[${Array.from(periods.ofDay).join(",")}]`;
  const period = `${ofDay}[${dayIndexSql(cal.starts, "time")} + 1]`;
  const ok = `(v >= ${lo} AND v <= ${hi})`;
  // promoters / passives / detractors (nps: 9-10, 7-8, 0-6), satisfied / other (csat: 4-5, 1-3)
  const [highFrom, midFrom] = query.type === "nps" ? [9, 7] : [4, 4];

  const run = async (members: string) => {
    const from = `FROM events ARRAY JOIN [toInt32(${period}), -1] AS p WHERE ${base} AND ${members}`;
    const rows = await ch.rows<Row>(
      `SELECT p, countIf(${ok}) AS responses, uniqExactIf(user, ${ok}) AS respondents,
         countIf(NOT ${ok}) AS ignored, countIf(${ok} AND v >= ${highFrom}) AS high,
         countIf(${ok} AND v < ${highFrom} AND v >= ${midFrom}) AS mid, countIf(${ok} AND v < ${midFrom}) AS low,
         sumIf(v, ${ok}) AS sum, groupUniqArrayIf(v, ${ok}) AS vals
       FROM (SELECT p, user, ${scoreSql} AS v ${from}) GROUP BY p`,
      {},
      signal,
    );
    const accs = new Map<number, Acc>();
    for (const row of rows) {
      const acc = new Acc();
      acc.responses = row.responses;
      acc.respondents = row.respondents;
      acc.ignored = row.ignored;
      if (query.type !== "ces") {
        acc.high = row.high;
        acc.mid = row.mid;
        acc.low = row.low;
      }
      acc.sum = row.sum;
      accs.set(row.p, acc);
    }
    if (query.type === "ces" && !rows.every((row) => row.vals.every((x) => Number.isInteger(x * DYADIC)))) {
      // fractional scores: the mean's sum depends on the order; add in the local engine's order
      for (const acc of accs.values()) acc.sum = 0;
      const ordered = await ch.rows<{ p: number; v: number }>(
        `SELECT p, v FROM (SELECT p, user, time, seq, ${scoreSql} AS v ${from}) WHERE ${ok} ORDER BY user, time, seq`,
        {},
        signal,
      );
      for (const response of ordered) {
        const acc = accs.get(response.p);
        if (acc) acc.sum += response.v;
      }
    }
    const at = (p: number) => finish(accs.get(p) ?? new Acc(), query.type);
    return {
      overall: at(-1),
      periods: periods.starts.map((start, i) => ({ start, ...at(i) })),
    };
  };

  const result: SurveyScoresResult = { type: query.type, ...(await run(membersSql(ctx, query.segment))) };
  if (query.segments) {
    result.bySegment = [];
    for (const namedSegment of query.segments) {
      const both = `${membersSql(ctx, namedSegment.segment)} AND ${membersSql(ctx, query.segment)}`;
      result.bySegment.push({ name: namedSegment.name, ...(await run(both)) });
    }
  }
  return result;
}
