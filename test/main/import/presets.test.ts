import { describe, expect, it } from "vitest";
import { events, importFixture, importText, query, type StoredEvent } from "./helpers.ts";

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
      ["c2", "open", Date.UTC(2024, 6, 22, 21, 30)],
    ]);
    // a decimal comma in a `;`-delimited file is read as one: 10,5 is ten and a half, never 105
    expect(ev.map((e) => [e.props.Amount, e.props["Is New"]])).toEqual([
      [10.5, true],
      [3, false],
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

// Revenue was silently lost for a price written with a thousands separator (`"1,299.00"`, which also
// made the price and quantity columns text), and a JSON `"price":null` gave a revenue of 0. Now an
// empty input gives no revenue, a separated figure is read where that cannot be misread, and a row
// whose quantity and price are there but are not numbers is counted as a warning (the event is kept).
describe("revenue of the transactions preset", () => {
  const revenueOf = (rows: StoredEvent[]) => rows.map((e) => [e.user, e.props.revenue ?? null]);

  it("reads thousands separators in a comma-delimited file, in the amount columns as numbers", async () => {
    const { summary, events: rows } = await importText(
      "us.csv",
      'customer_id,order_date,quantity,unit_price,codes\nc1,2024-03-01,2,19.99,200\nc2,2024-03-01,1,"1,299.00","200,304"\nc3,2024-03-01,"1,200",0.50,404\n',
    );
    expect(summary.warnings).toEqual({});
    expect(revenueOf(rows)).toEqual([
      ["c1", 39.98],
      ["c2", 1299],
      ["c3", 600],
    ]);
    expect(rows.map((e) => [e.props.quantity, e.props.unit_price])).toEqual([
      [2, 19.99],
      [1, 1299],
      [1200, 0.5],
    ]);
    // a column that is not an amount may hold a list: "200,304" is not the number 200304
    expect(rows.map((e) => e.props.codes)).toEqual(["200", "200,304", "404"]);
  });

  it("reads a separated figure with a fraction in any column of such a file, never a decimal comma", async () => {
    const generic = await importText(
      "g.csv",
      'user_id,event,time,total\nu1,buy,2024-03-01T00:00:00Z,"1,299.50"\nu1,buy,2024-03-02T00:00:00Z,12\n',
    );
    expect(generic.events.map((e) => e.props.total)).toEqual([1299.5, 12]);
    // a file that writes a decimal comma anywhere reads no separator: `1,200` could be 1.2
    const mixed = await importText(
      "m.csv",
      'customer_id,order_date,quantity,unit_price,weight\nc1,2024-03-01,"1,200",2,"3,5"\n',
    );
    expect(revenueOf(mixed.events)).toEqual([["c1", null]]);
    expect(mixed.events[0]?.props.quantity).toBe("1,200");
    expect(mixed.summary.warnings).toEqual({ unreadable_revenue: { count: 1, firstLines: [2] } });
  });

  it("reads decimal commas and dot thousands in a `;`-delimited file, as Excel writes them in Europe", async () => {
    const { summary, events: rows } = await importText(
      "eu.csv",
      "customer_id;invoice_date;quantity;unit_price;weight;code\nc1;2024-03-01 10:00:00;2;3,50;0,25;1.5\nc2;2024-03-01 11:00:00;1.000;1.234,00;1;2.0\nc3;2024-03-01 12:00:00;1;4;2,5;007\nc4;2024-03-01 13:00:00;;4;;x\n",
    );
    expect(summary).toMatchObject({ added: 4, skipped: 0, warnings: {} });
    expect(revenueOf(rows)).toEqual([
      ["c1", 7],
      ["c2", 1_234_000],
      ["c3", 4],
      ["c4", null],
    ]);
    expect(rows.map((e) => [e.props.quantity, e.props.unit_price, e.props.weight])).toEqual([
      [2, 3.5, 0.25],
      [1000, 1234, 1],
      [1, 4, 2.5],
      [undefined, 4, undefined],
    ]);
    // a column that writes a point before a fraction keeps to it: 1.5 is not fifteen
    expect(rows.map((e) => e.props.code)).toEqual(["1.5", "2.0", "007", "x"]);
  });

  it("never reads a US thousands separator in a tab file as a decimal comma", async () => {
    const { summary, events: rows } = await importText(
      "us.tsv",
      "customer_id\tinvoice_date\tquantity\tunit_price\tpageviews\nc1\t2024-03-01 10:00:00\t1,200\t2\t1,234\nc2\t2024-03-01 11:00:00\t3\t5\t999\n",
    );
    // 1,200 could be a thousand and two hundred or 1.2: kept as text (so is its column), its revenue
    // counted unread
    expect(rows.map((e) => [e.props.quantity, e.props.pageviews])).toEqual([
      ["1,200", "1,234"],
      ["3", "999"],
    ]);
    expect(revenueOf(rows)).toEqual([
      ["c1", null],
      ["c2", 15],
    ]);
    expect(summary.warnings).toEqual({ unreadable_revenue: { count: 1, firstLines: [2] } });
  });

  it("counts a row whose amounts are not numbers as a warning, and keeps it", async () => {
    const { summary, events: rows } = await importText(
      "eu.csv",
      "customer_id;invoice_date;quantity;unit_price\nc1;2024-03-01 10:00:00;2;3,50\nc2;2024-03-01 11:00:00;1;n/a\nc3;2024-03-01 12:00:00;1;4\nc4;2024-03-01 13:00:00;;4\nc5;2024-03-01 14:00:00;1;3.5\n",
    );
    expect(summary).toMatchObject({
      added: 5,
      skipped: 0,
      warnings: { unreadable_revenue: { count: 2, firstLines: [2, 3] } },
    });
    // a price column that writes a point before a fraction (3.5) is read the point way: 3,50 could
    // then mean 350, so it is not read
    expect(revenueOf(rows)).toEqual([
      ["c1", null],
      ["c2", null],
      ["c3", 4],
      ["c4", null],
      ["c5", 3.5],
    ]);
    expect(rows[0]?.props.unit_price).toBe("3,50");
  });

  it("gives no revenue, and no warning, for an empty or null amount; a figure out of range is a warning", async () => {
    const lines = [
      { customer_id: "c1", order_date: "2024-01-01T00:00:00Z", quantity: 2, price: null },
      { customer_id: "c2", order_date: "2024-01-01T00:00:00Z", quantity: 2, price: 3.5 },
      { customer_id: "c3", order_date: "2024-01-01T00:00:00Z", price: 3.5 },
      { customer_id: "c4", order_date: "2024-01-01T00:00:00Z", quantity: "", price: "3.5" },
      { customer_id: "c5", order_date: "2024-01-01T00:00:00Z", quantity: "two", price: 3.5 },
      { customer_id: "c6", order_date: "2024-01-01T00:00:00Z", quantity: true, price: 3.5 },
      { customer_id: "c7", order_date: "2024-01-01T00:00:00Z", quantity: 1e200, price: 1e200 },
      { customer_id: "c8", order_date: "2024-01-01T00:00:00Z", quantity: "0x10", price: 1 },
    ];
    const { summary, events: rows } = await importText(
      "t.ndjson",
      `${lines.map((o) => JSON.stringify(o)).join("\n")}\n`,
      { preset: "transactions" },
    );
    expect(revenueOf(rows)).toEqual([
      ["c1", null],
      ["c2", 7],
      ["c3", null],
      ["c4", null],
      ["c5", null],
      ["c6", null],
      ["c7", null],
      ["c8", null],
    ]);
    expect(rows[0]?.props).toEqual({ quantity: 2 });
    expect(summary.warnings).toEqual({ unreadable_revenue: { count: 4, firstLines: [5, 6, 7, 8] } });
  });
});
