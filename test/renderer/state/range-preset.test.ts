import { describe, expect, it } from "vitest";
import { rangePresets } from "../../../src-renderer/app/RangeControl.tsx";
import { followPreset, useGlobalFilters } from "../../../src-renderer/store/global-filters.ts";

// "All time" chosen in UTC must stay all time (with the new zone's dates) after a timezone change,
// not turn into a custom span that drops the first or last day.
describe("range presets and the timezone", () => {
  const span = { first: "2024-01-01T02:00:00Z", last: "2024-06-30T23:30:00Z" };

  it("All time follows the timezone", () => {
    const utc = rangePresets("2024-06-30", span, "UTC");
    const all = utc.find((p) => p.id === "all");
    expect(all?.range).toEqual({ from: "2024-01-01", to: "2024-06-30" });
    useGlobalFilters.getState().setRange(all?.range ?? { last: 1, unit: "day" }, "all");
    // Tokyo is 9 h ahead: the last event falls on July 1
    useGlobalFilters.getState().setTimezone("Asia/Tokyo");
    followPreset(rangePresets("2024-07-01", span, "Asia/Tokyo"));
    expect(useGlobalFilters.getState().range).toEqual({ from: "2024-01-01", to: "2024-07-01" });
    expect(useGlobalFilters.getState().preset).toBe("all");
    // Los Angeles: the first event falls on Dec 31
    followPreset(rangePresets("2024-06-30", span, "America/Los_Angeles"));
    expect(useGlobalFilters.getState().range).toEqual({ from: "2023-12-31", to: "2024-06-30" });
  });

  it("a custom span is left as chosen", () => {
    useGlobalFilters.getState().setRange({ from: "2024-02-01", to: "2024-02-10" });
    followPreset(rangePresets("2024-07-01", span, "Asia/Tokyo"));
    expect(useGlobalFilters.getState().range).toEqual({ from: "2024-02-01", to: "2024-02-10" });
  });
});
