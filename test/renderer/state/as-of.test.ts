import { describe, expect, it } from "vitest";
import { withQuery } from "../../../src-main/engine/context.ts";
import type { WorkspaceInfo } from "../../../src-preload/contract/workspace-info.ts";
import { rangeNoteText } from "../../../src-renderer/report/RangeNote.tsx";
import { asOfIn } from "../../../src-renderer/store/as-of.ts";

// The as-of day in the renderer's date labels is the engine's: worked out in the query's timezone,
// not taken from WorkspaceInfo.resolvedAsOf (the workspace zone's day). A UTC workspace whose latest
// event is at 20:00 UTC is already on the next day in Tokyo.

const LATEST = "2024-06-30T20:00:00.000Z";

function info(over: Partial<WorkspaceInfo> = {}): WorkspaceInfo {
  return {
    path: "/w.strata",
    name: "w",
    events: 10,
    users: 2,
    eventNames: [],
    timeSpan: { first: "2024-01-01T00:00:00.000Z", last: LATEST },
    timezone: "UTC",
    asOf: { mode: "latest" },
    resolvedAsOf: "2024-06-30",
    weekStart: "monday",
    activity: { exclude: [], source: "default" },
    imports: [],
    formatVersion: 1,
    appVersion: "0",
    createdAt: "2024-06-01T00:00:00Z",
    modifiedAt: "2024-06-01T00:00:00Z",
    ...over,
  };
}

describe("the as-of day in the query's timezone", () => {
  it("is the latest event's day in that zone", () => {
    expect(asOfIn(info())).toBe("2024-06-30");
    expect(asOfIn(info(), "Asia/Tokyo")).toBe("2024-07-01");
    expect(asOfIn(info(), "America/Los_Angeles")).toBe("2024-06-30");
  });

  it("a fixed date is that date in every zone; today is today in the zone", () => {
    const fixed = info({ asOf: { mode: "fixed", date: "2024-03-15" } });
    expect(asOfIn(fixed, "Asia/Tokyo")).toBe("2024-03-15");
    const now = Date.parse("2024-09-01T22:00:00Z");
    expect(asOfIn(info({ asOf: { mode: "now" } }), "Asia/Tokyo", now)).toBe("2024-09-02");
    expect(asOfIn(info({ timeSpan: null }), "UTC", now)).toBe("2024-09-01");
  });

  it("is the day the engine works out for a query in that zone", () => {
    const settings = { asOf: { mode: "latest" } as const, latestEventMs: Date.parse(LATEST) };
    const ctx = { timezone: "UTC", weekStart: "monday" as const, asOf: "2024-06-30", settings };
    for (const tz of ["Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"])
      expect(asOfIn(info(), tz)).toBe(withQuery(ctx, { timezone: tz }).asOf);
  });

  it("ends the range note's dates with a timezone override", () => {
    const month = { last: 30, unit: "day" } as const;
    expect(rangeNoteText("Users", month, "Asia/Tokyo", info())).toBe(
      "Users · Last 30 days (Jun 2, 2024 – Jul 1, 2024) · Asia/Tokyo",
    );
    expect(rangeNoteText("Users", month, undefined, info())).toBe(
      "Users · Last 30 days (Jun 1, 2024 – Jun 30, 2024) · UTC",
    );
  });
});
