import { describe, expect, it } from "vitest";
import { hourlyIntervalTitle } from "../../../src-renderer/features/retention/transform.ts";

describe("retention's hourly interval tooltip", () => {
  it("names the zone the query runs in, not always the workspace's", () => {
    expect(hourlyIntervalTitle("Asia/Tokyo", "UTC")).toBe("Clock hours in Asia/Tokyo (at most 154 days)");
    expect(hourlyIntervalTitle(null, "Europe/Paris")).toBe("Clock hours in Europe/Paris (at most 154 days)");
  });
});
