import { outOfBounds } from "../typed-index.ts";
import { select } from "./select.ts";

// Statistics used by the metric kinds: normal and Student-t distribution functions (through the
// regularized incomplete gamma and beta functions, Numerical Recipes 6.2 and 6.4), the two-proportion
// z-test, Welch's t-test, and medians (quintile scores: quintiles.ts). Formulas: resources/docs/metrics.md.

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 500;

const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-5,
  4.652362892704858e-5, -9.837447530487956e-5, 0.0001580887032249125, -0.00021026444172410488,
  0.00021743961811521265, -0.0001643181065367639, 8.441822398385275e-5, -2.6190838401581408e-5,
  3.6899182659531625e-6,
];

/** ln Γ(x) for x > 0 (Lanczos, about 1e-15 relative). */
export function lnGamma(x: number): number {
  let y = x;
  const tmp = x + 5.2421875 - (x + 0.5) * Math.log(x + 5.2421875);
  let ser = 0.9999999999999971;
  for (const c of LANCZOS) ser += c / ++y;
  return -tmp + Math.log((2.5066282746310007 * ser) / x);
}

/** Regularized lower incomplete gamma P(a, x). */
// short names: a x b c d h (Numerical Recipes 6.2's letters: P(a, x) and the b, c, d, h of its
// modified Lentz continued fraction, which read against the book better than words)
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const gln = lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let i = 0; i < MAX_ITER; i++) {
      del *= x / ++ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  // continued fraction for Q(a, x) (modified Lentz)
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** Standard normal CDF Φ(z), via erf(x) = P(1/2, x²). */
export function normalCdf(z: number): number {
  if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
  const p = gammaP(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 + p / 2 : 0.5 - p / 2;
}

/** Two-sided p-value of a standard normal statistic: 2 (1 - Φ(|z|)), computed without cancellation. */
export function normalTwoSided(z: number): number {
  return 1 - gammaP(0.5, (z * z) / 2);
}

/** The continued fraction of I_x(a, b), by modified Lentz (Numerical Recipes 6.4). */
// short names: a b x c d h m (the book's letters: I_x(a, b), Lentz's c, d, h and the term index m)
function betaCf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const bt = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (bt * betaCf(a, b, x)) / a;
  return 1 - (bt * betaCf(b, a, 1 - x)) / b;
}

/** Two-sided p-value of Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, 1/2). */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Student-t CDF. */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSided(t, df) / 2;
  return t >= 0 ? 1 - tail : tail;
}

export interface TestResult {
  difference: number;
  statistic: number;
  pValue: number;
  df?: number;
}

/**
 * Two-proportion z-test with the pooled standard error; difference and statistic are b minus a.
 * When the pooled proportion is 0 or 1 both groups are identical: z = 0, p = 1.
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TestResult {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { difference: p2 - p1, statistic: 0, pValue: 1 };
  const z = (p2 - p1) / se;
  return { difference: p2 - p1, statistic: z, pValue: normalTwoSided(z) };
}

export interface Moments {
  n: number;
  mean: number;
  /** sample variance (n - 1 in the denominator) */
  variance: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? outOfBounds();
    const d = v - mean;
    mean += d / (i + 1);
    m2 += d * (v - mean);
  }
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

/**
 * Welch's t-test (unequal variances) with Welch–Satterthwaite degrees of freedom; b minus a.
 * Two groups with zero variance: t = 0, p = 1 when the means are equal, else p = 0.
 */
export function welchT(a: Moments, b: Moments): TestResult {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const diff = b.mean - a.mean;
  const se2 = va + vb;
  if (se2 === 0) {
    return {
      difference: diff,
      statistic: diff === 0 ? 0 : Math.sign(diff) * Infinity,
      pValue: diff === 0 ? 1 : 0,
      df: a.n + b.n - 2,
    };
  }
  const t = diff / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { difference: diff, statistic: t, pValue: studentTTwoSided(t, df), df };
}

/** Median of the values (mean of the two middle ones for an even count); null when empty. */
export function median(values: ArrayLike<number>): number | null {
  const count = values.length;
  if (count === 0) return null;
  const copy = values instanceof Float64Array ? values.slice() : Float64Array.from(values);
  const mid = count >> 1;
  // NaN has no place in a selection's comparisons: sort as the definition does (NaN last); and a
  // sort puts -0 before +0, which comparisons cannot tell apart: count what sorts before +0
  let belowZero = 0;
  for (let i = 0; i < count; i++) {
    const value = copy[i] ?? outOfBounds();
    if (value < 0 || Object.is(value, -0)) belowZero++;
    else if (Number.isNaN(value)) {
      copy.sort();
      return count % 2
        ? (copy[mid] ?? outOfBounds())
        : ((copy[mid - 1] ?? outOfBounds()) + (copy[mid] ?? outOfBounds())) / 2;
    }
  }
  // the middle order statistics by selection, O(n), instead of sorting every value; a zero takes
  // its sign from its sorted position
  const signed = (k: number, v: number) => (v !== 0 ? v : k < belowZero ? -0 : 0);
  const hi = signed(mid, select(copy, mid));
  if (count % 2) return hi;
  // the (mid - 1)-th smallest is the largest of the ones selection left before position mid
  let lo = copy[0] ?? outOfBounds();
  for (let i = 1; i < mid; i++) if ((copy[i] ?? outOfBounds()) > lo) lo = copy[i] ?? outOfBounds();
  return (signed(mid - 1, lo) + hi) / 2;
}
