import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionResult } from "../../../src-preload/contract/results.ts";
import { propertyRuns } from "../../helpers/cluster-runs.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

// Retention brackets against a reference written from the spec: every event's local date through
// Intl, cohorts as sets of users per period, a bracket = returned in any of its periods that were read.

const BASE = Date.UTC(2024, 10, 1, 0, 0);
const NAMES = ["a", "b"];

function localDate(ms: number, tz: string): string {
  const p: Record<string, string> = {};
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
  return `${p.year}-${p.month}-${p.day}`;
}
function shift(d: string, n: number): string {
  return new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
function periodOf(d: string, interval: "day" | "week"): string {
  if (interval === "day") return d;
  let x = d;
  while (new Date(`${x}T12:00:00Z`).getUTCDay() !== 1) x = shift(x, -1);
  return x;
}

const usersArb = fc.array(
  fc.array(fc.record({ event: fc.constantFrom(...NAMES), slot: fc.integer({ min: 0, max: 20 * 24 }) }), {
    maxLength: 10,
  }),
  { minLength: 1, maxLength: 6 },
);
const bracketArb = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }))
  .map(([from, w]) => ({ from, to: from + w }));

describe("retention brackets = reference", () => {
  it("counts cohort members returning in any period of each bracket", async () => {
    await fc.assert(
      fc.asyncProperty(
        usersArb,
        fc.array(bracketArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("day" as const, "week" as const),
        fc.constantFrom("on" as const, "onOrAfter" as const),
        fc.constantFrom("UTC", "America/New_York"),
        fc.integer({ min: 0, max: 8 }),
        async (users, brackets, interval, measure, zone, len) => {
          const spec: JourneySpec = {};
          const logs: { event: string; time: number }[][] = users.map((evs) =>
            evs.map((e) => ({ event: e.event, time: BASE + e.slot * 53 * 60_000 })),
          );
          logs.forEach((evs, i) => {
            spec[`u${i}`] = evs.map((e) => [e.event, e.time] as [string, number]);
          });
          const from = "2024-11-02";
          const to = shift(from, len);
          const q: RetentionQuery = {
            kind: "retention",
            target: { event: "a" },
            return: { event: "b" },
            interval,
            periods: 3,
            range: { from, to },
            measure,
            brackets,
          };
          const j = journeys(spec, { timezone: zone });
          try {
            const got = await runQuery<RetentionResult>(j, q);
            const cohorts: string[] = [];
            for (let d = from; d <= to; d = shift(d, 1)) {
              const p = periodOf(d, interval);
              if (!cohorts.includes(p)) cohorts.push(p);
            }
            const C = cohorts.length;
            const want = cohorts.map((_, c) =>
              brackets.map((b) => {
                let n = 0;
                for (const evs of logs) {
                  const idx = (e: { time: number }) =>
                    cohorts.indexOf(periodOf(localDate(e.time, zone), interval));
                  if (!evs.some((e) => e.event === "a" && idx(e) === c)) continue;
                  const returns = evs
                    .filter((e) => e.event === "b")
                    .map(idx)
                    .filter((k) => k >= 0);
                  const hit =
                    measure === "on"
                      ? returns.some((k) => k >= c + b.from && k <= c + b.to)
                      : returns.some((k) => k >= c + b.from);
                  if (hit) n++;
                }
                return n;
              }),
            );
            expect(got.cohorts.map((x) => x.brackets)).toEqual(want);
            expect(got.cohorts.map((x) => x.bracketsIncomplete)).toEqual(
              cohorts.map((_, c) => brackets.filter((b) => c + b.to >= C).length),
            );
          } finally {
            j.close();
          }
        },
      ),
      { numRuns: propertyRuns(80) },
    );
  }, 120_000);
});
