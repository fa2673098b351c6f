import {
  durationMsOf,
  type PropensityQuery,
  type PropensityResult,
} from "../../../src-preload/contract/predict.ts";
import { dateInZone, startOfDate } from "../../time/zoned.ts";
import { addDays } from "../calendar.ts";
import type { Timeline } from "../columns/types.ts";
import { checkAbort, type EngineContext, withQuery } from "../context.ts";
import { compileMatcher, type EventPredicate, matcherPredicate } from "../filters.ts";
import { evalSegment } from "../segment.ts";
import { featureRows, planFeatures, seenBefore } from "./features.ts";
import { heldOutUsers } from "./holdout.ts";
import { fitLogistic, type LogisticModel, logisticImportance, predictLogistic } from "./logistic.ts";
import { auc, beatsBaseline, brier, calibration, gains, scoreDeciles } from "./metrics.ts";

// Propensity per spec/queries.md v1.1: train at the cutoff (as-of minus the horizon) on labels
// from after it, measure on the held-out fifth, then score everyone with features up to the end of
// the as-of day. See resources/docs/predict.md.

const DAY_MS = 86_400_000;
/** the model must beat the baseline's held-out AUC by this much to be offered as better */
const MARGIN = 0.01;
/**
 * The model is fitted on at most this many users (every k-th of the eligible ones, in user order):
 * a few dozen weights are pinned down long before that, and it keeps a million-user fit in seconds.
 */
const MAX_FIT_ROWS = 250_000;

interface Trained {
  result: PropensityResult;
  /** score of each user index in the population; NaN outside it */
  scores: Float64Array;
}

const cache = new WeakMap<Timeline, Map<string, Trained>>();

/** Phase times of the last model built in this thread (for bench/predict.ts; not part of any answer). */
export const lastTimings = { featuresMs: 0, fitMs: 0, measureMs: 0, scoreMs: 0 };

/** [cutoff instant, end of the as-of day]: features before the first, labels between them. */
export function cutoffOf(ctx: EngineContext, q: PropensityQuery): { cutoff: number; end: number } {
  const end = startOfDate(addDays(ctx.asOf, 1), ctx.timezone);
  const ms = durationMsOf(q.horizon);
  const days = Math.floor(ms / DAY_MS);
  // whole days are calendar days (23 or 25 hours across DST); a remainder is absolute time
  const cutoff = startOfDate(addDays(ctx.asOf, 1 - days), ctx.timezone) - (ms - days * DAY_MS);
  return { cutoff, end };
}

function labelsBetween(
  tl: Timeline,
  users: Int32Array,
  from: number,
  to: number,
  isTarget: EventPredicate,
): Uint8Array {
  const y = new Uint8Array(users.length);
  for (let i = 0; i < users.length; i++) {
    const u = users[i] as number;
    const b = tl.userOffsets[u + 1] as number;
    for (let p = tl.userOffsets[u] as number; p < b; p++) {
      const t = tl.times[p] as number;
      if (t < from) continue;
      if (t >= to) break;
      if (isTarget(p, u)) {
        y[i] = 1;
        break;
      }
    }
  }
  return y;
}

async function train(ctx0: EngineContext, q: PropensityQuery): Promise<Trained> {
  const ctx = withQuery(ctx0, q);
  const { tl } = ctx;
  const key = JSON.stringify([q, ctx.timezone, ctx.asOf]);
  let byQuery = cache.get(tl);
  if (!byQuery) {
    byQuery = new Map();
    cache.set(tl, byQuery);
  }
  const hit = byQuery.get(key);
  if (hit) return hit;

  const population = q.segment ? await evalSegment({ ...ctx, u0: 0, u1: tl.nUsers }, q.segment) : null;
  const isTarget = matcherPredicate(tl, compileMatcher(tl, q.target, undefined, ctx.timezone));
  const { cutoff, end } = cutoffOf(ctx, q);
  const horizonMs = end - cutoff;
  let t = performance.now();
  const lap = (k: keyof typeof lastTimings) => {
    const now = performance.now();
    lastTimings[k] = now - t;
    t = now;
  };
  const spec = planFeatures(ctx, cutoff, isTarget, q.revenueProperty);
  const d = spec.names.length;

  // training: users seen before the cutoff; features before it, labels after it
  const users = seenBefore(tl, cutoff, population);
  const x = featureRows(ctx, spec, users, cutoff, isTarget);
  const y = labelsBetween(tl, users, cutoff, end, isTarget);
  const base = labelsBetween(tl, users, cutoff - horizonMs, cutoff, isTarget);
  const held = heldOutUsers(ctx);
  lap("featuresMs");
  const eligible = users.map((_, i) => i).filter((i) => held[users[i] as number] === 0);
  const every = Math.max(1, Math.ceil(eligible.length / MAX_FIT_ROWS));
  const trainRows = every === 1 ? eligible : eligible.filter((_, k) => k % every === 0);
  const testRows = users.map((_, i) => i).filter((i) => held[users[i] as number] === 1);
  const model: LogisticModel = fitLogistic(x, y, d, trainRows, (i) => checkAbort(ctx, i));
  lap("fitMs");
  const yTest = testRows.map((i) => y[i] as number);
  const baseTest = testRows.map((i) => base[i] as number);
  const pTest = predictLogistic(model, x, d, testRows);
  const modelAuc = auc(pTest, yTest);
  const baselineAuc = auc(baseTest, yTest);
  const importance = logisticImportance(model, d);
  const features = spec.names
    .map((name, j) => ({ name, importance: importance[j] as number }))
    .sort((a, b) => b.importance - a.importance || (a.name < b.name ? -1 : 1));

  lap("measureMs");
  // scoring: the population (or everyone) with features up to the end of the as-of day
  const scored = Int32Array.from({ length: tl.nUsers }, (_, u) => u).filter(
    (u) => population === null || population[u] === 1,
  );
  const xNow = featureRows(ctx, spec, scored, end, isTarget);
  const pNow = predictLogistic(
    model,
    xNow,
    d,
    Int32Array.from(scored, (_, i) => i),
  );
  const scores = new Float64Array(tl.nUsers).fill(Number.NaN);
  scored.forEach((u, i) => {
    scores[u] = pNow[i] as number;
  });

  const testPositives = yTest.reduce((a, v) => a + v, 0);
  lap("scoreMs");
  let positives = 0;
  for (const i of trainRows) positives += y[i] as number;
  const result: PropensityResult = {
    cutoff: dateInZone(cutoff - 1, ctx.timezone),
    asOf: ctx.asOf,
    model: {
      kind: "logisticRegression",
      trainedOn: trainRows.length,
      testedOn: testRows.length,
      positiveRate: trainRows.length > 0 ? positives / trainRows.length : 0,
      auc: modelAuc,
      baselineAuc,
      brier: brier(pTest, yTest),
      calibration: calibration(pTest, yTest),
      features,
      gains: gains(pTest, yTest),
      beatsBaseline: beatsBaseline(
        modelAuc,
        baselineAuc,
        testPositives,
        yTest.length - testPositives,
        MARGIN,
      ),
    },
    deciles: scoreDeciles(pNow),
  };
  const trained = { result, scores };
  // a few models per timeline (8 bytes a user each): the oldest goes first
  if (byQuery.size >= 4) byQuery.delete(byQuery.keys().next().value as string);
  byQuery.set(key, trained);
  return trained;
}

export async function runPropensity(ctx: EngineContext, q: PropensityQuery): Promise<PropensityResult> {
  return (await train(ctx, q)).result;
}

/** Every user's score (NaN outside the query's segment), for segment conditions and exports. */
export async function propensityScores(ctx: EngineContext, q: PropensityQuery): Promise<Float64Array> {
  return (await train(ctx, q)).scores;
}
