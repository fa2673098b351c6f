import { afterAll, describe, expect, it } from "vitest";
import type { PathsResult } from "../../../src-preload/contract/paths.ts";
import { journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../engine/run-query.ts";

// Small journeys whose paths can be read off by eye.

const j = journeys({
  // exactly 30 minutes between view and cart: the same session; 30 min + 1 ms later: a new one
  exact_gap: [
    ["home", "2024-06-01T10:00:00.000Z"],
    ["view", "2024-06-01T10:10:00.000Z"],
    ["cart", "2024-06-01T10:40:00.000Z"],
    ["buy", "2024-06-01T11:10:00.001Z"],
  ],
  // repeats of view, and a hidden ping between them
  repeats: [
    ["home", "2024-06-01T09:00Z"],
    ["view", "2024-06-01T09:01Z"],
    ["ping", "2024-06-01T09:02Z"],
    ["view", "2024-06-01T09:03Z"],
    ["cart", "2024-06-01T09:04Z"],
  ],
  // never reaches home in the range (home is the day before)
  no_start: [
    ["home", "2024-05-31T09:00Z"],
    ["view", "2024-06-01T09:00Z"],
  ],
  // home then two events in the same millisecond: import order decides
  tie: [
    ["home", "2024-06-01T12:00Z"],
    ["cart", "2024-06-01T12:01Z"],
    ["view", "2024-06-01T12:01Z"],
  ],
});
afterAll(() => j.close());
const range = { from: "2024-06-01", to: "2024-06-01" };
const paths = (q: object) => runQuery<PathsResult>(j, { kind: "paths", range, ...q });

describe("paths journeys", () => {
  it("a gap of exactly sessionGap does not cut; a millisecond more does", async () => {
    const r = await paths({ start: { event: "home" }, depth: 5 });
    const exact = r.links.filter((l) => l.step === 1 && l.from === "view" && l.to === "cart");
    expect(exact).toEqual([{ step: 1, from: "view", to: "cart", users: 1 }]);
    expect(r.links.some((l) => l.to === "buy")).toBe(false);
    expect(r.dropOff).toContainEqual({ step: 2, event: "cart", users: 1 });
  });

  it("hide takes events out before sessions and repeats; collapseRepeats merges the views", async () => {
    const r = await paths({ start: { event: "home" }, hide: ["ping"], collapseRepeats: true, depth: 3 });
    // exact_gap and repeats (view, ping, view collapses to one view)
    expect(r.links).toContainEqual({ step: 1, from: "view", to: "cart", users: 2 });
    expect(r.nodes.filter((n) => n.event === "ping")).toEqual([]);
    const plain = await paths({ start: { event: "home" }, depth: 4 });
    expect(plain.links).toContainEqual({ step: 1, from: "view", to: "ping", users: 1 });
    expect(plain.links).toContainEqual({ step: 2, from: "ping", to: "view", users: 1 });
  });

  it("a user who never does the start event has no path", async () => {
    const r = await paths({ start: { event: "home" } });
    expect(r.nodes[0]).toEqual({ step: 0, event: "home", users: 3 });
    expect(r.nodes.filter((n) => n.step === 0)).toHaveLength(1);
  });

  it("events in the same millisecond keep import order", async () => {
    const r = await paths({ start: { event: "home" }, depth: 3 });
    expect(r.links).toContainEqual({ step: 0, from: "home", to: "cart", users: 1 });
    expect(r.links).toContainEqual({ step: 1, from: "cart", to: "view", users: 1 });
  });

  it("backward from an end event reads the session in reverse", async () => {
    const r = await paths({ end: { event: "cart" }, hide: ["ping"], collapseRepeats: true, depth: 4 });
    expect(r.direction).toBe("backward");
    expect(r.links).toContainEqual({ step: 0, from: "cart", to: "view", users: 2 });
    expect(r.links).toContainEqual({ step: 1, from: "view", to: "home", users: 2 });
  });

  it("limit folds the rest into $other, ties by name", async () => {
    const r = await paths({ depth: 2, limit: 1 });
    // step 0: home (3 users) is kept, view (no_start) becomes $other
    expect(r.nodes.filter((n) => n.step === 0)).toEqual([
      { step: 0, event: "home", users: 3 },
      { step: 0, event: "$other", users: 1 },
    ]);
    // step 1: view 2 users (exact_gap, repeats), cart 1 (tie): view kept
    expect(r.nodes.filter((n) => n.step === 1)).toEqual([
      { step: 1, event: "view", users: 2 },
      { step: 1, event: "$other", users: 1 },
    ]);
  });

  it("rejects start and end together, and a depth out of 2..10", async () => {
    await expect(paths({ start: { event: "a" }, end: { event: "b" } })).rejects.toThrow(/end/);
    await expect(paths({ depth: 11 })).rejects.toThrow(/depth/);
  });
});
