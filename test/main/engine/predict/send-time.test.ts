import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { BestSendTimeResult } from "../../../../src-preload/contract/predict.ts";
import type { SegmentCountResult, SegmentMembersResult } from "../../../../src-preload/contract/results.ts";
import type { JourneySpec } from "../../../helpers/journeys.ts";
import { type Journeys, journeys } from "../../../helpers/journeys.ts";
import { runQuery } from "../run-query.ts";
import { localParts, oracleSpec, sendTimeOracle } from "./send-time-oracle.ts";

// Best send hour and weekday against a slow oracle that reads every event's local clock with its own
// Intl formatter (no shared calendar code). The as-of day 2024-11-10 puts Europe's and North
// America's fall-back days, Adelaide's spring-forward day and half-hour zones inside the 90 days.

let open: Journeys[] = [];
afterEach(() => {
  for (const j of open) j.close();
  open = [];
});

const AS_OF = "2024-11-10";
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kolkata", // +05:30
  "Australia/Adelaide", // +09:30 / +10:30
  "America/St_Johns", // -03:30 / -02:30
  "Mars/Olympus", // not a zone: the query's timezone is used
  "+05:30", // an offset, which Intl reads but is not an IANA name: the query's timezone too
  null,
] as const;

async function engineAnswer(j: Journeys, timezone: string): Promise<[number, number][]> {
  const r = await runQuery<SegmentMembersResult>(j, {
    kind: "segmentMembers",
    segment: { all: [] },
    attributes: ["$bestSendHour", "$bestSendWeekday"],
    limit: 100_000,
    timezone,
  });
  return r.rows.map((row) => [
    row.attributes.$bestSendHour as number,
    row.attributes.$bestSendWeekday as number,
  ]);
}

const END = Date.parse(`${AS_OF}T23:59:59Z`);
// events from 100 days before the as-of day (some fall outside the 90 days) to a day after it
const time = fc.integer({ min: END - 100 * 86_400_000, max: END + 86_400_000 });

describe("$bestSendHour and $bestSendWeekday", () => {
  it("agree with the slow oracle for users in many zones, DST and half-hour ones included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            tz: fc.constantFrom(...ZONES),
            times: fc.array(time, { maxLength: 25 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        fc.constantFrom("UTC", "America/Los_Angeles", "Asia/Kathmandu"),
        async (raw, queryTz) => {
          const users = raw.map((u) => ({ tz: u.tz, times: [...u.times].sort((a, b) => a - b) }));
          const j = journeys(oracleSpec(users), { asOf: { mode: "fixed", date: AS_OF } });
          try {
            expect(await engineAnswer(j, queryTz)).toEqual(sendTimeOracle(users, queryTz, AS_OF));
          } finally {
            j.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("recover planted local evening peaks in DST and :30 zones, as filters and in the heatmap", async () => {
    // each user is active at 19:xx local time on 20 days, and at one random other hour on 10 days
    const zones = [
      "Europe/Berlin",
      "America/New_York",
      "Asia/Kolkata",
      "Australia/Adelaide",
      "America/St_Johns",
    ];
    const spec: JourneySpec = {};
    zones.forEach((tz, z) => {
      for (let i = 0; i < 4; i++) {
        const events: [string, number][] = [];
        for (let d = 0; d < 30; d++) {
          const day = `2024-${d < 15 ? "10" : "11"}-${String(d < 15 ? 16 + d : d - 14).padStart(2, "0")}`;
          const local = (h: number) => {
            // the UTC instant of local time h:10 on that day: try the zone's offsets around it
            for (let off = -14; off <= 14; off += 0.5) {
              const t = Date.parse(`${day}T${String(h).padStart(2, "0")}:10:00Z`) - off * 3_600_000;
              const p = localParts(t, tz);
              if (p.date === day && p.hour === h) return t;
            }
            throw new Error("no such local time");
          };
          if (d % 3 !== 0) events.push(["open", local(19)]);
          else events.push(["open", local((d * 7 + i) % 12)]);
        }
        events.sort((a, b) => a[1] - b[1]);
        spec[`${z}-${i}`] = { events, attributes: { timezone: tz } };
      }
    });
    spec.silent = { attributes: { timezone: "Asia/Kolkata" } };
    const j = journeys(spec, { asOf: { mode: "fixed", date: AS_OF } });
    open.push(j);
    const at19 = await runQuery<SegmentCountResult>(j, {
      kind: "segmentCount",
      segment: { attribute: { property: "$bestSendHour", scope: "user", op: "eq", value: 19 } },
    });
    // the silent user gets the global winner, which is 19 too
    expect(at19.users).toBe(21);
    const heat = await runQuery<BestSendTimeResult>(j, { kind: "bestSendTime" });
    expect(heat.users).toBe(21);
    expect(heat.hours[19]).toBe(21);
    expect(heat.fallback).toBe(1);
    expect(heat.grid.flat().reduce((a, b) => a + b, 0)).toBe(21);
  });

  it("break a funnel down by $bestSendHour (scope user)", async () => {
    const j = journeys(
      {
        a: [
          ["open", "2024-11-01T09:10Z"],
          ["open", "2024-11-02T09:20Z"],
        ],
        b: [["open", "2024-11-03T21:00Z"]],
        c: [["open", "2024-11-04T21:30Z"]],
      },
      { asOf: { mode: "fixed", date: AS_OF } },
    );
    open.push(j);
    const r = await runQuery<{ breakdown?: { value: unknown; steps: { count: number }[] }[] }>(j, {
      kind: "funnel",
      steps: [{ event: "open" }],
      range: { last: 30, unit: "day" },
      breakdown: { property: "$bestSendHour", scope: "user" },
    });
    const byHour = Object.fromEntries(
      (r.breakdown ?? []).map((row) => [String(row.value), row.steps[0]?.count]),
    );
    expect(byHour).toEqual({ "9": 1, "21": 2 });
  });

  it("break a tie by the earliest hour and give users without events the global winner", async () => {
    const j = journeys(
      {
        tie: [
          ["x", "2024-11-01T05:00Z"],
          ["x", "2024-11-02T03:00Z"],
        ],
        morning: [
          ["x", "2024-11-03T08:00Z"],
          ["x", "2024-11-04T08:30Z"],
          ["x", "2024-11-04T08:45Z"],
        ],
        nobody: { attributes: { plan: "x" } },
        old: [["x", "2024-01-01T10:00Z"]],
      },
      { asOf: { mode: "fixed", date: AS_OF } },
    );
    open.push(j);
    // global: hour 8 has 2 user-days, 3 and 5 one each -> 8; weekdays: Fri, Sat, Sun, Mon one each -> Monday
    expect(await engineAnswer(j, "UTC")).toEqual([
      [3, 5],
      [8, 1],
      [8, 1],
      [8, 1],
    ]);
  });
});
