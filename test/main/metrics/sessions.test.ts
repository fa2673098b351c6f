import { afterEach, describe, expect, it } from "vitest";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { run } from "./helpers.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const day = { from: "2024-06-03", to: "2024-06-03" };

describe("sessions", () => {
  const spec = {
    // two gap sessions: 10:00-10:10 (600 s), then 40 minutes of silence, 10:50-10:55 (300 s)
    gaps: [
      ["a", "2024-06-03T10:00Z"],
      ["b", "2024-06-03T10:10Z"],
      ["c", "2024-06-03T10:50Z"],
      ["d", "2024-06-03T10:55Z"],
    ],
    // one id-session across a 45-minute pause (2,700 s) and a lone event without an id (0 s)
    ids: [
      ["a", "2024-06-03T09:00Z", { session_id: "s1" }],
      ["b", "2024-06-03T09:45Z", { session_id: "s1" }],
      ["c", "2024-06-03T12:00Z"],
    ],
  } as const;

  it("cuts by the session property when present, else by a 30-minute gap", async () => {
    j = journeys(JSON.parse(JSON.stringify(spec)));
    const r = await run(j, { kind: "sessions", range: day });
    expect(r.sessions).toBe(4);
    expect(r.users).toBe(2);
    expect(r.sessionsPerUser).toBe(2);
    expect(r.sessionsFromProperty).toBe(1);
    expect(r.medianSeconds).toBe(450);
    expect(r.avgSeconds).toBe(900);
    // buckets from 0, 10, 30, 60, 180, 600, 1800, 3600, 10800 s
    expect(r.lengths.counts).toEqual([1, 0, 0, 0, 1, 1, 1, 0, 0]);
    expect(r.days).toEqual([{ date: "2024-06-03", users: 2, sessions: 4, avgSecondsPerUser: 1800 }]);
    expect(r.timePerUserDay).toEqual({ avgSeconds: 1800, medianSeconds: 1800 });
  });

  it("takes a configurable gap and can ignore the property", async () => {
    j = journeys(JSON.parse(JSON.stringify(spec)));
    const r = await run(j, {
      kind: "sessions",
      range: day,
      gap: { value: 1, unit: "hour" },
      sessionProperty: null,
    });
    // gaps: one 55-minute session; ids: 09:00-09:45 then 12:00 alone
    expect(r.sessions).toBe(3);
    expect(r.sessionsFromProperty).toBe(0);
    expect(r.avgSeconds).toBe((3300 + 2700 + 0) / 3);
  });
});

describe("activityHeatmap", () => {
  it("places events by weekday and hour in the timezone, across a DST change", async () => {
    j = journeys({
      u: [
        ["x", "2024-06-03T08:30Z"], // Monday 10:30 in Berlin (UTC+2)
        ["x", "2024-01-07T23:30Z"], // Sunday in UTC, Monday 00:30 in Berlin (UTC+1)
        ["x", "2024-03-31T00:30Z"], // Sunday 01:30 CET, before the jump
        ["x", "2024-03-31T01:30Z"], // Sunday 03:30 CEST, after it
        ["x", "2024-06-03T08:45Z"], // same cell as the first
      ],
      v: [["x", "2024-06-03T08:10Z"]],
    });
    const q = {
      kind: "activityHeatmap",
      range: { from: "2024-01-01", to: "2024-06-30" },
      timezone: "Europe/Berlin",
    } as const;
    const ev = await run(j, q);
    expect(ev.total).toBe(6);
    expect(ev.cells[0]?.[10]).toBe(3);
    expect(ev.cells[0]?.[0]).toBe(1);
    expect(ev.cells[6]?.[1]).toBe(1);
    expect(ev.cells[6]?.[3]).toBe(1);
    expect(ev.cells.flat().reduce((a, b) => a + b, 0)).toBe(6);
    const us = await run(j, { ...q, measure: "users" });
    expect(us.cells[0]?.[10]).toBe(2);
    expect(us.total).toBe(2);
  });
});
