import { afterEach, describe, expect, it } from "vitest";
import type { RetentionResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const base = {
  kind: "retention",
  target: { event: "signup" },
  return: { event: "visit" },
  interval: "day",
  periods: 3,
  range: { from: "2024-06-01", to: "2024-06-03" },
};
const retention = (extra: Record<string, unknown> = {}) =>
  runQuery<RetentionResult>(j as Journeys, { ...base, ...extra });
const table = (r: RetentionResult) => r.cohorts.map((c) => [c.start, c.size, c.values, c.incomplete]);

describe("retention cohorts and periods", () => {
  it("makes one cohort per period of the range, with trailing periods past the read range counted as incomplete", async () => {
    j = journeys({
      back_next_day: [
        ["signup", "2024-06-01T10:00Z"],
        ["visit", "2024-06-02T10:00Z"],
        ["visit", "2024-06-02T11:00Z"],
      ],
      never_back: [["signup", "2024-06-02T10:00Z"]],
      back_after_read_range: [
        ["signup", "2024-06-03T10:00Z"],
        ["visit", "2024-06-04T10:00Z"],
      ],
    });
    expect(table(await retention())).toEqual([
      ["2024-06-01", 1, [1, 1, 0], 0],
      ["2024-06-02", 1, [1, 0, 0], 1],
      ["2024-06-03", 1, [1, 0, 0], 2],
    ]);
  });

  it("values[0] needs no return event; on counts the exact period, onOrAfter that period or any later one read", async () => {
    j = journeys({
      back_on_day_2: [
        ["signup", "2024-06-01T10:00Z"],
        ["visit", "2024-06-03T10:00Z"],
      ],
    });
    expect((await retention()).cohorts[0]?.values).toEqual([1, 0, 1]);
    expect((await retention({ measure: "onOrAfter" })).cohorts[0]?.values).toEqual([1, 1, 1]);
  });
});

describe("retention modes", () => {
  const spec = {
    signed_up_twice: [
      ["signup", "2024-06-01T10:00Z", { ok: false }],
      ["signup", "2024-06-02T10:00Z", { ok: true }],
    ],
    history_before_range: [
      ["signup", "2024-05-20T10:00Z", { ok: true }],
      ["signup", "2024-06-02T10:00Z", { ok: true }],
    ],
  } as const;
  it("recurring puts a user in the cohort of every period with the target event", async () => {
    j = journeys(structuredClone(spec) as never);
    expect((await retention()).cohorts.map((c) => c.size)).toEqual([1, 2, 0]);
  });
  it("firstTime uses the first target event passing the wheres, with history before the range", async () => {
    j = journeys(structuredClone(spec) as never);
    const r = await retention({
      mode: "firstTime",
      target: { event: "signup", where: [{ property: "ok", op: "eq", value: true }] },
    });
    expect(r.cohorts.map((c) => c.size)).toEqual([0, 1, 0]);
  });
  it("firstEver uses the very first target-named event, ignoring wheres, and drops the user when it fails them", async () => {
    j = journeys(structuredClone(spec) as never);
    const r = await retention({
      mode: "firstEver",
      target: { event: "signup", where: [{ property: "ok", op: "eq", value: true }] },
    });
    expect(r.cohorts.map((c) => c.size)).toEqual([0, 0, 0]);
    const all = await retention({ mode: "firstEver" });
    expect(all.cohorts.map((c) => c.size)).toEqual([1, 0, 0]);
  });
});

describe("retention calendar", () => {
  it("starts weeks on the chosen weekday and uses calendar months", async () => {
    j = journeys({
      sunday_signup: [
        ["signup", "2024-06-02T10:00Z"],
        ["visit", "2024-06-03T10:00Z"],
      ],
    });
    const monday = await retention({
      interval: "week",
      periods: 2,
      range: { from: "2024-06-02", to: "2024-06-02" },
    });
    expect(table(monday)).toEqual([["2024-05-27", 1, [1, 0], 1]]);
    const sunday = await retention({
      interval: "week",
      periods: 2,
      weekStart: "sunday",
      range: { from: "2024-06-02", to: "2024-06-09" },
    });
    expect(table(sunday)).toEqual([
      ["2024-06-02", 1, [1, 0], 0],
      ["2024-06-09", 0, [0, 0], 1],
    ]);
    const months = await retention({
      interval: "month",
      periods: 2,
      range: { from: "2024-05-31", to: "2024-06-01" },
    });
    expect(months.cohorts.map((c) => c.start)).toEqual(["2024-05-01", "2024-06-01"]);
  });

  it("buckets days in the query's timezone across a DST change (a 23-hour day)", async () => {
    j = journeys({
      // 2024-03-10 is 23 hours long in New York: 04:30Z on the 11th is 00:30 EDT on the 11th
      after_spring_forward: [
        ["signup", "2024-03-10T05:30Z"],
        ["visit", "2024-03-11T04:30Z"],
      ],
      // 03:30Z on the 11th is still 23:30 EDT on the 10th
      same_local_day: [
        ["signup", "2024-03-10T05:30Z"],
        ["visit", "2024-03-11T03:30Z"],
      ],
    });
    const r = await retention({
      timezone: "America/New_York",
      periods: 2,
      range: { from: "2024-03-10", to: "2024-03-10" },
    });
    expect(table(r)).toEqual([["2024-03-10", 2, [2, 0], 1]]);
    const r2 = await retention({
      timezone: "America/New_York",
      periods: 2,
      range: { from: "2024-03-10", to: "2024-03-11" },
    });
    expect(r2.cohorts[0]?.values).toEqual([2, 1]);
  });
});
