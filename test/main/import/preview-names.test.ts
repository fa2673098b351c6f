import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src-main/import/ingest.ts";
import { preview } from "../../../src-main/import/inspect.ts";
import type { ImportOptions, ImportPreview } from "../../../src-preload/contract/methods/import.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { events, fixture, importFixture, query, tempWorkspace } from "./helpers.ts";

// The preview names each property as the import stores it: a JSON export's `properties.product_id`
// listed as such was a property no analysis could find (the import stores `product_id`). And it
// shows the properties the import computes (the transactions preset's revenue) with their values.

/** The stored names of the preview's property columns. */
const previewed = (p: ImportPreview) =>
  p.columns.filter((c) => c.role === "property").map((c) => c.storedAs ?? c.name);

const storedNames = (ws: string) =>
  query<{ name: string }>(
    ws,
    "SELECT name FROM event_properties UNION SELECT name FROM user_properties ORDER BY name",
  ).map((r) => r.name);

function file(name: string, text: string): string {
  const out = path.join(tmpDir(), name);
  fs.writeFileSync(out, text);
  return out;
}

describe("the preview's property names", () => {
  it.each([
    ["mixpanel.ndjson", {}],
    ["nested-properties.ndjson", {}],
    ["posthog-export.csv", {}],
    ["amplitude.ndjson", {}],
    ["wide.csv", {}],
  ] satisfies [string, ImportOptions][])("are the names %s is stored under", async (name, options) => {
    const p = await preview(fixture(name), options, "UTC");
    const { ws } = await importFixture(name, options);
    const stored = storedNames(ws);
    expect(previewed(p)).toEqual(expect.arrayContaining(stored));
    // a column previewed but not stored holds no value (JSON nulls) in any row
    const unset = p.columns.flatMap((c, i) =>
      c.role === "property" && !stored.includes(c.storedAs ?? c.name) ? [p.rows.map((r) => r[i])] : [],
    );
    for (const values of unset) expect(values.every((v) => v === null)).toBe(true);
  });

  it("strip `properties.` as the import does, and keep a column whose short name is taken", async () => {
    const ndjson = file(
      "events.ndjson",
      `${[
        {
          user_id: "u1",
          event: "view",
          time: 1700000000000,
          plan: "top",
          properties: { product_id: 7, plan: "in" },
        },
        { user_id: "u2", event: "view", time: 1700000001000, properties: { product_id: 8, price: 1.5 } },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n")}\n`,
    );
    const p = await preview(ndjson, {}, "UTC");
    expect(p.columns.map((c) => [c.name, c.storedAs ?? null])).toEqual([
      ["user_id", null],
      ["event", null],
      ["time", null],
      ["plan", null],
      ["properties.product_id", "product_id"],
      ["properties.plan", null],
      ["properties.price", "price"],
    ]);
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [ndjson], options: {}, columns: false });
    expect(storedNames(ws)).toEqual(["plan", "price", "product_id", "properties.plan"]);
  });

  it("leave type overrides keyed by the file's column name", async () => {
    const ndjson = file(
      "typed.ndjson",
      '{"user_id":"u1","event":"view","time":1700000000000,"properties":{"sku":"12","n":3}}\n',
    );
    const options: ImportOptions = { types: { "properties.sku": "number" } };
    const p = await preview(ndjson, options, "UTC");
    expect(p.columns.find((c) => c.name === "properties.sku")).toEqual({
      name: "properties.sku",
      type: "number",
      role: "property",
      storedAs: "sku",
    });
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [ndjson], options, columns: false });
    expect(events(ws)[0]?.props).toEqual({ sku: 12, n: 3 });
  });

  it("are stripped when no mapping could be made, as the import would", async () => {
    const ndjson = file("notime.ndjson", '{"user_id":"u1","event":"view","properties":{"sku":"X"}}\n');
    const p = await preview(ndjson, {}, "UTC");
    expect(p.problems[0]).toMatch(/no time column/);
    expect(p.columns.find((c) => c.name === "properties.sku")?.storedAs).toBe("sku");
  });
});

describe("the preview's computed revenue", () => {
  it("lists revenue with the values the import stores, row by row", async () => {
    const csv = file(
      "orders.csv",
      [
        "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID",
        "1,6,2010-12-01 08:26:00,2.55,17850.0",
        "2,3,2010-12-01 08:27:00,,17850.0",
        "3,-1,2010-12-01 08:28:00,27.5,14527.0",
        "4,0.1,2010-12-01 08:29:00,0.2,14527.0",
        "5,two,2010-12-01 08:30:00,1.5,14527.0",
        "",
      ].join("\n"),
    );
    const p = await preview(csv, {}, "UTC");
    expect(p.mapping.preset).toBe("transactions");
    expect(p.computed).toEqual([
      {
        name: "revenue",
        type: "number",
        from: ["Quantity", "UnitPrice"],
        formula: "Quantity × UnitPrice",
        values: [15.3, null, -27.5, 0.02, null],
      },
    ]);
    for (const pipeline of [true, false]) {
      const ws = tempWorkspace();
      await ingest({ workspace: ws, files: [csv], options: {}, columns: false, pipeline });
      expect(events(ws).map((e) => e.props.revenue ?? null)).toEqual(p.computed?.[0]?.values);
    }
  });

  it("is absent when the import computes nothing", async () => {
    expect((await preview(fixture("wide.csv"), {}, "UTC")).computed).toBeUndefined();
    // a file with a revenue column of its own keeps it, and gets none computed
    const csv = file(
      "own.csv",
      "CustomerID,InvoiceDate,Quantity,UnitPrice,revenue\nc1,2010-12-01 08:26:00,1,2,9\n",
    );
    expect((await preview(csv, {}, "UTC")).computed).toBeUndefined();
  });
});
