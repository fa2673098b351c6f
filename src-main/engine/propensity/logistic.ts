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
  x: Float32Array,
  y0: Uint8Array,
  d: number,
  rows: Int32Array,
  check: (i: number) => void = () => {},
): LogisticModel {
  const n = rows.length;
  const { mean, scale } = standardize(x, d, rows);
  const D = d + 1;
  const z = new Float32Array(n * D);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const i = rows[r] ?? outOfBounds();
    y[r] = y0[i] ?? outOfBounds();
    for (let j = 0; j < d; j++)
      z[r * D + j] =
        ((x[i * d + j] ?? outOfBounds()) - (mean[j] ?? outOfBounds())) / (scale[j] ?? outOfBounds());
    z[r * D + d] = 1;
  }
  const m: LogisticModel = { mean, scale, w: new Float64Array(D) };
  let pos = 0;
  for (let r = 0; r < n; r++) pos += y[r] ?? outOfBounds();
  // start at the base rate: the first Newton step then only has to learn the features
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / Math.max(1, n)));
  m.w[d] = Math.log(rate / (1 - rate));
  const stride = Math.max(1, Math.ceil(n / HESSIAN_ROWS));
  let current = objective(m.w, z, y, n, D);
  const g = new Float64Array(D);
  const h = new Float64Array(D * D);
  for (let iter = 0; iter < MAX_ITER; iter++) {
    g.fill(0);
    h.fill(0);
    const w = m.w;
    for (let r = 0; r < n; r++) {
      check(r);
      const o = r * D;
      let s = 0;
      for (let j = 0; j < D; j++) s += (w[j] ?? outOfBounds()) * (z[o + j] ?? outOfBounds());
      const p = sigmoid(s);
      const e = p - (y[r] ?? outOfBounds());
      for (let j = 0; j < D; j++) g[j] = (g[j] ?? outOfBounds()) + e * (z[o + j] ?? outOfBounds());
      if (r % stride === 0) {
        // the subsample's Hessian stands for every row
        const v = p * (1 - p) * stride;
        for (let j = 0; j < D; j++) {
          const vj = v * (z[o + j] ?? outOfBounds());
          const hj = j * D;
          for (let k = 0; k <= j; k++)
            h[hj + k] = (h[hj + k] ?? outOfBounds()) + vj * (z[o + k] ?? outOfBounds());
        }
      }
    }
    for (let j = 0; j < D; j++) {
      for (let k = 0; k < j; k++) h[k * D + j] = h[j * D + k] ?? outOfBounds();
      if (j < d) {
        g[j] = (g[j] ?? outOfBounds()) + LAMBDA * (w[j] ?? outOfBounds());
        h[j * D + j] = (h[j * D + j] ?? outOfBounds()) + LAMBDA;
      } else h[j * D + j] = (h[j * D + j] ?? outOfBounds()) + 1e-6;
    }
    const step = solve(h, g, D);
    let alpha = 1;
    let accepted = false;
    for (let tries = 0; tries < 20 && !accepted; tries++, alpha /= 2) {
      const next = w.map((v, j) => v - alpha * (step[j] ?? outOfBounds()));
      const loss = objective(next, z, y, n, D);
      if (loss <= current) {
        const gain = current - loss;
        m.w = next;
        current = loss;
        accepted = true;
        if (gain <= 1e-6 * Math.max(1, Math.abs(loss))) return m;
      }
    }
    if (!accepted) return m;
  }
  return m;
}

/** |weight| of each standardized feature, as shares of the total. */
export function logisticImportance(m: LogisticModel, d: number): number[] {
  const a = Array.from({ length: d }, (_, j) => Math.abs(m.w[j] ?? outOfBounds()));
  const s = a.reduce((x, y) => x + y, 0);
  return a.map((v) => (s > 0 ? v / s : 0));
}
