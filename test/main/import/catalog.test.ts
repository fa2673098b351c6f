import { describe, expect, it } from "vitest";
import { persistColumns } from "../../../src-main/engine/columns/index.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { catalogEvents, catalogProperties, catalogValues } from "../../../src-main/store/catalog.ts";
import { userTimeline } from "../../../src-main/store/user-timeline.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { fixture, importFixture } from "./helpers.ts";

// alice: signup 03-01, view 03-02, purchase 03-05; bob: signup 03-10, views 03-28 and 03-29;
// carol: view 03-30, purchase 03-31. The as-of day is the last event's: 2024-03-31 (UTC).
async function journeys(columns: boolean): Promise<Workspace> {
  const { ws } = await importFixture("journeys.csv");
  const w = Workspace.open(ws);
  if (columns) persistColumns(w.db);
  return w;
}

describe.each([
  ["from the saved columns", true],
  ["from SQL when the columns are stale", false],
])("catalog %s", (_label, columns) => {
  it("lists events with counts, distinct users, first/last seen and a 30-day sparkline", async () => {
    const w = await journeys(columns);
    try {
      const ev = catalogEvents(w);
      expect(ev.map((e) => [e.name, e.count, e.users])).toEqual([
        ["view", 4, 3],
        ["purchase", 2, 2],
        ["signup", 2, 2],
      ]);
      const view = ev[0];
      expect(view?.firstSeen).toBe("2024-03-02T09:00:00.000Z");
      expect(view?.lastSeen).toBe("2024-03-30T12:00:00.000Z");
      // the window is 03-02 .. 03-31: the last four days hold bob's two views and carol's
      expect(view?.daily).toHaveLength(30);
      expect(view?.daily.slice(26)).toEqual([1, 1, 1, 0]);
      expect(view?.daily[0]).toBe(1);
      // alice's signup on 03-01 falls before the window
      expect(ev[2]?.daily.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      w.close();
    }
  });

  it("a user's latest events, newest first, with attributes", async () => {
    const w = await journeys(columns);
    try {
      const t = userTimeline(w, "alice", 2);
      expect(t.events.map((e) => [e.event, e.time])).toEqual([
        ["purchase", "2024-03-05T10:00:00.000Z"],
        ["view", "2024-03-02T09:00:00.000Z"],
      ]);
      expect(t.events[0]?.properties).toEqual({ plan: "pro", amount: 30 });
      expect(() => userTimeline(w, "nobody")).toThrow(/no user "nobody"/);
    } finally {
      w.close();
    }
  });
});

describe("catalog freshness", () => {
  it("the event list follows a later import into the open workspace", async () => {
    const w = await journeys(true);
    try {
      expect(catalogEvents(w).find((e) => e.name === "view")?.count).toBe(4);
      await ingest({ workspace: w.path, files: [fixture("wide.csv")], options: {}, columns: false });
      const after = catalogEvents(w);
      expect(after.find((e) => e.name === "view")?.count).toBe(4);
      expect(after.find((e) => e.name === "open")).toMatchObject({ count: 2, users: 2 });
    } finally {
      w.close();
    }
  });
});

describe("catalog properties and values", () => {
  it("describes event properties with type, coverage, distinct and top values", async () => {
    const w = await journeys(true);
    try {
      const props = catalogProperties(w, "event");
      const plan = props.find((p) => p.name === "plan");
      const amount = props.find((p) => p.name === "amount");
      expect(plan).toMatchObject({ type: "string", coverage: 1, distinct: 3, sampled: false });
      expect(plan?.events.sort()).toEqual(["purchase", "signup", "view"]);
      expect(plan?.topValues[0]).toEqual({ value: "free", count: 5 });
      expect(amount).toMatchObject({ type: "number", coverage: 0.25, events: ["purchase"] });
      const onlyPurchase = catalogProperties(w, "event", "purchase");
      expect(onlyPurchase.find((p) => p.name === "amount")?.coverage).toBe(1);
      expect(() => catalogProperties(w, "event", "nope")).toThrow(/no event named "nope"/);
    } finally {
      w.close();
    }
  });

  it("lists one property's values by count, filtered by a search", async () => {
    const w = await journeys(true);
    try {
      expect(catalogValues(w, { property: "plan" })).toEqual([
        { value: "free", count: 5 },
        { value: "team", count: 2 },
        { value: "pro", count: 1 },
      ]);
      expect(catalogValues(w, { property: "plan", search: "E" })).toEqual([
        { value: "free", count: 5 },
        { value: "team", count: 2 },
      ]);
      expect(catalogValues(w, { property: "plan", event: "purchase", limit: 1 })).toEqual([
        { value: "pro", count: 1 },
      ]);
    } finally {
      w.close();
    }
  });

  it("describes user attributes after a users import", async () => {
    const { ws } = await importFixture("users.csv", { kind: "users" });
    const w = Workspace.open(ws);
    try {
      const props = catalogProperties(w, "user");
      expect(props.find((p) => p.name === "age")).toMatchObject({
        type: "number",
        coverage: 0.5,
        distinct: 1,
      });
      expect(catalogValues(w, { property: "plan", scope: "user" })).toEqual([
        { value: "free", count: 1 },
        { value: "pro", count: 1 },
      ]);
      expect(userTimeline(w, "u1").attributes).toMatchObject({
        plan: "pro",
        created_at: "2023-01-05T00:00:00.000Z",
      });
    } finally {
      w.close();
    }
  });
});
