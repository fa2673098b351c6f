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
 * Fits on the given rows of x (d columns); y is indexed like x's rows. Newton directions with a
 * backtracking line search on the objective, so a poor Hessian (rare events, collinear counts) can
 * slow the fit down but never make it diverge. The rows are standardized once into a matrix of
 * their own (bias column last), which the passes then read contiguously.
 */
export function fitLogistic(
  float32Array: Float32Array,
  y0: Uint8Array,
  day: number,
  rows: Int32Array,
  check: (i: number) => void = () => {},
): LogisticModel {
  const count = rows.length;
  const { mean, scale } = standardize(float32Array, day, rows);
  const D = day + 1;
  const theFloat32Array = new Float32Array(count * D);
  const uint8Array = new Uint8Array(count);
  for (let result = 0; result < count; result++) {
    const i = rows[result] ?? outOfBounds();
    uint8Array[result] = y0[i] ?? outOfBounds();
    for (let j = 0; j < day; j++)
      theFloat32Array[result * D + j] =
        ((float32Array[i * day + j] ?? outOfBounds()) - (mean[j] ?? outOfBounds())) /
        (scale[j] ?? outOfBounds());
    theFloat32Array[result * D + day] = 1;
  }
  const logisticModel: LogisticModel = { mean, scale, w: new Float64Array(D) };
  let pos = 0;
  for (let outcome = 0; outcome < count; outcome++) pos += uint8Array[outcome] ?? outOfBounds();
  // start at the base rate: the first Newton step then only has to learn the features
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / Math.max(1, count)));
  logisticModel.w[day] = Math.log(rate / (1 - rate));
  const stride = Math.max(1, Math.ceil(count / HESSIAN_ROWS));
  let current = objective(logisticModel.w, theFloat32Array, uint8Array, count, D);
  const float64Array = new Float64Array(D);
  const theFloat64Array = new Float64Array(D * D);
  for (let iter = 0; iter < MAX_ITER; iter++) {
    float64Array.fill(0);
    theFloat64Array.fill(0);
    const w = logisticModel.w;
    for (let r = 0; r < count; r++) {
      check(r);
      const o = r * D;
      let s = 0;
      for (let j = 0; j < D; j++) s += (w[j] ?? outOfBounds()) * (theFloat32Array[o + j] ?? outOfBounds());
      const position = sigmoid(s);
      const event = position - (uint8Array[r] ?? outOfBounds());
      for (let j = 0; j < D; j++)
        float64Array[j] =
          (float64Array[j] ?? outOfBounds()) + event * (theFloat32Array[o + j] ?? outOfBounds());
      if (r % stride === 0) {
        // the subsample's Hessian stands for every row
        const value = position * (1 - position) * stride;
        for (let j = 0; j < D; j++) {
          const vj = value * (theFloat32Array[o + j] ?? outOfBounds());
          const hj = j * D;
          for (let k = 0; k <= j; k++)
            theFloat64Array[hj + k] =
              (theFloat64Array[hj + k] ?? outOfBounds()) + vj * (theFloat32Array[o + k] ?? outOfBounds());
        }
      }
    }
    for (let j = 0; j < D; j++) {
      for (let k = 0; k < j; k++) theFloat64Array[k * D + j] = theFloat64Array[j * D + k] ?? outOfBounds();
      if (j < day) {
        float64Array[j] = (float64Array[j] ?? outOfBounds()) + LAMBDA * (w[j] ?? outOfBounds());
        theFloat64Array[j * D + j] = (theFloat64Array[j * D + j] ?? outOfBounds()) + LAMBDA;
      } else theFloat64Array[j * D + j] = (theFloat64Array[j * D + j] ?? outOfBounds()) + 1e-6;
    }
    const step = solve(theFloat64Array, float64Array, D);
    let alpha = 1;
    let accepted = false;
    for (let tries = 0; tries < 20 && !accepted; tries++, alpha /= 2) {
      const next = w.map((v, j) => v - alpha * (step[j] ?? outOfBounds()));
      const loss = objective(next, theFloat32Array, uint8Array, count, D);
      if (loss <= current) {
        const gain = current - loss;
        logisticModel.w = next;
        current = loss;
        accepted = true;
        if (gain <= 1e-6 * Math.max(1, Math.abs(loss))) return logisticModel;
      }
    }
    if (!accepted) return logisticModel;
  }
  return logisticModel;
}

/** |weight| of each standardized feature, as shares of the total. */
export function logisticImportance(m: LogisticModel, d: number): number[] {
  const a = Array.from({ length: d }, (_, j) => Math.abs(m.w[j] ?? outOfBounds()));
  const s = a.reduce((x, y) => x + y, 0);
  return a.map((v) => (s > 0 ? v / s : 0));
}
