import {
  durationMsOf,
  type PropensityQuery,
  type PropensityResult,
} from "../../../src-preload/contract/predict.ts";
import { dateInZone, startOfDate } from "../../time/zoned.ts";
import { canonicalJson } from "../../workspace/report-results.ts";
import { addDays } from "../calendar.ts";
import type { Timeline } from "../columns/types.ts";
import { checkAbort, type EngineContext, withQuery } from "../context.ts";
import { compileMatcher, type EventPredicate, matcherPredicate } from "../filters.ts";
import { evalSegment } from "../segment.ts";
import { outOfBounds } from "../typed-index.ts";
import { featureRows, planFeatures, seenBefore } from "./features.ts";
import { heldOutUsers } from "./holdout.ts";
import { fitLogistic, type LogisticModel, logisticImportance, predictLogistic } from "./logistic.ts";
import { auc, beatsBaseline, brier, calibration, gains, scoreDeciles } from "./metrics.ts";
import { modelShare, type TrainedModel } from "./share.ts";

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
/** users whose features are computed at once when scoring (a block's matrix is a few MB) */
const SCORE_BLOCK = 1 << 15;

/** Models being trained or trained in this thread, by key (a promise: one training per key at once). */
const cache = new WeakMap<Timeline, Map<string, Promise<TrainedModel>>>();
/** a few models per timeline (8 bytes a user each): the oldest goes first */
const KEEP = 4;
let fits = 0;

/** How many models this thread has fitted (tests check that a query trains once). */
export function modelsFitted(): number {
  return fits;
}

/**
 * Phase times of the last model built in this thread, wall and CPU (user + system of the process;
 * the bench runs it alone in a child), for bench/predict.ts; not part of any answer.
 */
export const lastTimings = {
  featuresMs: 0,
  fitMs: 0,
  measureMs: 0,
  scoreMs: 0,
  featuresCpuMs: 0,
  fitCpuMs: 0,
  measureCpuMs: 0,
  scoreCpuMs: 0,
};
type Phase = "features" | "fit" | "measure" | "score";

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

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
    const u = users[i] ?? outOfBounds();
    const b = tl.userOffsets[u + 1] ?? outOfBounds();
    for (let p = tl.userOffsets[u] ?? outOfBounds(); p < b; p++) {
      const t = tl.times[p] ?? outOfBounds();
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

/**
 * The model of the query at the context's as-of day: from this thread's cache, else from the
 * thread that trained it (see share.ts), else trained here. The key names everything the model
 * depends on: the timeline's data, the query (up to key order), its timezone and as-of day.
 */
function train(ctx0: EngineContext, query: PropensityQuery): Promise<TrainedModel> {
  const ctx = withQuery(ctx0, query);
  const { tl } = ctx;
  const key = `${tl.stamp}|${canonicalJson([query, ctx.timezone, ctx.asOf])}`;
  let byQuery = cache.get(tl);
  if (!byQuery) {
    byQuery = new Map();
    cache.set(tl, byQuery);
  }
  const hit = byQuery.get(key);
  if (hit) return hit;
  const share = modelShare();
  const got = (async () => {
    const shared = share ? await share.claim(key) : null;
    if (shared) return shared;
    try {
      const trained = await fit(ctx, query);
      fits++;
      share?.done(key, trained);
      return trained;
    } catch (e) {
      share?.done(key, null);
      throw e;
    }
  })();
  if (byQuery.size >= KEEP) byQuery.delete(byQuery.keys().next().value as string);
  byQuery.set(key, got);
  // a failed (e.g. cancelled) training is not kept: the next query tries again
  got.catch(() => {
    if (byQuery.get(key) === got) byQuery.delete(key);
  });
  return got;
}

async function fit(ctx: EngineContext, query: PropensityQuery): Promise<TrainedModel> {
  const { tl } = ctx;
  const population = query.segment
    ? await evalSegment({ ...ctx, u0: 0, u1: tl.nUsers }, query.segment)
    : null;
  const isTarget = matcherPredicate(tl, compileMatcher(ctx, query.target, undefined));
  const { cutoff, end } = cutoffOf(ctx, query);
  const horizonMs = end - cutoff;
  let lapWall = performance.now();
  let lapCpu = cpuMs();
  const lap = (k: Phase) => {
    const now = performance.now();
    const cpu = cpuMs();
    lastTimings[`${k}Ms`] = now - lapWall;
    lastTimings[`${k}CpuMs`] = cpu - lapCpu;
    lapWall = now;
    lapCpu = cpu;
  };
  const spec = planFeatures(ctx, cutoff, isTarget, query.revenueProperty);
  const nFeatures = spec.names.length;

  // training: users seen before the cutoff; features before it, labels after it
  const users = seenBefore(tl, cutoff, population);
  const featureMatrix = featureRows(ctx, spec, users, cutoff, isTarget);
  const labels = labelsBetween(tl, users, cutoff, end, isTarget);
  const base = labelsBetween(tl, users, cutoff - horizonMs, cutoff, isTarget);
  const held = heldOutUsers(ctx);
  lap("features");
  const eligible = users.map((_, i) => i).filter((i) => held[users[i] ?? outOfBounds()] === 0);
  const every = Math.max(1, Math.ceil(eligible.length / MAX_FIT_ROWS));
  const trainRows = every === 1 ? eligible : eligible.filter((_, k) => k % every === 0);
  const testRows = users.map((_, i) => i).filter((i) => held[users[i] ?? outOfBounds()] === 1);
  const model: LogisticModel = fitLogistic(featureMatrix, labels, nFeatures, trainRows, (i) =>
    checkAbort(ctx, i),
  );
  lap("fit");
  const yTest = testRows.map((i) => labels[i] ?? outOfBounds());
  const baseTest = testRows.map((i) => base[i] ?? outOfBounds());
  const pTest = predictLogistic(model, featureMatrix, nFeatures, testRows);
  const modelAuc = auc(pTest, yTest);
  const baselineAuc = auc(baseTest, yTest);
  const importance = logisticImportance(model, nFeatures);
  const features = spec.names
    .map((name, j) => ({ name, importance: importance[j] ?? outOfBounds() }))
    .sort((a, b) => b.importance - a.importance || (a.name < b.name ? -1 : 1));

  lap("measure");
  // scoring: the population (or everyone) with features up to the end of the as-of day
  const scored = Int32Array.from({ length: tl.nUsers }, (_, u) => u).filter(
    (u) => population === null || population[u] === 1,
  );
  // in blocks: a feature matrix of every user at once would be the query's largest allocation
  const pNow = new Float64Array(scored.length);
  const scores = new Float64Array(tl.nUsers).fill(Number.NaN);
  const rows = Int32Array.from({ length: Math.min(SCORE_BLOCK, scored.length) }, (_, i) => i);
  for (let at = 0; at < scored.length; at += SCORE_BLOCK) {
    const block = scored.subarray(at, at + SCORE_BLOCK);
    const xNow = featureRows(ctx, spec, block, end, isTarget);
    const blockScores = predictLogistic(model, xNow, nFeatures, rows.subarray(0, block.length));
    pNow.set(blockScores, at);
    block.forEach((u, i) => {
      scores[u] = blockScores[i] ?? outOfBounds();
    });
  }

  const testPositives = yTest.reduce((a, v) => a + v, 0);
  lap("score");
  let positives = 0;
  for (const i of trainRows) positives += labels[i] ?? outOfBounds();
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
  return { result, scores };
}

export async function runPropensity(ctx: EngineContext, q: PropensityQuery): Promise<PropensityResult> {
  return (await train(ctx, q)).result;
}

/** Every user's score (NaN outside the query's segment), for segment conditions and exports. */
export async function propensityScores(ctx: EngineContext, q: PropensityQuery): Promise<Float64Array> {
  return (await train(ctx, q)).scores;
}
