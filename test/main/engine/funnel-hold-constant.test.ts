import { afterEach, describe, expect, it } from "vitest";
import type { FunnelResult, SegmentCountResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

// holdConstant (issue 15, resources/docs/queries.md "Funnel options"): every step event of an
// attempt carries the first-step event's value of the held properties.

let j: Journeys | undefined;
afterEach(() => j?.close());

const range = { from: "2024-06-01", to: "2024-06-30" };
const steps3 = [{ event: "signup" }, { event: "view" }, { event: "buy" }];
const ios = { platform: "ios" };
const web = { platform: "web" };
const counts = (r: FunnelResult) => r.steps.map((s) => s.count);
function funnel(extra: Record<string, unknown> = {}): Promise<FunnelResult> {
  return runQuery<FunnelResult>(j as Journeys, { kind: "funnel", steps: steps3, range, ...extra });
}
const hold = { holdConstant: ["platform"] };

describe("funnel holdConstant", () => {
  it("does not count a step done with another value; the first step fixes the value", async () => {
    j = journeys({
      switched: [
        ["signup", "2024-06-01T10:00Z", ios],
        ["view", "2024-06-01T11:00Z", web],
        ["buy", "2024-06-01T12:00Z", ios],
      ],
      // the web signup reaches nothing; the later ios signup starts an attempt of its own
      second_entry: [
        ["signup", "2024-06-02T10:00Z", web],
        ["signup", "2024-06-02T11:00Z", ios],
        ["view", "2024-06-02T12:00Z", ios],
        ["buy", "2024-06-02T13:00Z", ios],
      ],
      // a missing value is a value of its own: two events without it agree
      no_platform: [
        ["signup", "2024-06-03T10:00Z"],
        ["view", "2024-06-03T11:00Z"],
        ["buy", "2024-06-03T12:00Z", web],
      ],
    });
    expect(counts(await funnel())).toEqual([3, 3, 3]);
    const r = await funnel(hold);
    expect(counts(r)).toEqual([3, 2, 1]);
    // times come from the counted (ios) attempt of second_entry, not its first signup
    expect(r.steps[1]?.medianSecondsFromPrevious).toBe(3600);
  });

  it("keeps the window from the first step: a matching value after it does not count", async () => {
    j = journeys({
      late: [
        ["signup", "2024-06-01T10:00Z", ios],
        ["view", "2024-06-01T11:00Z", web],
        ["view", "2024-06-02T10:00:01Z", ios],
      ],
      at_bound: [
        ["signup", "2024-06-01T10:00Z", ios],
        ["view", "2024-06-02T10:00Z", ios],
      ],
    });
    expect(counts(await funnel({ ...hold, window: { value: 1, unit: "day" } }))).toEqual([2, 1, 0]);
  });

  it("among equally far attempts counts the earliest start, ties in import order", async () => {
    j = journeys({
      tie: [
        ["signup", "2024-06-01T10:00Z", web],
        ["signup", "2024-06-01T10:00Z", ios],
        ["view", "2024-06-01T11:00Z", ios],
        ["view", "2024-06-01T12:00Z", web],
      ],
    });
    const r = await funnel({ ...hold, breakdown: { property: "platform" } });
    expect(counts(r)).toEqual([1, 1, 0]);
    // the web signup was imported first: its attempt (view at 12:00) is the counted one
    expect(r.steps[1]?.medianSecondsFromPrevious).toBe(7200);
    expect(r.breakdown?.map((b) => b.value)).toEqual(["web"]);
  });

  it("strict: an event with another value between two steps breaks the attempt", async () => {
    j = journeys({
      u: [
        ["signup", "2024-06-01T10:00Z", ios],
        ["view", "2024-06-01T11:00Z", web],
        ["view", "2024-06-01T12:00Z", ios],
        ["buy", "2024-06-01T13:00Z", ios],
      ],
    });
    expect(counts(await funnel({ ...hold, order: "strict" }))).toEqual([1, 0, 0]);
    expect(counts(await funnel({ ...hold, order: "ordered" }))).toEqual([1, 1, 1]);
  });

  it("unordered: the attempt's start event fixes the value", async () => {
    j = journeys({
      u: [
        ["buy", "2024-06-01T09:00Z", web],
        ["view", "2024-06-01T10:00Z", ios],
        ["signup", "2024-06-01T11:00Z", ios],
      ],
    });
    expect(counts(await funnel({ ...hold, order: "unordered" }))).toEqual([1, 1, 0]);
    expect(counts(await funnel({ order: "unordered" }))).toEqual([1, 1, 1]);
  });

  it("an exclusion event excludes whatever its value", async () => {
    j = journeys({
      u: [
        ["signup", "2024-06-01T10:00Z", ios],
        ["refund", "2024-06-01T10:30Z", web],
        ["view", "2024-06-01T11:00Z", ios],
      ],
    });
    const exclusions = [{ event: { event: "refund" }, fromStep: 0, toStep: 1 }];
    expect(counts(await funnel({ ...hold, exclusions }))).toEqual([0, 0, 0]);
  });

  it("holds several properties at once, and reaches segment conditions", async () => {
    j = journeys({
      same: [
        ["signup", "2024-06-01T10:00Z", { platform: "ios", country: "DE" }],
        ["view", "2024-06-01T11:00Z", { platform: "ios", country: "DE" }],
      ],
      moved: [
        ["signup", "2024-06-01T10:00Z", { platform: "ios", country: "DE" }],
        ["view", "2024-06-01T11:00Z", { platform: "ios", country: "FR" }],
      ],
    });
    const both = { holdConstant: ["platform", "country"] };
    expect(counts(await funnel(both))).toEqual([2, 1, 0]);
    const seg = (k: number) =>
      runQuery<SegmentCountResult>(j as Journeys, {
        kind: "segmentCount",
        segment: { funnel: { kind: "funnel", steps: steps3, range, ...both }, reached: k },
      });
    expect((await seg(1)).users).toBe(1);
  });

  it("refuses unknown, virtual and repeated properties, naming the field", async () => {
    j = journeys({ u: [["signup", "2024-06-01T10:00Z", ios]] });
    await expect(funnel({ holdConstant: ["platfrom"] })).rejects.toThrow(/unknown event property "platfrom"/);
    await expect(funnel({ holdConstant: ["$hour"] })).rejects.toThrow(/holdConstant\[0\]/);
    await expect(funnel({ holdConstant: ["platform", "platform"] })).rejects.toThrow(/holdConstant\[1\]/);
    await expect(funnel({ holdConstant: [] })).rejects.toThrow(/holdConstant/);
  });
});
