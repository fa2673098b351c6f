import { afterEach, describe, expect, it } from "vitest";
import type { FunnelResult, SegmentCountResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

// optionalSteps (issue 15, resources/docs/queries.md "Funnel options"): the attempt is chosen on
// the required steps; an optional step counts the users whose counted attempt has an event for it
// strictly between the required steps around it.

let j: Journeys | undefined;
afterEach(() => j?.close());

const range = { from: "2024-06-01", to: "2024-06-30" };
const steps4 = [{ event: "signup" }, { event: "tutorial" }, { event: "view" }, { event: "buy" }];
const counts = (r: FunnelResult) => r.steps.map((s) => s.count);
function funnel(extra: Record<string, unknown> = {}, steps: unknown = steps4): Promise<FunnelResult> {
  return runQuery<FunnelResult>(j as Journeys, { kind: "funnel", steps, range, ...extra });
}
const opt = { optionalSteps: [1] };

describe("funnel optionalSteps", () => {
  it("counts the optional step without gating the next one", async () => {
    j = journeys({
      did_it: [
        ["signup", "2024-06-01T10:00Z"],
        ["tutorial", "2024-06-01T10:30Z"],
        ["view", "2024-06-01T11:00Z"],
        ["buy", "2024-06-01T12:00Z"],
      ],
      skipped: [
        ["signup", "2024-06-02T10:00Z"],
        ["view", "2024-06-02T12:00Z"],
        ["buy", "2024-06-02T13:00Z"],
      ],
      // after the next required step: not between, so not counted
      too_late: [
        ["signup", "2024-06-03T10:00Z"],
        ["view", "2024-06-03T11:00Z"],
        ["tutorial", "2024-06-03T11:30Z"],
        ["buy", "2024-06-03T12:00Z"],
      ],
      // never reached view: anywhere after signup within the window counts
      stopped: [
        ["signup", "2024-06-04T10:00Z"],
        ["tutorial", "2024-06-04T14:00Z"],
      ],
    });
    // required, the tutorial gates: only did_it passes it before a view
    expect(counts(await funnel())).toEqual([4, 3, 1, 1]);
    const r = await funnel(opt);
    expect(counts(r)).toEqual([4, 2, 3, 3]);
    // conversion from previous is against the previous required step (signup), for both
    expect(r.steps[1]?.conversionFromPrevious).toBeCloseTo(2 / 4);
    expect(r.steps[2]?.conversionFromPrevious).toBeCloseTo(3 / 4);
    expect(r.steps[3]?.conversionFromPrevious).toBe(1);
    // seconds from signup: tutorial 30 min and 4 h; view 1 h, 2 h, 1 h
    expect(r.steps[1]?.medianSecondsFromPrevious).toBe((1800 + 14_400) / 2);
    expect(r.steps[2]?.medianSecondsFromPrevious).toBe(3600);
    expect(r.steps[3]?.medianSecondsFromPrevious).toBe(3600);
    // the time-to-convert chart counts the optional step's times too: 30 min, and 4 h in the
    // bucket up to 6 h
    const edges = r.timeToConvert?.bucketsSeconds ?? [];
    const row = r.timeToConvert?.counts[1] ?? [];
    expect([row[edges.indexOf(1800)], row[edges.indexOf(21_600)]]).toEqual([1, 1]);
    expect(row.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("ties: an optional event at a required step's instant is not between them", async () => {
    j = journeys({
      with_signup: [
        ["signup", "2024-06-01T10:00Z"],
        ["tutorial", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
      ],
      with_view: [
        ["signup", "2024-06-02T10:00Z"],
        ["view", "2024-06-02T11:00Z"],
        ["tutorial", "2024-06-02T11:00Z"],
      ],
      between: [
        ["signup", "2024-06-03T10:00Z"],
        ["tutorial", "2024-06-03T10:00:00.001Z"],
        ["view", "2024-06-03T11:00Z"],
      ],
    });
    expect(counts(await funnel(opt))).toEqual([3, 1, 3, 0]);
  });

  it("window: up to and including first-step time + window when the next step is not reached", async () => {
    j = journeys({
      at_bound: [
        ["signup", "2024-06-01T10:00Z"],
        ["tutorial", "2024-06-02T10:00Z"],
      ],
      after: [
        ["signup", "2024-06-03T10:00Z"],
        ["tutorial", "2024-06-04T10:00:01Z"],
      ],
    });
    expect(counts(await funnel({ ...opt, window: { value: 1, unit: "day" } }))).toEqual([2, 1, 0, 0]);
  });

  it("is judged on the counted attempt: the earliest next step bounds it", async () => {
    j = journeys({
      u: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["tutorial", "2024-06-01T12:00Z"],
        ["view", "2024-06-01T13:00Z"],
        ["buy", "2024-06-01T14:00Z"],
      ],
    });
    expect(counts(await funnel(opt))).toEqual([1, 0, 1, 1]);
  });

  it("two optional steps in a row are each judged on their own", async () => {
    j = journeys({
      u: [
        ["signup", "2024-06-01T10:00Z"],
        ["tutorial", "2024-06-01T10:30Z"],
        ["invite", "2024-06-01T10:20Z"],
        ["buy", "2024-06-01T12:00Z"],
      ],
    });
    const steps = [{ event: "signup" }, { event: "tutorial" }, { event: "invite" }, { event: "buy" }];
    expect(counts(await funnel({ optionalSteps: [1, 2] }, steps))).toEqual([1, 1, 1, 1]);
  });

  it("with holdConstant, the optional event carries the first step's value", async () => {
    j = journeys({
      u: [
        ["signup", "2024-06-01T10:00Z", { platform: "ios" }],
        ["tutorial", "2024-06-01T10:30Z", { platform: "web" }],
        ["view", "2024-06-01T11:00Z", { platform: "ios" }],
      ],
    });
    expect(counts(await funnel({ ...opt, holdConstant: ["platform"] }))).toEqual([1, 0, 1, 0]);
    expect(counts(await funnel(opt))).toEqual([1, 1, 1, 0]);
  });

  it("breaks down and selects segments by the optional step", async () => {
    j = journeys({
      a: [
        ["signup", "2024-06-01T10:00Z", { platform: "ios" }],
        ["tutorial", "2024-06-01T10:30Z"],
      ],
      b: [
        ["signup", "2024-06-01T10:00Z", { platform: "web" }],
        ["tutorial", "2024-06-01T10:30Z"],
        ["view", "2024-06-01T11:00Z"],
      ],
      c: [
        ["signup", "2024-06-01T10:00Z", { platform: "web" }],
        ["view", "2024-06-01T11:00Z"],
      ],
    });
    const r = await funnel({ ...opt, breakdown: { property: "platform" } });
    expect(r.breakdown?.map((b) => [b.value, counts({ steps: b.steps })])).toEqual([
      ["web", [2, 1, 2, 0]],
      ["ios", [1, 1, 0, 0]],
    ]);
    const seg = async (c: Record<string, number>) =>
      (
        await runQuery<SegmentCountResult>(j as Journeys, {
          kind: "segmentCount",
          segment: { funnel: { kind: "funnel", steps: steps4, range, ...opt }, ...c },
        })
      ).users;
    expect(await seg({ reached: 1 })).toBe(2);
    // did the optional step and never reached the next required one
    expect(await seg({ droppedAfter: 1 })).toBe(1);
    // reached signup and not view (the optional step in between does not matter)
    expect(await seg({ droppedAfter: 0 })).toBe(1);
    expect(await seg({ reached: 2 })).toBe(2);
  });

  it("refuses optional first or last steps, other orders, and optional exclusion bounds", async () => {
    j = journeys({ u: [["signup", "2024-06-01T10:00Z"]] });
    await expect(funnel({ optionalSteps: [0] })).rejects.toThrow(/optionalSteps\[0\]/);
    await expect(funnel({ optionalSteps: [3] })).rejects.toThrow(/never the first or the last/);
    await expect(funnel({ ...opt, order: "strict" })).rejects.toThrow(/optionalSteps.*ordered funnel/);
    await expect(funnel({ ...opt, order: "unordered" })).rejects.toThrow(/optionalSteps/);
    const exclusions = [{ event: { event: "refund" }, fromStep: 1, toStep: 2 }];
    await expect(funnel({ ...opt, exclusions })).rejects.toThrow(/exclusions\[0\].*required/);
    await expect(funnel({ ...opt, breakdown: { property: "p", attribution: { step: 1 } } })).rejects.toThrow(
      /attribution/,
    );
  });
});
