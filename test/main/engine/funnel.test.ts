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

describe("funnel: the unit is the user and only the range counts", () => {
  it("counts users, not attempts, and never rises from one step to the next", async () => {
    j = journeys({
      converted_twice: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["buy", "2024-06-01T12:00Z"],
        ["signup", "2024-06-05T10:00Z"],
        ["view", "2024-06-05T11:00Z"],
        ["buy", "2024-06-05T12:00Z"],
      ],
      stopped_after_signup: [["signup", "2024-06-02T10:00Z"]],
      wrong_order: [
        ["buy", "2024-06-02T09:00Z"],
        ["view", "2024-06-02T10:00Z"],
        ["signup", "2024-06-02T11:00Z"],
      ],
      no_signup: [["view", "2024-06-02T10:00Z"]],
    });
    const r = await funnel();
    expect(counts(r)).toEqual([3, 1, 1]);
    expect(r.steps[1]?.conversionFromStart).toBeCloseTo(1 / 3);
    expect(r.steps[2]?.conversionFromPrevious).toBe(1);
    expect(r.steps[1]?.medianSecondsFromPrevious).toBe(3600);
    // the time-to-convert histogram: bucket edges up to the 14-day window, one row per step
    const t = r.timeToConvert;
    expect(t?.bucketsSeconds.at(-1)).toBe(14 * 86_400);
    const hour = t?.bucketsSeconds.indexOf(3600) ?? -1;
    expect(t?.counts[1]?.[hour]).toBe(1);
    expect(t?.counts[1]?.reduce((a, b) => a + b, 0)).toBe(1);
    expect(t?.counts[0]?.every((c) => c === 0)).toBe(true);
  });

  it("ignores conversions after the range's end and first steps before its start", async () => {
    j = journeys({
      converts_after_range: [
        ["signup", "2024-06-30T23:00Z"],
        ["view", "2024-06-30T23:30Z"],
        ["buy", "2024-07-01T00:10Z"],
      ],
      started_before_range: [
        ["signup", "2024-05-31T23:00Z"],
        ["view", "2024-06-01T01:00Z"],
        ["buy", "2024-06-01T02:00Z"],
      ],
    });
    expect(counts(await funnel())).toEqual([1, 1, 0]);
  });
});

describe("funnel: the window runs from the first step and is inclusive", () => {
  it("counts a step exactly at first-step time + window and not 1 ms later", async () => {
    j = journeys({
      at_bound: [
        ["signup", "2024-06-01T00:00Z"],
        ["view", "2024-06-01T12:00Z"],
        ["buy", "2024-06-02T00:00Z"],
      ],
      past_bound: [
        ["signup", "2024-06-01T00:00Z"],
        ["view", "2024-06-01T12:00Z"],
        ["buy", "2024-06-02T00:00:00.001Z"],
      ],
    });
    expect(counts(await funnel({ window: { value: 1, unit: "day" } }))).toEqual([2, 2, 1]);
  });

  it("measures the window from the first step, not from the previous one", async () => {
    j = journeys({
      slow_overall: [
        ["signup", "2024-06-01T00:00Z"],
        ["view", "2024-06-01T20:00Z"],
        ["buy", "2024-06-02T10:00Z"],
      ],
    });
    expect(counts(await funnel({ window: { value: 1, unit: "day" } }))).toEqual([1, 1, 0]);
  });

  it("tries every first-step event as an attempt start", async () => {
    j = journeys({
      second_attempt_converts: [
        ["signup", "2024-06-01T00:00Z"],
        ["signup", "2024-06-10T00:00Z"],
        ["view", "2024-06-10T01:00Z"],
      ],
    });
    const r = await funnel({ window: { value: 1, unit: "day" } });
    expect(counts(r)).toEqual([1, 1, 0]);
    expect(r.steps[1]?.avgSecondsFromPrevious).toBe(3600);
  });
});

describe("funnel: the counted attempt", () => {
  it("measures times on the furthest-reaching attempt, not on an earlier shorter one", async () => {
    j = journeys({
      second_start_goes_further: [
        ["signup", "2024-06-01T00:00Z"],
        ["view", "2024-06-01T01:00Z"],
        ["signup", "2024-06-10T00:00Z"],
        ["view", "2024-06-10T02:00Z"],
        ["buy", "2024-06-10T03:00Z"],
      ],
    });
    const r = await funnel({ window: { value: 1, unit: "day" } });
    expect(counts(r)).toEqual([1, 1, 1]);
    expect(r.steps.map((s) => s.medianSecondsFromPrevious)).toEqual([null, 7200, 3600]);
  });

  it("among equally good attempts takes the earliest first-step event", async () => {
    j = journeys({
      two_full_attempts: [
        ["signup", "2024-06-01T00:00Z"],
        ["view", "2024-06-01T05:00Z"],
        ["buy", "2024-06-01T06:00Z"],
        ["signup", "2024-06-03T00:00Z"],
        ["view", "2024-06-03T01:00Z"],
        ["buy", "2024-06-03T02:00Z"],
      ],
    });
    const r = await funnel();
    expect(r.steps.map((s) => s.avgSecondsFromPrevious)).toEqual([null, 18000, 3600]);
  });
});

describe("funnel: ordered", () => {
  it("lets a step share the previous step's instant only when the event name differs", async () => {
    j = journeys({
      same_instant_other_name: [
        ["view", "2024-06-01T10:00Z"],
        ["signup", "2024-06-01T10:00Z"],
      ],
      repeat_same_instant: [
        ["signup", "2024-06-02T10:00Z"],
        ["signup", "2024-06-02T10:00Z"],
      ],
      repeat_later: [
        ["signup", "2024-06-03T10:00Z"],
        ["signup", "2024-06-03T10:00:00.001Z"],
      ],
    });
    expect(counts(await funnel({}, [{ event: "signup" }, { event: "view" }]))).toEqual([3, 1]);
    expect(counts(await funnel({}, [{ event: "signup" }, { event: "signup" }]))).toEqual([3, 1]);
    expect(counts(await funnel({}, [{ event: "signup" }, { event: null }]))).toEqual([3, 2]);
  });

  it("does not let one occurrence fill two steps, and ignores events in between", async () => {
    j = journeys({
      one_signup: [["signup", "2024-06-01T10:00Z"]],
      noise_between: [
        ["signup", "2024-06-01T10:00Z"],
        ["other", "2024-06-01T10:30Z"],
        ["signup", "2024-06-01T11:00Z"],
      ],
    });
    expect(counts(await funnel({}, [{ event: null }, { event: "signup" }]))).toEqual([2, 1]);
  });
});

describe("funnel: strict", () => {
  it("breaks an attempt on any other event that passes where, even one matching no step", async () => {
    j = journeys({
      consecutive: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T10:01Z"],
        ["buy", "2024-06-01T10:02Z"],
      ],
      interrupted: [
        ["signup", "2024-06-01T10:00Z"],
        ["noise", "2024-06-01T10:01Z", { skip: true }],
        ["view", "2024-06-01T10:02Z"],
        ["buy", "2024-06-01T10:03Z"],
      ],
    });
    expect(counts(await funnel({ order: "strict" }))).toEqual([2, 1, 1]);
    const where = [{ property: "skip", op: "isNotSet" }];
    expect(counts(await funnel({ order: "strict", where }))).toEqual([2, 2, 2]);
  });

  it("takes events at the same instant in import order", async () => {
    j = journeys({
      imported_in_order: [
        ["signup", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T10:00Z"],
      ],
      imported_reversed: [
        ["view", "2024-06-01T10:00Z"],
        ["signup", "2024-06-01T10:00Z"],
      ],
    });
    expect(counts(await funnel({ order: "strict" }, [{ event: "signup" }, { event: "view" }]))).toEqual([
      2, 1,
    ]);
  });
});

describe("funnel: unordered", () => {
  it("reaches step k with any k+1 different steps inside a window that starts at any step event", async () => {
    j = journeys({
      reverse: [
        ["buy", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T11:00Z"],
        ["signup", "2024-06-01T12:00Z"],
      ],
      two_steps: [
        ["view", "2024-06-01T10:00Z"],
        ["buy", "2024-06-01T11:00Z"],
      ],
      too_slow: [
        ["view", "2024-06-01T10:00Z"],
        ["buy", "2024-06-03T11:00Z"],
      ],
    });
    expect(counts(await funnel({ order: "unordered", window: { value: 1, unit: "day" } }))).toEqual([
      3, 2, 1,
    ]);
  });
});

describe("funnel: breakdown", () => {
  it("attributes users by first touch, last touch or a step, top values then other", async () => {
    j = journeys({
      a: [
        ["signup", "2024-06-01T10:00Z", { src: "ads" }],
        ["view", "2024-06-01T11:00Z", { src: "mail" }],
      ],
      b: [["signup", "2024-06-01T10:00Z", { src: "ads" }]],
      c: [["signup", "2024-06-01T10:00Z", { src: "seo" }]],
      d: { events: [["signup", "2024-06-01T10:00Z"]], attributes: { plan: "pro" } },
    });
    const first = await funnel({ breakdown: { property: "src", limit: 1 } }, [
      { event: "signup" },
      { event: "view" },
    ]);
    expect(first.breakdown?.map((b) => [b.value, b.other ?? false, b.steps.map((s) => s.count)])).toEqual([
      ["ads", false, [2, 1]],
      [null, true, [2, 0]],
    ]);
    const last = await funnel({ breakdown: { property: "src", attribution: "lastTouch" } }, [
      { event: "signup" },
      { event: "view" },
    ]);
    expect(last.breakdown?.find((b) => b.value === "mail")?.steps.map((s) => s.count)).toEqual([1, 1]);
    const user = await funnel({ breakdown: { property: "plan", scope: "user" } }, [{ event: "signup" }]);
    expect(user.breakdown?.find((b) => b.value === "pro")?.steps[0]?.count).toBe(1);
  });

  it("times a value with more converters than its first chunk of seconds holds", async () => {
    // 700 users; the even ones (350 converters) come from "ads": their seconds span five chunks of a
    // breakdown value's list (16 first, each twice the one before), the whole funnel's one
    const spec: Record<string, [string, string, Record<string, string>?][]> = {};
    const secondsOf = (i: number) => 1 + ((i * 37) % 500);
    for (let i = 0; i < 700; i++) {
      const at = Date.parse("2024-06-02T00:00Z") + i * 60_000;
      spec[`u${i}`] = [
        ["signup", new Date(at).toISOString(), { src: i % 2 === 0 ? "ads" : "seo" }],
        ["buy", new Date(at + secondsOf(i) * 1000).toISOString()],
      ];
    }
    j = journeys(spec);
    const r = await funnel({ breakdown: { property: "src" } }, [{ event: "signup" }, { event: "buy" }]);
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const h = s.length >> 1;
      return s.length % 2 ? s[h] : ((s[h - 1] as number) + (s[h] as number)) / 2;
    };
    const want = (keep: (i: number) => boolean) => {
      const xs = Array.from({ length: 700 }, (_, i) => i)
        .filter(keep)
        .map(secondsOf);
      return { count: xs.length, median: median(xs), avg: xs.reduce((a, b) => a + b, 0) / xs.length };
    };
    const check = (steps: FunnelResult["steps"] | undefined, w: ReturnType<typeof want>) => {
      expect(steps?.[1]?.count).toBe(w.count);
      expect(steps?.[1]?.medianSecondsFromPrevious).toBe(w.median);
      expect(steps?.[1]?.avgSecondsFromPrevious).toBeCloseTo(w.avg, 9);
    };
    check(
      r.steps,
      want(() => true),
    );
    check(
      r.breakdown?.find((b) => b.value === "ads")?.steps,
      want((i) => i % 2 === 0),
    );
    check(
      r.breakdown?.find((b) => b.value === "seo")?.steps,
      want((i) => i % 2 === 1),
    );
    expect(r.timeToConvert?.counts[1]?.reduce((a, b) => a + b, 0)).toBe(700);
  });

  it("times the other row over every user of the values it holds", async () => {
    const signupThenView = (src: string, seconds: number): [string, string, Record<string, string>][] => [
      ["signup", "2024-06-01T10:00:00Z", { src }],
      ["view", new Date(Date.parse("2024-06-01T10:00:00Z") + seconds * 1000).toISOString(), { src }],
    ];
    j = journeys({
      a1: signupThenView("ads", 10),
      a2: signupThenView("ads", 20),
      a3: signupThenView("ads", 30),
      m1: signupThenView("mail", 60),
      m2: signupThenView("mail", 180),
      s1: signupThenView("seo", 600),
    });
    const result = await funnel({ breakdown: { property: "src", limit: 1 } }, [
      { event: "signup" },
      { event: "view" },
    ]);
    const other = result.breakdown?.find((b) => b.other)?.steps[1];
    // mail's 60 and 180 seconds and seo's 600: median 180, mean 280
    expect([other?.count, other?.medianSecondsFromPrevious, other?.avgSecondsFromPrevious]).toEqual([
      3, 180, 280,
    ]);
  });
});
