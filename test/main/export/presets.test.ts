import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Member } from "../../../src-main/export/identity.ts";
import { buildPlan, emptyStats } from "../../../src-main/export/plan.ts";
import type { ExportPreset } from "../../../src-preload/contract/methods/export.ts";

// Expected hashes are computed here with node:crypto from normalized strings typed by hand, never
// through the code under test.
const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

const { members } = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "../../fixtures/export/members.json"), "utf8"),
) as { members: Member[] };
const known = [...new Set(members.flatMap((m) => Object.keys(m.attributes)))];

function run(preset: ExportPreset, opts: { attributes?: string[]; map?: Record<string, string> } = {}) {
  const plan = buildPlan(preset, { known, ...opts });
  const stats = emptyStats();
  const rows = new Map<string, string[] | null>();
  for (const m of members) rows.set(m.externalId, plan.cells(m, stats));
  return { plan, stats, rows };
}

interface DocExample {
  column: string;
  input: string;
  country?: string | null;
  normalized: string;
}
const docs = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "../../fixtures/export/doc-examples.json"), "utf8"),
) as {
  meta: { examples: DocExample[] };
  google: { examples: DocExample[] };
  publishedDigest: { normalized: string; sha256: string };
};

const FIELD_OF: Record<string, string> = {
  email: "email",
  phone: "phone",
  fn: "first_name",
  ln: "last_name",
  ct: "city",
  st: "region",
  country: "country",
  Email: "email",
  Phone: "phone",
  "First Name": "first_name",
  "Last Name": "last_name",
};

/**
 * The example's cell when a member holds just this value (plus its country, and an email so that the
 * row is not left out for lacking an identifier).
 */
function docCell(preset: ExportPreset, ex: DocExample): string | undefined {
  const field = FIELD_OF[ex.column] as string;
  const attributes: Record<string, string> = { email: "a@b.co", [field]: ex.input };
  if (ex.country && field !== "country") attributes.country = ex.country;
  const plan = buildPlan(preset, { known: Object.keys(attributes) });
  return plan.cells({ externalId: "x", attributes }, emptyStats())?.[plan.header.indexOf(ex.column)];
}

describe("worked examples from the tools' documentation", () => {
  it("SHA-256 hex matches a digest published for a normalized email", () => {
    expect(sha(docs.publishedDigest.normalized)).toBe(docs.publishedDigest.sha256);
  });
  it.each(docs.meta.examples)("meta $column: $input", (ex) => {
    expect(docCell("meta", ex)).toBe(sha(ex.normalized));
  });
  it.each(docs.google.examples)("google $column: $input", (ex) => {
    expect(docCell("google", ex)).toBe(sha(ex.normalized));
  });
});

describe("braze", () => {
  it("uses Braze's column names, E.164 phones, alpha-2 countries and neutralized custom attributes", () => {
    const { plan, rows, stats } = run("braze", { attributes: ["plan"] });
    expect(plan.header).toEqual([
      "external_id",
      "email",
      "phone",
      "first_name",
      "last_name",
      "home_city",
      "country",
      "plan",
    ]);
    expect(rows.get("u-1")).toEqual([
      "u-1",
      "jane.doe@example.com",
      "+16505551212",
      "Jane",
      "O'Brien",
      "Menlo Park",
      "US",
      // the cell as the file holds it, neutralized
      "'=cmd|' /C calc'!A0",
    ]);
    const line = plan.line(members[0] as Member, emptyStats());
    expect(line).toBe(
      "u-1,jane.doe@example.com,+16505551212,Jane,O'Brien,Menlo Park,US,'=cmd|' /C calc'!A0\r\n",
    );
    expect(rows.get("u-3")?.slice(0, 3)).toEqual(["u-3", "", ""]);
    expect(stats).toMatchObject({ written: 4, missingIdentifier: 0, invalid: { email: 1, phone: 1 } });
  });
});

describe("clevertap", () => {
  it("writes identity, Email, Phone with +, Name", () => {
    const { plan, rows } = run("clevertap", { attributes: ["plan"] });
    expect(plan.header).toEqual(["identity", "Email", "Phone", "Name", "plan"]);
    expect(rows.get("u-1")?.slice(0, 4)).toEqual([
      "u-1",
      "jane.doe@example.com",
      "+16505551212",
      "Jane O'Brien",
    ]);
    expect(rows.get("u-2")?.slice(0, 4)).toEqual(["u-2", "", "+448444124653", "Tom"]);
  });
});

describe("iterable", () => {
  it("writes email and userId", () => {
    const { plan, rows, stats } = run("iterable");
    expect(plan.header).toEqual(["email", "userId", "phoneNumber", "firstName", "lastName"]);
    expect(rows.get("u-2")?.slice(0, 3)).toEqual(["", "u-2", "+448444124653"]);
    expect(stats.missingIdentifier).toBe(0);
  });
});

describe("mailchimp", () => {
  it("needs an Email Address and counts those without one", () => {
    const { plan, rows, stats } = run("mailchimp");
    expect(plan.header).toEqual(["Email Address", "First Name", "Last Name", "Phone Number"]);
    expect(rows.get("u-1")).toEqual(["jane.doe@example.com", "Jane", "O'Brien", "+16505551212"]);
    expect(rows.get("u-2")).toBeNull();
    expect(stats).toMatchObject({ members: 4, written: 1, missingIdentifier: 3 });
  });
});

describe("meta", () => {
  it("hashes every normalized identifier", () => {
    const { plan, rows, stats } = run("meta");
    expect(plan.header).toEqual(["email", "phone", "fn", "ln", "ct", "st", "country"]);
    expect(rows.get("u-1")).toEqual([
      sha("jane.doe@example.com"),
      sha("16505551212"),
      sha("jane"),
      sha("obrien"),
      sha("menlopark"),
      sha("ca"),
      sha("us"),
    ]);
    expect(rows.get("u-2")).toEqual(["", sha("448444124653"), sha("tom"), "", "", "", sha("gb")]);
    // u-3: invalid email, phone without country; u-4: no email or phone
    expect(stats).toMatchObject({ written: 2, missingIdentifier: 2 });
  });
  it("takes no extra attributes", () => {
    expect(() => buildPlan("meta", { known, attributes: ["plan"] })).toThrow(/takes no extra attributes/);
  });
});

describe("google", () => {
  it("hashes email, E.164 phone and names; keeps country and zip plain", () => {
    const { plan, rows, stats } = run("google");
    expect(plan.header).toEqual(["Email", "Phone", "First Name", "Last Name", "Country", "Zip"]);
    expect(rows.get("u-1")).toEqual([
      sha("jane.doe@example.com"),
      sha("+16505551212"),
      sha("jane"),
      sha("o'brien"),
      "US",
      "94025",
    ]);
    expect(rows.get("u-4")).toEqual(["", "", sha("ana"), sha("silva"), "BR", "01310-100"]);
    expect(rows.get("u-3")).toBeNull();
    expect(stats).toMatchObject({ written: 3, missingIdentifier: 1 });
  });
});

describe("generic csv and ndjson", () => {
  it("csv writes the external id and the chosen attributes, RFC 4180 quoted", () => {
    const plan = buildPlan("csv", { known, attributes: ["plan", "country"] });
    expect(plan.headerLine()).toBe("external_id,plan,country\r\n");
    expect(plan.line(members[1] as Member, emptyStats())).toBe('u-2,"pro, yearly",GB\r\n');
    expect(plan.line(members[2] as Member, emptyStats())).toBe("u-3,-5,\r\n");
  });
  it("ndjson keeps types and writes every attribute when none are chosen", () => {
    const plan = buildPlan("ndjson", { known: ["plan", "score"] });
    const line = plan.line({ externalId: "u-9", attributes: { score: 4.5, plan: null } }, emptyStats());
    expect(line).toBe('{"external_id":"u-9","plan":null,"score":4.5}\n');
  });
});

describe("--map", () => {
  it("reads a field from another attribute, by field name or preset header", () => {
    const m: Member = { externalId: "u-7", attributes: { work_mail: "A@B.CO", crm: "C-7" } };
    const byField = buildPlan("braze", { known: ["work_mail", "crm"], map: { email: "work_mail" } });
    expect(byField.cells(m, emptyStats())?.slice(0, 2)).toEqual(["u-7", "a@b.co"]);
    const byHeader = buildPlan("mailchimp", { known: ["work_mail"], map: { "Email Address": "work_mail" } });
    expect(byHeader.cells(m, emptyStats())?.[0]).toBe("a@b.co");
    const id = buildPlan("braze", { known: ["crm"], map: { external_id: "crm" } });
    expect(id.cells(m, emptyStats())?.[0]).toBe("C-7");
  });
  it("rejects an attribute the workspace does not have, mapped or extra: never a blank column", () => {
    expect(() => buildPlan("braze", { known, map: { email: "nosuch" } })).toThrow(
      /--map: no user attribute "nosuch"/,
    );
    expect(() => buildPlan("braze", { known, attributes: ["nosuchattr"] })).toThrow(
      /--attributes: no user attribute "nosuchattr"/,
    );
    expect(buildPlan("braze", { known, attributes: ["plan", "$bestSendHour"] }).attributes).toEqual([
      "plan",
      "$bestSendHour",
    ]);
  });

  it("rejects a field the preset does not have", () => {
    expect(() => buildPlan("meta", { known, map: { shoe_size: "x" } })).toThrow(
      /not a field of the meta preset/,
    );
  });
});
