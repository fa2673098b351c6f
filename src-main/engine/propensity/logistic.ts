import { outOfBounds } from "../typed-index.ts";

// L2-regularized logistic regression, fitted by Newton's method on standardized features.
// Deterministic: fixed iteration order, no randomness. The gradient uses every row; the Hessian
// (d x d, the costly part) uses at most HESSIAN_ROWS rows taken at a fixed stride, which only
// changes the step sizes, not the optimum the iterations converge to.

const HESSIAN_ROWS = 25_000;
const MAX_ITER = 30;
const LAMBDA = 1;

export interface LogisticModel {
  mean: Float64Array;
  scale: Float64Array;
  /** weights over standardized features; bias last */
  w: Float64Array;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Rows are given by index into the row-major matrix x (d columns). */
export function standardize(
  x: Float32Array,
  d: number,
  rows: Int32Array,
): { mean: Float64Array; scale: Float64Array } {
  const n = rows.length;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const i of rows)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? outOfBounds()) + (x[i * d + j] ?? outOfBounds());
  for (let j = 0; j < d; j++) mean[j] = (mean[j] ?? outOfBounds()) / Math.max(1, n);
  for (const i of rows)
    for (let j = 0; j < d; j++) {
      const v = (x[i * d + j] ?? outOfBounds()) - (mean[j] ?? outOfBounds());
      sq[j] = (sq[j] ?? outOfBounds()) + v * v;
    }
  // a constant feature gets scale 1 (its standardized value is 0 everywhere: no weight to learn)
  const scale = sq.map((s) => (s > 0 ? Math.sqrt(s / Math.max(1, n)) : 1));
  return { mean, scale };
}

function margin(m: LogisticModel, x: Float32Array, i: number, d: number): number {
  let z = m.w[d] ?? outOfBounds();
  for (let j = 0; j < d; j++)
    z +=
      (m.w[j] ?? outOfBounds()) *
      (((x[i * d + j] ?? outOfBounds()) - (m.mean[j] ?? outOfBounds())) / (m.scale[j] ?? outOfBounds()));
  return z;
}

export function predictLogistic(
  m: LogisticModel,
  x: Float32Array,
  d: number,
  rows: Int32Array,
): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = sigmoid(margin(m, x, rows[r] ?? outOfBounds(), d));
  return out;
}

/** Solves a x = b for a symmetric positive definite a (n x n, row-major) by Cholesky. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j] ?? outOfBounds();
      for (let k = 0; k < j; k++) s -= (l[i * n + k] ?? outOfBounds()) * (l[j * n + k] ?? outOfBounds());
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (l[j * n + j] ?? outOfBounds());
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] ?? outOfBounds();
    for (let k = 0; k < i; k++) s -= (l[i * n + k] ?? outOfBounds()) * (y[k] ?? outOfBounds());
    y[i] = s / (l[i * n + i] ?? outOfBounds());
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? outOfBounds();
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] ?? outOfBounds()) * (x[k] ?? outOfBounds());
    x[i] = s / (l[i * n + i] ?? outOfBounds());
  }
  return x;
}

/** Penalized negative log-likelihood of weights w over the standardized rows z (the objective fitted). */
function objective(w: Float64Array, z: Float32Array, y: Uint8Array, n: number, D: number): number {
  let loss = 0;
  for (let r = 0; r < n; r++) {
    let s = 0;
    const o = r * D;
    for (let j = 0; j < D; j++) s += (w[j] ?? outOfBounds()) * (z[o + j] ?? outOfBounds());
    // log(1 + e^s) - y s, written to stay finite for large |s|
    loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - (y[r] ?? outOfBounds()) * s;
  }
  let pen = 0;
  for (let j = 0; j < D - 1; j++) pen += (w[j] ?? outOfBounds()) ** 2;
  return loss + (LAMBDA / 2) * pen;
}

/**
 * Fits on the given rows of `features` (nFeatures columns); `labels` is indexed like its rows.
 * Newton directions with a backtracking line search on the objective, so a poor Hessian (rare
 * events, collinear counts) can slow the fit down but never make it diverge. The rows are
 * standardized once into a matrix of their own (bias column last), which the passes then read
 * contiguously.
 */
export function fitLogistic(
  features: Float32Array,
  labels: Uint8Array,
  nFeatures: number,
  rows: Int32Array,
  check: (i: number) => void = () => {},
): LogisticModel {
  const nRows = rows.length;
  const { mean, scale } = standardize(features, nFeatures, rows);
  const width = nFeatures + 1;
  const standardized = new Float32Array(nRows * width);
  const rowLabels = new Uint8Array(nRows);
  for (let row = 0; row < nRows; row++) {
    const i = rows[row] ?? outOfBounds();
    rowLabels[row] = labels[i] ?? outOfBounds();
    for (let j = 0; j < nFeatures; j++)
      standardized[row * width + j] =
        ((features[i * nFeatures + j] ?? outOfBounds()) - (mean[j] ?? outOfBounds())) /
        (scale[j] ?? outOfBounds());
    standardized[row * width + nFeatures] = 1;
  }
  const model: LogisticModel = { mean, scale, w: new Float64Array(width) };
  let positives = 0;
  for (let row = 0; row < nRows; row++) positives += rowLabels[row] ?? outOfBounds();
  // start at the base rate: the first Newton step then only has to learn the features
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, nRows)));
  model.w[nFeatures] = Math.log(rate / (1 - rate));
  const stride = Math.max(1, Math.ceil(nRows / HESSIAN_ROWS));
  let current = objective(model.w, standardized, rowLabels, nRows, width);
  const gradient = new Float64Array(width);
  const hessian = new Float64Array(width * width);
  for (let iter = 0; iter < MAX_ITER; iter++) {
    gradient.fill(0);
    hessian.fill(0);
    const weights = model.w;
    for (let row = 0; row < nRows; row++) {
      check(row);
      const rowStart = row * width;
      let logit = 0;
      for (let j = 0; j < width; j++)
        logit += (weights[j] ?? outOfBounds()) * (standardized[rowStart + j] ?? outOfBounds());
      const prob = sigmoid(logit);
      const residual = prob - (rowLabels[row] ?? outOfBounds());
      for (let j = 0; j < width; j++)
        gradient[j] =
          (gradient[j] ?? outOfBounds()) + residual * (standardized[rowStart + j] ?? outOfBounds());
      if (row % stride === 0) {
        // the subsample's Hessian stands for every row
        const curvature = prob * (1 - prob) * stride;
        for (let j = 0; j < width; j++) {
          const vj = curvature * (standardized[rowStart + j] ?? outOfBounds());
          const hj = j * width;
          for (let k = 0; k <= j; k++)
            hessian[hj + k] =
              (hessian[hj + k] ?? outOfBounds()) + vj * (standardized[rowStart + k] ?? outOfBounds());
        }
      }
    }
    for (let j = 0; j < width; j++) {
      for (let k = 0; k < j; k++) hessian[k * width + j] = hessian[j * width + k] ?? outOfBounds();
      if (j < nFeatures) {
        gradient[j] = (gradient[j] ?? outOfBounds()) + LAMBDA * (weights[j] ?? outOfBounds());
        hessian[j * width + j] = (hessian[j * width + j] ?? outOfBounds()) + LAMBDA;
      } else hessian[j * width + j] = (hessian[j * width + j] ?? outOfBounds()) + 1e-6;
    }
    const step = solve(hessian, gradient, width);
    let alpha = 1;
    let accepted = false;
    for (let tries = 0; tries < 20 && !accepted; tries++, alpha /= 2) {
      const next = weights.map((v, j) => v - alpha * (step[j] ?? outOfBounds()));
      const loss = objective(next, standardized, rowLabels, nRows, width);
      if (loss <= current) {
        const gain = current - loss;
        model.w = next;
        current = loss;
        accepted = true;
        if (gain <= 1e-6 * Math.max(1, Math.abs(loss))) return model;
      }
    }
    if (!accepted) return model;
  }
  return model;
}

/** |weight| of each standardized feature, as shares of the total. */
export function logisticImportance(m: LogisticModel, d: number): number[] {
  const a = Array.from({ length: d }, (_, j) => Math.abs(m.w[j] ?? outOfBounds()));
  const s = a.reduce((x, y) => x + y, 0);
  return a.map((v) => (s > 0 ? v / s : 0));
}
