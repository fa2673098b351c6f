import type {
  CalibrationBin,
  PropensityModel,
  PropensityResult,
} from "../../../src-preload/contract/predict.ts";
import { outOfBounds } from "../typed-index.ts";

// Held-out quality measures of a scorer, and the decile tables.

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties
 * counting half (the Mann-Whitney statistic over tie-averaged ranks). Null without both classes.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] ?? outOfBounds()) - (scores[b] ?? outOfBounds()),
  );
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] ?? outOfBounds()] === scores[order[i] ?? outOfBounds()]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] ?? outOfBounds()] === 1) {
        pos++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function brier(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  if (scores.length === 0) return null;
  let s = 0;
  for (let i = 0; i < scores.length; i++)
    s += ((scores[i] ?? outOfBounds()) - (labels[i] ?? outOfBounds())) ** 2;
  return s / scores.length;
}

/** Ten equal-width bins of predicted probability: [0, 0.1), ..., [0.9, 1]. */
export function calibration(scores: ArrayLike<number>, labels: ArrayLike<number>): CalibrationBin[] {
  const sum = new Float64Array(10);
  const hit = new Float64Array(10);
  const n = new Float64Array(10);
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i] ?? outOfBounds();
    const b = Math.min(9, Math.floor(p * 10));
    sum[b] = (sum[b] ?? outOfBounds()) + p;
    hit[b] = (hit[b] ?? outOfBounds()) + (labels[i] ?? outOfBounds());
    n[b] = (n[b] ?? outOfBounds()) + 1;
  }
  return Array.from({ length: 10 }, (_, b) => {
    const users = n[b] ?? outOfBounds();
    return users === 0
      ? { predicted: (b + 0.5) / 10, observed: null, users: 0 }
      : { predicted: (sum[b] ?? outOfBounds()) / users, observed: (hit[b] ?? outOfBounds()) / users, users };
  });
}

/** Indexes by score, highest first; ties by index (so the order is deterministic). */
export function rankDescending(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => (scores[b] ?? outOfBounds()) - (scores[a] ?? outOfBounds()) || a - b);
  return order;
}

/**
 * Decile k (1-based) holds ranks [ceil((k-1) n / 10), ceil(k n / 10)): rounded up, as a top-N%
 * segment is (condition.ts), so "top 10%" holds exactly decile 1's users and "top 30%" deciles 1-3.
 */
function decileBounds(n: number, k: number): [number, number] {
  return [Math.ceil(((k - 1) * n) / 10), Math.ceil((k * n) / 10)];
}

export function gains(scores: ArrayLike<number>, labels: ArrayLike<number>): PropensityModel["gains"] {
  const order = rankDescending(scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += labels[i] ?? outOfBounds();
  let cum = 0;
  return Array.from({ length: 10 }, (_, i) => {
    const [a, b] = decileBounds(order.length, i + 1);
    let positives = 0;
    for (let r = a; r < b; r++) positives += labels[order[r] ?? outOfBounds()] ?? outOfBounds();
    cum += positives;
    return { decile: i + 1, users: b - a, positives, cumulativeShare: total > 0 ? cum / total : 0 };
  });
}

export function scoreDeciles(scores: ArrayLike<number>): PropensityResult["deciles"] {
  const order = rankDescending(scores);
  return Array.from({ length: 10 }, (_, i) => {
    const [a, b] = decileBounds(order.length, i + 1);
    let expected = 0;
    let min = b > a ? 1 : 0;
    for (let r = a; r < b; r++) {
      const s = scores[order[r] ?? outOfBounds()] ?? outOfBounds();
      expected += s;
      if (s < min) min = s;
    }
    return { decile: i + 1, minScore: min, users: b - a, expected };
  });
}

/** Standard error of an AUC over np positives and nn negatives (Hanley and McNeil, 1982). */
export function aucStandardError(a: number, np: number, nn: number): number {
  if (np === 0 || nn === 0) return Number.POSITIVE_INFINITY;
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (np - 1) * (q1 - a * a) + (nn - 1) * (q2 - a * a)) / (np * nn);
  return Math.sqrt(Math.max(0, v));
}

/**
 * Whether a model is worth offering: its held-out AUC is above chance and above the baseline's by
 * more than the margin and more than twice its standard error (a noise model on a few hundred
 * users easily lands a point or two above 0.5 and above a weak baseline).
 */
export function beatsBaseline(
  model: number | null,
  baseline: number | null,
  np: number,
  nn: number,
  margin: number,
): boolean {
  if (model === null) return false;
  const se = aucStandardError(model, np, nn);
  if (model - 0.5 <= 2 * se) return false;
  return baseline === null || model - baseline > Math.max(margin, 2 * se);
}
