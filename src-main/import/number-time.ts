// Numbers as times, read by their value rather than their text: epoch seconds, ms, us or ns told
// apart by magnitude, or a date spelled in digits, and only inside the plausible span; else NaN.

/** Epoch seconds, ms, us or ns, told apart by magnitude (1e11 s is the year 5138). */
export function epochMs(n: number): number {
  const a = Math.abs(n);
  if (a < 1e11) return Math.round(n * 1000);
  if (a < 1e14) return Math.round(n);
  if (a < 1e17) return Math.round(n / 1000);
  return Math.round(n / 1e6);
}

/**
 * The span a number read as an epoch time must land in: 1990-01-01 to 2100-01-01 UTC. A number
 * outside it is not silently stored (a CleverTap `ts` 20240630153000 read as ms is the year 2611).
 */
export const PLAUSIBLE_FROM = Date.UTC(1990, 0, 1);
export const PLAUSIBLE_TO = Date.UTC(2100, 0, 1);

/**
 * A whole number whose digits spell a date: YYYYMMDD, YYYYMMDDHHmm or YYYYMMDDHHmmss (UTC wall
 * clock unless `wall` says otherwise), in the plausible span; else NaN.
 */
type Wall = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => number;
const utcWall: Wall = (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

export function digitDate(n: number, wall: Wall = utcWall): number {
  if (!Number.isSafeInteger(n) || n <= 0) return Number.NaN;
  const s = String(n);
  if (s.length !== 8 && s.length !== 12 && s.length !== 14) return Number.NaN;
  const y = Number(s.slice(0, 4));
  const mo = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const h = s.length > 8 ? Number(s.slice(8, 10)) : 0;
  const mi = s.length > 8 ? Number(s.slice(10, 12)) : 0;
  const sec = s.length > 12 ? Number(s.slice(12, 14)) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  // 31 February is not a date: the day must survive the round trip
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return Number.NaN;
  const t = wall(y, mo, d, h, mi, sec, 0);
  return t >= PLAUSIBLE_FROM && t < PLAUSIBLE_TO ? t : Number.NaN;
}

/**
 * A number as a time: epoch s/ms/us/ns by magnitude when that lands in the plausible span, else
 * a date spelled in digits (YYYYMMDD[HHmm[ss]]), else NaN (the row is reported, never stored).
 */
export function numberTime(n: number, wall?: Wall): number {
  if (!Number.isFinite(n)) return Number.NaN;
  const t = epochMs(n);
  if (t >= PLAUSIBLE_FROM && t < PLAUSIBLE_TO) return t;
  return digitDate(n, wall);
}
