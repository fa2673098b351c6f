// The other candidate model of issue 17, kept for the measurement in bench/predict-compare.ts:
// small gradient-boosted trees (logistic loss, depth-3 trees on 32 quantile bins per feature, Newton
// leaf values). Deterministic. Not used by the app: see resources/docs/predict.md for the numbers.

const BINS = 32;
const DEPTH = 3;
const TREES = 80;
const RATE = 0.1;
const LAMBDA = 1;
const MIN_LEAF = 40;

interface Node {
  feature: number;
  /** rows with bin <= split go left */
  split: number;
  left: Node | number;
  right: Node | number;
}

export interface Gbt {
  edges: Float64Array[];
  base: number;
  trees: (Node | number)[];
}

function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function fitGbt(x: Float32Array, y: Uint8Array, d: number, rows: Int32Array): Gbt {
  const n = rows.length;
  const edges: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const vals = Float64Array.from(rows, (i) => x[i * d + j] as number).sort();
    const e = new Set<number>();
    for (let b = 1; b < BINS; b++) e.add(vals[Math.floor((b * n) / BINS)] as number);
    edges.push(Float64Array.from([...e].sort((a, b) => a - b)));
  }
  const bins = new Uint8Array(n * d);
  for (let r = 0; r < n; r++) {
    const i = rows[r] as number;
    for (let j = 0; j < d; j++) bins[r * d + j] = binOf(edges[j] as Float64Array, x[i * d + j] as number);
  }
  const yy = Uint8Array.from(rows, (i) => y[i] as number);
  const pos = yy.reduce((a, b) => a + b, 0);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / Math.max(1, n)));
  const base = Math.log(rate / (1 - rate));
  const f = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: (Node | number)[] = [];
  const hg = new Float64Array(d * BINS);
  const hh = new Float64Array(d * BINS);
  const hc = new Float64Array(d * BINS);

  function grow(idx: Int32Array, depth: number): Node | number {
    let G = 0;
    let H = 0;
    for (const r of idx) {
      G += g[r] as number;
      H += h[r] as number;
    }
    const leaf = (-G / (H + LAMBDA)) * RATE;
    if (depth === DEPTH || idx.length < 2 * MIN_LEAF) return leaf;
    hg.fill(0);
    hh.fill(0);
    hc.fill(0);
    for (const r of idx) {
      const gr = g[r] as number;
      const hr = h[r] as number;
      const o = r * d;
      for (let j = 0; j < d; j++) {
        const k = j * BINS + (bins[o + j] as number);
        hg[k] = (hg[k] as number) + gr;
        hh[k] = (hh[k] as number) + hr;
        hc[k] = (hc[k] as number) + 1;
      }
    }
    const parent = (G * G) / (H + LAMBDA);
    let best = 0;
    let bf = -1;
    let bs = -1;
    for (let j = 0; j < d; j++) {
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let b = 0; b < BINS - 1; b++) {
        const k = j * BINS + b;
        gl += hg[k] as number;
        hl += hh[k] as number;
        cl += hc[k] as number;
        if (cl < MIN_LEAF || idx.length - cl < MIN_LEAF) continue;
        const gain = (gl * gl) / (hl + LAMBDA) + ((G - gl) * (G - gl)) / (H - hl + LAMBDA) - parent;
        if (gain > best) {
          best = gain;
          bf = j;
          bs = b;
        }
      }
    }
    if (bf < 0) return leaf;
    const left = idx.filter((r) => (bins[r * d + bf] as number) <= bs);
    const right = idx.filter((r) => (bins[r * d + bf] as number) > bs);
    return { feature: bf, split: bs, left: grow(left, depth + 1), right: grow(right, depth + 1) };
  }

  const all = Int32Array.from({ length: n }, (_, r) => r);
  for (let t = 0; t < TREES; t++) {
    for (let r = 0; r < n; r++) {
      const p = 1 / (1 + Math.exp(-(f[r] as number)));
      g[r] = p - (yy[r] as number);
      h[r] = Math.max(1e-6, p * (1 - p));
    }
    const tree = grow(all, 0);
    trees.push(tree);
    for (let r = 0; r < n; r++) f[r] = (f[r] as number) + walk(tree, (j) => bins[r * d + j] as number);
  }
  return { edges, base, trees };
}

function walk(node: Node | number, binAt: (j: number) => number): number {
  let cur = node;
  while (typeof cur !== "number") cur = binAt(cur.feature) <= cur.split ? cur.left : cur.right;
  return cur;
}

export function predictGbt(m: Gbt, x: Float32Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((i, r) => {
    let f = m.base;
    const binAt = (j: number) => binOf(m.edges[j] as Float64Array, x[i * d + j] as number);
    for (const t of m.trees) f += walk(t, binAt);
    out[r] = 1 / (1 + Math.exp(-f));
  });
  return out;
}
