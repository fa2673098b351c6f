import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Member } from "../../../src-main/export/identity.ts";
import { buildPlan, emptyStats } from "../../../src-main/export/plan.ts";
import { runExport } from "../../../src-main/export/run-export.ts";
import type { Workspace } from "../../../src-main/workspace/workspace.ts";
import { fakeEngine, tmpDir, workspaceWith } from "./helpers.ts";

// A written value is the stored one: the engine compares attribute values untrimmed, and a campaign
// tool matches users by the id exactly as Strata holds it. Only the typed identifiers the presets
// document (email, phone, country, Google's zip, hashed fields) are normalized.

let open: Workspace[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

const padded: Member = {
  externalId: " u-9 ",
  attributes: {
    plan: " pro ",
    email: " Ana@Example.COM ",
    first_name: " Ana ",
    last_name: "Lee ",
    city: " Menlo Park",
    country: " us ",
    zip: " 94025 ",
  },
};
const known = Object.keys(padded.attributes);

function cells(preset: "csv" | "braze" | "clevertap" | "google", attributes?: string[]) {
  const plan = buildPlan(preset, { known, attributes });
  const row = plan.cells(padded, emptyStats());
  return Object.fromEntries(plan.header.map((h, at) => [h, row?.[at]]));
}

describe("values are written as stored", () => {
  it("keeps spaces around free attributes and the external id", () => {
    const plan = buildPlan("csv", { known, attributes: ["plan", "city"] });
    expect(plan.cells(padded, emptyStats())).toEqual([" u-9 ", " pro ", " Menlo Park"]);
    // RFC 4180 quoting keeps the edge spaces for importers that trim bare fields
    expect(plan.line(padded, emptyStats())).toBe('" u-9 "," pro "," Menlo Park"\r\n');
    expect(cells("braze", ["plan"])).toMatchObject({
      external_id: " u-9 ",
      first_name: " Ana ",
      last_name: "Lee ",
      home_city: " Menlo Park",
      plan: " pro ",
    });
  });

  it("still normalizes the documented typed fields", () => {
    expect(cells("braze")).toMatchObject({ email: "ana@example.com", country: "US" });
    expect(cells("google")).toMatchObject({ Country: "US", Zip: "94025" });
    // a composed value, not a stored one: one space between the parts
    expect(cells("clevertap")).toMatchObject({ identity: " u-9 ", Name: "Ana Lee" });
  });

  it("counts a blank external id as missing, as before", () => {
    const plan = buildPlan("csv", { known: [] });
    const stats = emptyStats();
    expect(plan.cells({ externalId: "   ", attributes: {} }, stats)).toBeNull();
    expect(stats.missingIdentifier).toBe(1);
  });

  it("writes a segment's attribute as the segment compared it", async () => {
    const dir = tmpDir();
    const users: Member[] = [
      { externalId: "a", attributes: { plan: "pro" } },
      { externalId: " b ", attributes: { plan: " pro " } },
    ];
    const ws = workspaceWith(dir, users);
    open.push(ws);
    const engine = fakeEngine(users);
    const out = path.join(dir, "all.csv");
    await runExport({
      ws,
      engine: () => engine,
      request: { segment: { definition: { all: [] } }, preset: "csv", attributes: ["plan"], out },
    });
    const pro = await engine.memberIds({ attribute: { property: "plan", op: "eq", value: "pro" } });
    expect([...pro]).toEqual([1]);
    // only the member the segment holds reads "pro" in the file; the other keeps its stored " pro "
    expect(fs.readFileSync(out, "utf8")).toBe('external_id,plan\r\na,pro\r\n" b "," pro "\r\n');
  });
});
