import type { SurveyScoresQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SurveyScore, SurveyScoresResult } from "../../../src-preload/contract/metric-results.ts";
import { type PropColumn, TAG_NUMBER, TAG_STRING } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, periodsOf, resolveRange } from "./calendar.ts";
import { checkAbort, type EventPredicate, type MetricContext, queryUsers } from "./context.ts";

type SurveyType = SurveyScoresQuery["type"];

/** The scale each score type accepts; responses off it are counted as ignored. */
export const SCALES: Record<SurveyType, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export class Acc {
  responses = 0;
  respondents = 0;
  sum = 0;
  high = 0;
  mid = 0;
  low = 0;
  ignored = 0;
  lastUser = -1;
}

function scoreOf(col: PropColumn, p: number): number | null {
  const tag = col.tag[p];
  if (tag === TAG_NUMBER) return col.num[p] ?? outOfBounds();
  if (tag === TAG_STRING) {
    const s = (col.dict[col.str[p] ?? outOfBounds()] ?? outOfBounds()).trim();
    const n = s === "" ? Number.NaN : Number(s);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function add(acc: Acc, type: SurveyType, v: number | null, u: number): void {
  const [lo, hi] = SCALES[type];
  if (v === null || v < lo || v > hi) {
    acc.ignored++;
    return;
  }
  acc.responses++;
  acc.sum += v;
  if (acc.lastUser !== u) {
    acc.lastUser = u;
    acc.respondents++;
  }
  if (type === "nps") {
    if (v >= 9) acc.high++;
    else if (v >= 7) acc.mid++;
    else acc.low++;
  } else if (type === "csat") {
    if (v >= 4) acc.high++;
    else acc.low++;
  }
}

export function finish(acc: Acc, type: SurveyType): SurveyScore {
  const n = acc.responses;
  const base = { responses: n, respondents: acc.respondents, ignored: acc.ignored };
  if (type === "nps") {
    return {
      ...base,
      score: n ? ((acc.high - acc.low) / n) * 100 : null,
      breakdown: { promoters: acc.high, passives: acc.mid, detractors: acc.low },
    };
  }
  if (type === "csat") {
    return {
      ...base,
      score: n ? (acc.high / n) * 100 : null,
      breakdown: { satisfied: acc.high, other: acc.low },
    };
  }
  return { ...base, score: n ? acc.sum / n : null, breakdown: {} };
}

/** NPS, CSAT or CES of a survey event's score property, overall, per period and per segment. */
export async function surveyScores(
  query: SurveyScoresQuery,
  ctx: MetricContext,
): Promise<SurveyScoresResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const periods = periodsOf(cal, query.interval ?? "month", query.weekStart ?? ctx.weekStart);
  const col = ctx.timeline.propColumn(query.property);
  const pred = ctx.eventPredicate(query.event, query.where);
  const members = await queryUsers(ctx, query.segment);
  const run = (only: Uint8Array | null) => {
    const overall = new Acc();
    const per = periods.starts.map(() => new Acc());
    scan(ctx, cal, pred, only, (p, u, t) => {
      const v = scoreOf(col, p);
      add(overall, query.type, v, u);
      add(per[periods.ofDay[cal.dayIndex(t)] ?? outOfBounds()] ?? outOfBounds(), query.type, v, u);
    });
    return {
      overall: finish(overall, query.type),
      periods: per.map((a, i) => ({ start: periods.starts[i] ?? outOfBounds(), ...finish(a, query.type) })),
    };
  };
  const result: SurveyScoresResult = { type: query.type, ...run(members) };
  if (query.segments) {
    result.bySegment = [];
    for (const named of query.segments) {
      const seg = await ctx.segmentUsers(named.segment);
      const both = members ? seg.map((v, i) => (v && members[i] ? 1 : 0)) : seg;
      result.bySegment.push({ name: named.name, ...run(both) });
    }
  }
  return result;
}

function scan(
  ctx: MetricContext,
  cal: Calendar,
  pred: EventPredicate,
  members: Uint8Array | null,
  visit: (p: number, u: number, t: number) => void,
): void {
  const tl = ctx.timeline;
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    const end = tl.userOffsets[u + 1] ?? outOfBounds();
    for (let p = tl.userOffsets[u] ?? outOfBounds(); p < end; p++) {
      const t = tl.times[p] ?? outOfBounds();
      if (t < cal.startMs) continue;
      if (t >= cal.endMs) break;
      if (pred(p, u)) visit(p, u, t);
    }
  }
}
