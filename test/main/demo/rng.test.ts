import { describe, expect, it } from "vitest";
import { dayOf, END_MS, START_MS, weekday } from "../../../src-main/demo/calendar.ts";
import { cdf, Rng } from "../../../src-main/demo/rng.ts";

const draws = (r: Rng, n: number) => Array.from({ length: n }, () => r.next());

describe("demo Rng", () => {
  it("gives the same sequence for the same seed and stream, another for another stream or seed", () => {
    const a = draws(new Rng(7, 3), 50);
    expect(draws(new Rng(7, 3), 50)).toEqual(a);
    expect(draws(new Rng(7, 4), 50)).not.toEqual(a);
    expect(draws(new Rng(8, 3), 50)).not.toEqual(a);
  });

  it("stays in range and spreads evenly", () => {
    const r = new Rng(1);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]++;
    }
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(200);
    for (let i = 0; i < 1000; i++) {
      const k = r.between(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
  });

  it("draws weighted indices in proportion and never a zero-weight one", () => {
    const r = new Rng(2);
    const c = cdf([1, 0, 3]);
    const n = [0, 0, 0];
    for (let i = 0; i < 8000; i++) n[r.weighted(c)]!++;
    expect(n[1]).toBe(0);
    expect(n[2]! / n[0]!).toBeGreaterThan(2.6);
    expect(n[2]! / n[0]!).toBeLessThan(3.4);
  });

  it("has geometric counts with about the requested mean, and fills patterns", () => {
    const r = new Rng(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += r.geometric(2.5);
    expect(sum / 20_000).toBeGreaterThan(2.3);
    expect(sum / 20_000).toBeLessThan(2.7);
    expect(r.pattern("+1###55501##")).toMatch(/^\+1\d{3}55501\d{2}$/);
    expect(r.pattern("M#@ #@#")).toMatch(/^M\d[A-Z] \d[A-Z]\d$/);
  });
});

describe("demo calendar", () => {
  it("spans 120 days ending on 2026-10-31 and knows weekdays", () => {
    expect(new Date(START_MS).toISOString()).toBe("2026-07-04T00:00:00.000Z");
    expect(new Date(END_MS).toISOString()).toBe("2026-10-31T23:59:59.999Z");
    expect(dayOf("2026-10-31")).toBe(119);
    // 2026-07-04 is a Saturday, 2026-07-06 a Monday
    expect(weekday(0)).toBe(5);
    expect(weekday(dayOf("2026-07-06"))).toBe(0);
  });
});
