import { afterEach, describe, expect, it } from "vitest";
import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const range = { from: "2024-06-01", to: "2024-06-30" };
const steps3 = [{ event: "signup" }, { event: "view" }, { event: "buy" }];
const counts = (r: FunnelResult) => r.steps.map((s) => s.count);
async function funnel(extra: Record<string, unknown> = {}, steps: unknown = steps3): Promise<FunnelResult> {
  return runQuery<FunnelResult>(j as Journeys, { kind: "funnel", steps, range, ...extra });
}

describe("funnel: exclusions", () => {
  const ex = (fromStep: number, toStep: number) => [{ event: { event: "cancel" }, fromStep, toStep }];
  it("excludes an attempt with an exclusion strictly between fromStep and toStep", async () => {
    j = journeys({
      cancelled_between: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["cancel", "2024-06-01T11:30Z"],
        ["buy", "2024-06-01T12:00Z"],
      ],
      cancelled_before: [
        ["cancel", "2024-06-01T09:00Z"],
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["buy", "2024-06-01T12:00Z"],
      ],
      cancel_same_instant_as_step: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["cancel", "2024-06-01T11:00Z"],
        ["buy", "2024-06-01T12:00Z"],
      ],
    });
    expect(counts(await funnel({ exclusions: ex(1, 2) }))).toEqual([2, 2, 2]);
  });

  it("uses another choice of later steps that avoids the exclusion", async () => {
    j = journeys({
      second_view_is_clean: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["cancel", "2024-06-01T11:30Z"],
        ["view", "2024-06-01T11:45Z"],
        ["buy", "2024-06-01T12:00Z"],
      ],
    });
    expect(counts(await funnel({ exclusions: ex(1, 2) }))).toEqual([1, 1, 1]);
  });

  it("drops a start that never reaches toStep when an exclusion follows fromStep within the window", async () => {
    j = journeys({
      stopped_then_cancelled: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["cancel", "2024-06-02T10:00Z"],
      ],
      cancelled_after_window: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["cancel", "2024-06-02T10:00:00.001Z"],
      ],
    });
    expect(counts(await funnel({ exclusions: ex(1, 2), window: { value: 1, unit: "day" } }))).toEqual([
      1, 1, 0,
    ]);
  });

  it("judges a start on its furthest attempts only and removes a user whose every start is dropped", async () => {
    j = journeys({
      only_start_dropped: [
        ["signup", "2024-06-01T10:00Z"],
        ["cancel", "2024-06-01T10:30Z"],
        ["view", "2024-06-01T11:00Z"],
      ],
      later_start_clean: [
        ["signup", "2024-06-01T10:00Z"],
        ["cancel", "2024-06-01T10:30Z"],
        ["view", "2024-06-01T11:00Z"],
        ["signup", "2024-06-05T10:00Z"],
      ],
    });
    expect(counts(await funnel({ exclusions: ex(0, 1) }))).toEqual([1, 0, 0]);
  });

  it("drops an unordered attempt with an exclusion before its last missing step", async () => {
    j = journeys({
      cancelled_midway: [
        ["view", "2024-06-01T10:00Z"],
        ["cancel", "2024-06-01T10:30Z"],
        ["signup", "2024-06-01T11:00Z"],
        ["buy", "2024-06-01T12:00Z"],
      ],
      cancelled_after_completion: [
        ["view", "2024-06-01T10:00Z"],
        ["signup", "2024-06-01T11:00Z"],
        ["buy", "2024-06-01T12:00Z"],
        ["cancel", "2024-06-01T12:30Z"],
      ],
    });
    const r = await funnel({ order: "unordered", exclusions: ex(0, 2) });
    // the first user's attempt starting at 10:30+ (signup, buy) is clean but reaches only 2 steps
    expect(counts(r)).toEqual([2, 2, 1]);
  });
});

describe("funnel: exclusion rules, continued", () => {
  const ex = (fromStep: number, toStep: number) => [{ event: { event: "cancel" }, fromStep, toStep }];
  const four = [{ event: "signup" }, { event: "view" }, { event: "cart" }, { event: "buy" }];

  it("drops a start whose furthest attempt is excluded even when a shorter one would be clean", async () => {
    j = journeys({
      cancelled_between_view_and_cart: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["cancel", "2024-06-01T11:30Z"],
        ["cart", "2024-06-01T12:00Z"],
        ["buy", "2024-06-01T13:00Z"],
      ],
    });
    expect(counts(await funnel({ exclusions: ex(1, 2) }, four))).toEqual([0, 0, 0, 0]);
  });

  it("counts exclusion events only inside the range and only when they pass the query's where", async () => {
    j = journeys({
      cancel_after_range: [
        ["signup", "2024-06-30T20:00Z"],
        ["cancel", "2024-07-01T01:00Z"],
      ],
      cancel_filtered_out: [
        ["signup", "2024-06-10T10:00Z", { ok: true }],
        ["cancel", "2024-06-10T11:00Z", { ok: false }],
      ],
    });
    const where = [{ property: "ok", op: "neq", value: false }];
    const r = await funnel({ exclusions: ex(0, 1), where }, [{ event: "signup" }, { event: "view" }]);
    expect(counts(r)).toEqual([2, 0]);
  });

  it("rejects exclusions outside 0 <= fromStep < toStep < steps, and unordered ones not spanning the funnel", async () => {
    j = journeys({ a: [["signup", "2024-06-01T10:00Z"]] });
    await expect(funnel({ exclusions: ex(1, 1) })).rejects.toThrow(/query\.exclusions\[0\]/);
    await expect(funnel({ exclusions: ex(0, 3) })).rejects.toThrow(/toStep < 3/);
    await expect(funnel({ order: "unordered", exclusions: ex(0, 1) })).rejects.toThrow(
      /span the whole funnel/,
    );
  });

  it("always has one entry per step, with zeros when nobody entered", async () => {
    j = journeys({ a: [["other", "2024-06-01T10:00Z"]] });
    const r = await funnel({}, [{ event: "signup" }, { event: "never_imported" }, { event: null }]);
    const empty = {
      count: 0,
      conversionFromStart: 0,
      conversionFromPrevious: 0,
      medianSecondsFromPrevious: null,
      avgSecondsFromPrevious: null,
    };
    expect(r.steps).toEqual([empty, empty, empty]);
  });
});
