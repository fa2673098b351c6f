import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { propertyRuns } from "../../helpers/cluster-runs.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { oracleFunnel } from "./oracle/funnel.ts";
import type { Ev, Log } from "./oracle/log.ts";
import { runQuery } from "./run-query.ts";

// Conversion over time: per day or week of entry (the first-step time of each user's counted
// attempt), users entering and users reaching the last step, against the brute-force funnel and a
// calendar read through Intl, around the US fall DST change.

const BASE = Date.UTC(2024, 10, 1, 0, 0);
const NAMES = ["a", "b", "c"];

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
function periodOf(d: string, interval: "day" | "week", weekStart: "monday" | "sunday"): string {
  if (interval === "day") return d;
  let x = d;
  const first = weekStart === "monday" ? "Mon" : "Sun";
  while (new Date(`${x}T12:00:00Z`).toUTCString().slice(0, 3) !== first) x = shift(x, -1);
  return x;
}

const usersArb = fc.array(
  fc.array(fc.record({ event: fc.constantFrom(...NAMES), slot: fc.integer({ min: 0, max: 9 * 24 }) }), {
    maxLength: 8,
  }),
  { minLength: 1, maxLength: 6 },
);

describe("funnel conversion over time = reference", () => {
  it("counts entries and conversions per day or week of entry", async () => {
    await fc.assert(
      fc.asyncProperty(
        usersArb,
        fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }),
        fc.constantFrom("day" as const, "week" as const),
        fc.constantFrom("monday" as const, "sunday" as const),
        fc.constantFrom("UTC", "America/New_York"),
        fc.integer({ min: 0, max: 3 }),
        async (users, steps, interval, weekStart, zone, len) => {
          const log: Log = { users: [], events: [] };
          const spec: JourneySpec = {};
          let seq = 0;
          users.forEach((evs, i) => {
            const id = `u${i}`;
            log.users.push({ id, attrs: {}, createdAt: null });
            const timed = evs.map((e) => ({ event: e.event, time: BASE + e.slot * 47 * 60_000 }));
            for (const e of timed) log.events.push({ user: id, ...e, props: {}, seq: seq++ } as Ev);
            spec[id] = timed.map((e) => [e.event, e.time] as [string, number]);
          });
          const q: FunnelQuery = {
            kind: "funnel",
            steps: steps.map((event) => ({ event })),
            window: { value: 1, unit: "day" },
            range: { from: "2024-11-02", to: shift("2024-11-02", len * 2) },
            conversionOverTime: interval,
          };
          const j = journeys(spec, { timezone: zone, weekStart });
          try {
            const got = await runQuery<FunnelResult>(j, q);
            const from = "2024-11-02";
            const to = shift(from, len * 2);
            const starts: string[] = [];
            for (let d = from; d <= to; d = shift(d, 1)) {
              const p = periodOf(d, interval, weekStart);
              if (!starts.includes(p)) starts.push(p);
            }
            const want = starts.map((start) => ({
              start,
              entered: 0,
              converted: 0,
              conversion: null as number | null,
            }));
            for (const u of oracleFunnel(log, q, zone).values()) {
              const p = periodOf(localDate(u.times[0] as number, zone), interval, weekStart);
              const w = want.find((x) => x.start === p);
              if (!w) throw new Error(`entry ${p} outside the buckets`);
              w.entered++;
              if (u.reach === steps.length) w.converted++;
            }
            for (const w of want) w.conversion = w.entered === 0 ? null : w.converted / w.entered;
            expect(got.overTime).toEqual(want);
          } finally {
            j.close();
          }
        },
      ),
      { numRuns: propertyRuns(80) },
    );
  }, 120_000);
});
