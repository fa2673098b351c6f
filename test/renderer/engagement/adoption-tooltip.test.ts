import { describe, expect, it } from "vitest";
import type { FeatureAdoptionResult } from "../../../src-preload/contract/metric-results.ts";
import { adoptionTrendOption } from "../../../src-renderer/features/engagement/transform/adoption.ts";

// Every rate on the adoption trend shows its numerator and denominator in the tooltip.
describe("adoption trend tooltip", () => {
  it("names users of active users for each point", () => {
    const r: FeatureAdoptionResult = {
      activeUsers: 40,
      features: [
        {
          event: "share",
          users: 12,
          events: 30,
          adoption: 0.3,
          trend: [
            { start: "2024-06-03", users: 7, activeUsers: 28, adoption: 0.25 },
            { start: "2024-06-10", users: 9, activeUsers: 36, adoption: 0.25 },
          ],
        },
      ],
    };
    const o = adoptionTrendOption(r, "week") as { tooltip: { formatter(ps: unknown): string } };
    const html = o.tooltip.formatter([{ seriesIndex: 0, dataIndex: 1 }]);
    expect(html).toContain("9 of 36 active users");
    expect(html).toContain("25");
  });
});
