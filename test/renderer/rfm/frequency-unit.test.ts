import { describe, expect, it } from "vitest";
import type { RfmResult } from "../../../src-preload/contract/results.ts";
import { edgesText, frequencyUnit, tileMapOption } from "../../../src-renderer/features/rfm/transform.ts";

const result: RfmResult = {
  users: 10,
  groups: [{ group: "champions", users: 10, share: 1, monetary: 100, avgRecencyDays: 3, avgFrequency: 2.5 }],
  grid: Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]),
  edges: { recencyDays: [1, 2, 3, 4], frequency: [1, 2, 3, 4], monetary: [1, 2, 3, 4] },
};

describe("RFM frequency unit", () => {
  it("says distinct values of frequencyDistinct, not events, in edges, table and tooltip", () => {
    const unit = frequencyUnit({ frequencyDistinct: "order_id" });
    expect(unit.perUser).toBe("Distinct order_id values per user");
    expect(edgesText(result.edges, unit.plural)).toContain("frequency edges (distinct order_id values)");
    const html = tileMapOption(result, true, unit.plural).tooltip.formatter({ data: { group: "champions" } });
    expect(html).toContain("2.5 distinct order_id values per user");
    expect(html).not.toContain("events per user");
  });

  it("keeps events without frequencyDistinct", () => {
    const unit = frequencyUnit({});
    expect(unit.perUser).toBe("Events per user");
    expect(edgesText(result.edges, unit.plural)).toContain("frequency edges (events)");
  });

  it("keeps a hostile property name as text in the tooltip's HTML", () => {
    const unit = frequencyUnit({ frequencyDistinct: '<img src=x style="position:fixed">' });
    const html = tileMapOption(result, true, unit.plural).tooltip.formatter({ data: { group: "champions" } });
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img");
  });
});
