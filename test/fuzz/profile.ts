import fs from "node:fs";
import path from "node:path";

// Two profiles for every suite here: CI (the default, a couple of minutes of CPU in all) and long
// (`npm run fuzz`, STRATA_FUZZ=long). The seed is fixed unless STRATA_FUZZ_SEED says otherwise, so a
// failure names its seed and case number and re-runs exactly.

export const LONG = process.env.STRATA_FUZZ === "long";
export const SEED = Number(process.env.STRATA_FUZZ_SEED ?? 20_2026);

export function count(ci: number, long: number): number {
  return LONG ? long : ci;
}

/** mulberry32: small, fast, good enough to pick mutations reproducibly */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
export const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Writes a suite's counts to test-results/fuzz/<name>.json and prints them, for the report. */
export function publish(name: string, counts: Record<string, unknown>): void {
  const dir = path.join(import.meta.dirname, "../../test-results/fuzz");
  fs.mkdirSync(dir, { recursive: true });
  const body = { suite: name, profile: LONG ? "long" : "ci", seed: SEED, ...counts };
  fs.writeFileSync(
    path.join(dir, `${name}-${LONG ? "long" : "ci"}.json`),
    `${JSON.stringify(body, null, 2)}\n`,
  );
  console.log(`[fuzz] ${JSON.stringify(body)}`);
}
