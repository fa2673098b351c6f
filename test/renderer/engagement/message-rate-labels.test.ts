import { describe, expect, it } from "vitest";
import { messageRateLabels } from "../../../src-renderer/features/engagement/transform/messages.ts";
import { heatmapCountsText } from "../../../src-renderer/features/engagement/transform.ts";

describe("message engagement rate labels", () => {
  it("names each rate's base as the engine divides: conversion and click-to-open per opener", () => {
    const labels = messageRateLabels({ conversion: { event: "purchase" } });
    expect(labels.conversion).toBe("Converted (purchase, % of openers)");
    expect(labels.clickToOpen).toBe("Click-to-open (% of openers)");
    expect(labels.openRate).toBe("Open rate (% of users sent)");
    expect(labels.note).toContain("click-to-open and conversion, of the users who opened");
    expect(labels.note).not.toMatch(/rates are shares of the users who got a send$/);
    // with a delivered event, open and click rates are over the users delivered to
    expect(messageRateLabels({ delivered: { event: "push_delivered" } }).clickRate).toBe(
      "Click rate (% of users delivered)",
    );
  });
});

describe("activity heatmap note", () => {
  it("names the zone the hours were read in: the query's, else the workspace's", () => {
    expect(heatmapCountsText("Events", "Asia/Tokyo", "UTC")).toBe("Events per hour, in Asia/Tokyo");
    expect(heatmapCountsText("Unique users", undefined, "Europe/Paris")).toBe(
      "Unique users per hour, in Europe/Paris",
    );
  });
});
