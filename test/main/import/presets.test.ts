import { describe, expect, it } from "vitest";
import { events, importFixture, query } from "./helpers.ts";

describe("import: export layouts and presets", () => {
  it("Segment-style NDJSON: nested properties flattened with dot paths, anonymousId fallback, duplicate messageId skipped", async () => {
    const { ws, summary } = await importFixture("nested-properties.ndjson");
    expect(summary.skippedByReason).toEqual({
      duplicate_insert_id: { count: 1, firstLines: [3] },
      bad_json: { count: 1, firstLines: [4] },
    });
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event])).toEqual([
      ["a1", "Order Completed"],
      ["anon-9", "Product Viewed"],
    ]);
    expect(ev[0]?.props).toEqual({
      total: 42.5,
      currency: "EUR",
      "cart.items": 3,
      "cart.first.sku": "X1",
      tags: '["a","b"]',
    });
    expect(ev[0]?.time).toBe(Date.UTC(2024, 3, 1, 12));
  });

  it("JSON arrays with epoch seconds and ms in one column; a non-object element is reported", async () => {
    const { ws, summary } = await importFixture("array.json");
    expect(summary.skippedByReason.bad_json?.count).toBe(1);
    expect(events(ws).map((e) => [e.user, e.time, e.props.screen])).toEqual([
      ["j1", 1711929600000, "home"],
      ["j2", 1711929600123, "cart"],
    ]);
  });

  it("Mixpanel: user and time inside properties, $insert_id dedupes", async () => {
    const { ws, summary } = await importFixture("mixpanel.ndjson");
    expect(summary.added).toBe(2);
    expect(summary.skippedByReason.duplicate_insert_id?.count).toBe(1);
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event, e.time])).toEqual([
      ["mp1", "Sign Up", 1700000000000],
      ["mp1", "Page View", 1700000060000],
    ]);
    expect(ev[0]?.props).toEqual({ $browser: "Chrome", plan: "pro" });
  });

  it("Amplitude: event_properties unwrapped, device_id when there is no user_id, times in UTC", async () => {
    // the workspace zone is Tokyo, but Amplitude documents event_time as UTC
    const { ws } = await importFixture("amplitude.ndjson", {}, "Asia/Tokyo");
    const ev = events(ws);
    expect(ev.map((e) => e.user)).toEqual(["amp1", "d2"]);
    expect(ev[0]?.props.genre).toBe("jazz");
    expect(ev[0]?.props.length).toBe(180);
    expect(ev[0]?.props["user_properties.tier"]).toBeUndefined();
    expect(ev[1]?.time).toBe(Date.UTC(2024, 4, 1, 10, 5));
  });

  it("PostHog CSV: properties.* columns lose their prefix, uuid is the insert id", async () => {
    const { ws } = await importFixture("posthog.csv");
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event])).toEqual([
      ["ph1", "$pageview"],
      ["ph1", "signed_up"],
    ]);
    expect(ev[0]?.props).toEqual({ $browser: "Firefox", $current_url: "https://x.test/" });
    expect(query(ws, "SELECT insert_id FROM events ORDER BY seq")).toEqual([
      { insert_id: "0188-a" },
      { insert_id: "0188-b" },
    ]);
  });

  it("GA4 flattened: user_id else user_pseudo_id, microsecond timestamps, event_params unwrapped", async () => {
    const { ws } = await importFixture("ga4.csv");
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event, e.time])).toEqual([
      ["123.456", "page_view", 1719824400000],
      ["cust-9", "purchase", 1719824460000],
    ]);
    expect(ev[0]?.props).toEqual({ page_title: "Home", engagement_time_msec: 1200 });
  });

  it("a generic wide table: delimiter, role columns and M/D/YYYY H:mm times detected", async () => {
    const { ws } = await importFixture("wide.csv", {}, "America/New_York");
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event, e.time])).toEqual([
      ["c1", "open", Date.UTC(2024, 6, 1, 13, 5)],
      ["c2", "open", Date.UTC(2024, 6, 2, 21, 30)],
    ]);
    // a decimal comma is not silently misread as a number
    expect(ev.map((e) => [e.props.Amount, e.props["Is New"]])).toEqual([
      ["10,5", true],
      ["3", false],
    ]);
  });

  it("transactions: every row a purchase, float customer ids normalized, revenue = quantity x unit price", async () => {
    const { ws, summary } = await importFixture("transactions.csv", { eventName: "purchase" });
    expect(summary.skippedByReason).toEqual({ missing_user_id: { count: 1, firstLines: [3] } });
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event, e.props.revenue])).toEqual([
      ["17850", "purchase", 15.3],
      ["14527", "purchase", -27.5],
    ]);
    expect(ev[0]?.props.Description).toBe("HEART, WHITE");
    const props = query<{ name: string; type: string; count: number }>(
      ws,
      "SELECT name, type, count FROM event_properties WHERE name IN ('revenue', 'Quantity', 'InvoiceNo') ORDER BY name",
    );
    expect(props).toEqual([
      { name: "InvoiceNo", type: "string", count: 2 },
      { name: "Quantity", type: "number", count: 2 },
      { name: "revenue", type: "number", count: 2 },
    ]);
  });

  it("--kind users sets attributes and created_at", async () => {
    const { ws, summary } = await importFixture("users.csv", { kind: "users" });
    expect(summary.added).toBe(2);
    expect(summary.skippedByReason.missing_user_id?.count).toBe(1);
    const users = query<{ external_id: string; created_at: number; attributes: string }>(
      ws,
      "SELECT external_id, created_at, attributes FROM users ORDER BY id",
    );
    expect(users.map((u) => [u.external_id, u.created_at, JSON.parse(u.attributes)])).toEqual([
      ["u1", Date.UTC(2023, 0, 5), { email: "a@x.test", plan: "pro", age: 31 }],
      ["u2", Date.UTC(2023, 1, 10), { email: "b@x.test", plan: "free" }],
    ]);
    expect(query(ws, "SELECT name, type, count FROM user_properties ORDER BY name")).toEqual([
      { name: "age", type: "number", count: 1 },
      { name: "email", type: "string", count: 2 },
      { name: "plan", type: "string", count: 2 },
    ]);
  });
});
