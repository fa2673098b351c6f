import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { auc } from "../../../../src-main/engine/propensity/metrics.ts";
import type { PropensityResult } from "../../../../src-preload/contract/predict.ts";
import type { SegmentCountResult } from "../../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../../helpers/journeys.ts";
import { runQuery } from "../run-query.ts";
import { AS_OF, planted } from "./planted.ts";

let open: Journeys[] = [];
afterEach(() => {
  for (const j of open) j.close();
  open = [];
});

function workspace(users: number, mode: "signal" | "noise", seed = 7): Journeys {
  const j = journeys(planted(users, mode, seed), { asOf: { mode: "fixed", date: AS_OF } });
  open.push(j);
  return j;
}

const QUERY = {
  kind: "propensity",
  target: { event: "purchase" },
  horizon: { value: 14, unit: "day" },
} as const;

/** O(n^2) AUC: the share of (positive, negative) pairs ordered right, ties half. */
function slowAuc(s: number[], y: number[]): number | null {
  let good = 0;
  let pairs = 0;
  for (let i = 0; i < s.length; i++) {
    for (let k = 0; k < s.length; k++) {
      if (y[i] !== 1 || y[k] !== 0) continue;
      pairs++;
      const a = s[i] as number;
      const b = s[k] as number;
      good += a > b ? 1 : a === b ? 0.5 : 0;
    }
  }
  return pairs === 0 ? null : good / pairs;
}

describe("propensity", () => {
  it("recovers a planted cause of buying, well above the 'bought in the last horizon' baseline", async () => {
    const r = await runQuery<PropensityResult>(workspace(3000, "signal"), QUERY);
    expect(r.cutoff).toBe("2024-06-16");
    expect(r.model.auc).not.toBeNull();
    expect(r.model.baselineAuc).not.toBeNull();
    expect(r.model.auc as number).toBeGreaterThan(0.75);
    expect(r.model.auc as number).toBeGreaterThan((r.model.baselineAuc as number) + 0.05);
    expect(r.model.beatsBaseline).toBe(true);
    // the planted cause is recent carts: a cart feature is among the top three
    expect(r.model.features.slice(0, 3).some((f) => /cart/.test(f.name))).toBe(true);
    // the held-out fifth, measured on its own
    expect(r.model.testedOn / (r.model.trainedOn + r.model.testedOn)).toBeGreaterThan(0.15);
    expect(r.model.testedOn / (r.model.trainedOn + r.model.testedOn)).toBeLessThan(0.25);
    expect(r.model.calibration).toHaveLength(10);
    expect(r.model.calibration.reduce((s, b) => s + b.users, 0)).toBe(r.model.testedOn);
    expect(r.deciles.reduce((s, d) => s + d.users, 0)).toBe(3000);
    // deciles go down
    for (let k = 1; k < 10; k++)
      expect((r.deciles[k] as { minScore: number }).minScore).toBeLessThanOrEqual(
        (r.deciles[k - 1] as { minScore: number }).minScore,
      );
  });

  it("gives a held-out AUC near 0.5 when the labels are pure noise (features never see past the cutoff)", async () => {
    const r = await runQuery<PropensityResult>(workspace(5000, "noise", 11), QUERY);
    expect(r.model.testedOn).toBeGreaterThan(800);
    expect(Math.abs((r.model.auc as number) - 0.5)).toBeLessThan(0.08);
    expect(r.model.beatsBaseline).toBe(false);
  });

  it("does not train on users first seen after the cutoff", async () => {
    const j = journeys(
      {
        old: [
          ["view", "2024-06-01T10:00Z"],
          ["purchase", "2024-06-20T10:00Z"],
        ],
        old2: [["view", "2024-06-02T10:00Z"]],
        fresh: [
          ["view", "2024-06-20T10:00Z"],
          ["purchase", "2024-06-21T10:00Z"],
        ],
      },
      { asOf: { mode: "fixed", date: AS_OF } },
    );
    open.push(j);
    const r = await runQuery<PropensityResult>(j, QUERY);
    expect(r.model.trainedOn + r.model.testedOn).toBe(2);
    expect(r.deciles.reduce((s, d) => s + d.users, 0)).toBe(3);
  });

  it("gives the same model and scores for the same workspace and query", async () => {
    const a = await runQuery<PropensityResult>(workspace(1500, "signal", 3), QUERY);
    const b = await runQuery<PropensityResult>(workspace(1500, "signal", 3), QUERY);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it("segments: top N% takes the rounded-up share of users, score conditions agree with the deciles", async () => {
    const j = workspace(1000, "signal", 5);
    const count = async (seg: unknown) =>
      (await runQuery<SegmentCountResult>(j, { kind: "segmentCount", segment: seg })).users;
    expect(await count({ propensity: QUERY, topPercent: 10 })).toBe(100);
    expect(await count({ propensity: QUERY, topPercent: 2.5 })).toBe(25);
    const r = await runQuery<PropensityResult>(j, QUERY);
    const top = r.deciles[0] as { minScore: number; users: number };
    // users at or above the first decile's minimum: at least that decile (more only on ties)
    expect(
      await count({ propensity: QUERY, score: { op: "gte", value: top.minScore } }),
    ).toBeGreaterThanOrEqual(top.users);
    expect(await count({ propensity: QUERY, score: { op: "between", value: [0, 1] } })).toBe(1000);
  });

  it("a top 10k% segment holds exactly the users of deciles 1 to k, when the users do not divide by ten", async () => {
    const j = workspace(1005, "signal", 5);
    const r = await runQuery<PropensityResult>(j, QUERY);
    const scored = r.deciles.reduce((s, d) => s + d.users, 0);
    expect(scored % 10).not.toBe(0);
    for (const k of [1, 3, 9]) {
      const top = await runQuery<SegmentCountResult>(j, {
        kind: "segmentCount",
        segment: { propensity: QUERY, topPercent: 10 * k },
      });
      expect(top.users).toBe(r.deciles.slice(0, k).reduce((s, d) => s + d.users, 0));
    }
  });

  it("rejects a horizon outside 1 to 90 days, naming the field", async () => {
    const j = workspace(10, "signal");
    await expect(runQuery(j, { ...QUERY, horizon: { value: 91, unit: "day" } })).rejects.toThrow(/horizon/);
    await expect(runQuery(j, { ...QUERY, horizon: { value: 12, unit: "hour" } })).rejects.toThrow(/horizon/);
  });
});

describe("auc", () => {
  it("equals the pair-counting definition", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1 })), { maxLength: 40 }),
        (rows) => {
          const s = rows.map((r) => r[0] / 5);
          const y = rows.map((r) => r[1]);
          const fast = auc(s, y);
          const slow = slowAuc(s, y);
          if (slow === null) expect(fast).toBeNull();
          else expect(fast).toBeCloseTo(slow, 12);
        },
      ),
    );
  });
});
