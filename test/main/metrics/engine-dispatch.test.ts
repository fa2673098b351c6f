import { afterEach, describe, expect, it } from "vitest";
import type { ActiveUsersResult } from "../../../src-preload/contract/metric-results.ts";
import type { RfmResult, SegmentCountResult } from "../../../src-preload/contract/results.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../engine/run-query.ts";

// Through the engine's own run(): metric kinds are dispatched to runMetric, and the segment
// evaluator answers {"rfm": [...], "query"} conditions with the RFM kind's groups.

let j: Journeys | undefined;
afterEach(() => j?.close());

const rfmQuery = {
  kind: "rfm",
  event: { event: "purchase" },
  range: { from: "2024-01-01", to: "2024-01-31" },
} as const;

function buyers(): JourneySpec {
  // user i buys i + 1 times, the last on Jan 22 + i
  const spec: JourneySpec = {};
  for (let i = 0; i < 10; i++) {
    spec[`u${i}`] = Array.from({ length: i + 1 }, (_, k) => [
      "purchase",
      `2024-01-${String(22 + i - k).padStart(2, "0")}T12:00Z`,
    ]);
  }
  spec.browser = [["view", "2024-01-10T12:00Z"]];
  return spec;
}

describe("metric kinds through the engine", () => {
  it("a segment of RFM groups holds the users the rfm kind puts in them", async () => {
    j = journeys(buyers());
    const rfm = await runQuery<RfmResult>(j, rfmQuery);
    const champions = rfm.groups.find((g) => g.group === "champions")?.users;
    expect(champions).toBe(2);
    const seg = await runQuery<SegmentCountResult>(j, {
      kind: "segmentCount",
      segment: { rfm: ["champions", "hibernating"], query: rfmQuery },
    });
    expect(seg).toEqual({ users: 6, ofTotal: 11 });
    const notScored = await runQuery<SegmentCountResult>(j, {
      kind: "segmentCount",
      segment: { not: { rfm: [...new Set(rfm.groups.map((g) => g.group))], query: rfmQuery } },
    });
    expect(notScored.users).toBe(1);
  });

  it("a metric's segment is evaluated by the engine (behavioral conditions included)", async () => {
    j = journeys(buyers());
    const r = await runQuery<ActiveUsersResult>(j, {
      kind: "activeUsers",
      range: { from: "2024-01-31", to: "2024-01-31" },
      segment: { performed: { event: "purchase" }, count: { op: "gte", value: 9 } },
    });
    // only u8 and u9 bought nine times or more; u9's last purchase is on Jan 31
    expect(r.days).toEqual([{ date: "2024-01-31", dau: 1, wau: 2, mau: 2, stickiness: 0.5 }]);
  });

  it("rejects a metric query with a missing field, naming it", async () => {
    j = journeys(buyers());
    await expect(runQuery(j, { kind: "churn", range: { last: 7, unit: "day" } })).rejects.toThrow(/interval/);
    await expect(
      runQuery(j, {
        kind: "compare",
        segments: [{ name: "a", segment: { all: [] } }],
        metrics: [],
        range: rfmQuery.range,
      }),
    ).rejects.toThrow(/segments|metrics/);
  });
});
