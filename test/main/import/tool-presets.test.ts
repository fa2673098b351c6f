import { describe, expect, it } from "vitest";
import { events, importFixture, query } from "./helpers.ts";

// The four export layouts of issue 13, from files shaped like each tool's documented export, with
// the awkward parts: nested arrays, microsecond times, numbers as strings, a missing user id.

const attrs = (ws: string) =>
  Object.fromEntries(
    query<{ external_id: string; attributes: string | null }>(
      ws,
      "SELECT external_id, attributes FROM users ORDER BY id",
    ).map((u) => [u.external_id, u.attributes === null ? null : JSON.parse(u.attributes)]),
  );

describe("tool presets", () => {
  it("PostHog CSV: properties.* by their PostHog names, person.properties.* as user attributes", async () => {
    const { ws, summary } = await importFixture("posthog-export.csv");
    expect(summary.skippedByReason.missing_user_id?.count).toBe(1);
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event])).toEqual([
      ["0190a1b2-anon-a", "$pageview"],
      ["0190a1b2-anon-a", "$pageview"],
      ["alice@shop.test", "$identify"],
      ["alice@shop.test", "signed_up"],
      ["alice@shop.test", "purchase"],
      ["0190a1b2-anon-b", "$pageview"],
    ]);
    expect(ev[0]?.props).toEqual({ $browser: "Chrome", $current_url: "https://shop.test/", $lib: "web" });
    // "49.90" is a number; the element chain and person columns are not event properties
    expect(ev[4]?.props.price).toBe(49.9);
    for (const e of ev) {
      for (const k of Object.keys(e.props)) {
        expect(k.startsWith("properties.")).toBe(false);
        expect(k.startsWith("person.")).toBe(false);
      }
      expect(e.props.elements_chain).toBeUndefined();
    }
    // microseconds in an ISO time are cut to ms
    expect(ev[1]?.time).toBe(Date.UTC(2024, 5, 1, 9, 2, 10, 250));
    // the last row of the file wins for an attribute; $set is a person property too
    expect(attrs(ws)["alice@shop.test"]).toEqual({ email: "alice@shop.test", plan: "pro" });
    const userProps = query<{ name: string }>(ws, "SELECT name FROM user_properties ORDER BY name");
    expect(userProps.map((p) => p.name)).toEqual(["email", "plan"]);
    expect(query(ws, "SELECT anon_id, user_id FROM identities")).toEqual([
      { anon_id: "0190a1b2-anon-a", user_id: "alice@shop.test" },
    ]);
  });

  it("GA4 BigQuery NDJSON: event_params flattened to typed properties, user_properties to attributes, us to ms", async () => {
    const { ws, summary } = await importFixture("ga4-bigquery.ndjson");
    expect(summary.skippedByReason.missing_user_id?.count).toBe(1);
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event, e.time])).toEqual([
      ["1789012345.1717232400", "page_view", 1717232400123],
      ["1789012345.1717232400", "view_item", 1717232530500],
      ["u-42", "sign_up", 1717232700000],
      ["u-42", "purchase", 1717233600000],
      ["555000111.1717322400", "page_view", 1717322400000],
    ]);
    const first = ev[0]?.props ?? {};
    expect(first.page_location).toBe("https://shop.test/");
    // int_value arrives as a string: a number after the import
    expect(first.ga_session_id).toBe(1717232400);
    expect(first.engaged_session_event).toBe(1);
    expect(first.empty_param).toBeUndefined();
    expect(first["device.web_info.browser"]).toBe("Chrome");
    expect(first.event_params).toBeUndefined();
    expect(first.event_bundle_sequence_id).toBeUndefined();
    const purchase = ev[3]?.props ?? {};
    expect(purchase.value).toBe(49.9);
    expect(purchase.tax).toBe(7.97);
    expect(purchase.currency).toBe("EUR");
    // nested arrays stay whole, as JSON text
    expect(JSON.parse(String(ev[1]?.props.items))[0].item_id).toBe("SKU-42");
    expect(attrs(ws)["u-42"]).toEqual({ plan: "pro", lifetime_orders: 1 });
    const types = query<{ name: string; type: string }>(
      ws,
      "SELECT DISTINCT name, type FROM event_properties WHERE name IN ('ga_session_id', 'page_location') ORDER BY name",
    );
    expect(types).toEqual([
      { name: "ga_session_id", type: "number" },
      { name: "page_location", type: "string" },
    ]);
    expect(query(ws, "SELECT anon_id, user_id FROM identities")).toEqual([
      { anon_id: "1789012345.1717232400", user_id: "u-42" },
    ]);
  });

  it("CleverTap JSON: identity else objectId, ts as YYYYMMDDHHmmss, event_props, profile as attributes", async () => {
    const { ws, summary } = await importFixture("clevertap-events.json");
    expect(summary.skippedByReason.missing_user_id?.count).toBe(1);
    const ev = events(ws);
    expect(ev.map((e) => [e.user, e.event, new Date(e.time).toISOString()])).toEqual([
      ["__g5d2a1f0c9b8e7", "App Launched", "2024-06-01T09:00:00.000Z"],
      ["__g5d2a1f0c9b8e7", "Product Viewed", "2024-06-01T09:05:00.000Z"],
      ["carol@shop.test", "UserLogin", "2024-06-01T09:10:00.000Z"],
      ["carol@shop.test", "Charged", "2024-06-01T09:30:00.000Z"],
      ["__h7e6d5c4b3a291", "App Launched", "2024-06-02T12:00:00.000Z"],
    ]);
    expect(ev[1]?.props).toMatchObject({
      "Product Name": "Blue mug",
      Price: 49.99,
      session_source: "direct",
    });
    expect(JSON.parse(String(ev[1]?.props.Tags))).toEqual(["kitchen", "blue"]);
    expect(ev[3]?.props.Amount).toBe(49.99);
    expect(attrs(ws)["carol@shop.test"]).toMatchObject({
      email: "carol@shop.test",
      name: "Carol",
      platform: "Android",
    });
    expect(query(ws, "SELECT anon_id, user_id FROM identities")).toEqual([
      { anon_id: "__g5d2a1f0c9b8e7", user_id: "carol@shop.test" },
    ]);
  });
});
