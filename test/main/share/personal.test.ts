import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { isEmail } from "../../../src-main/share/email.ts";
import { isPersonalName } from "../../../src-main/share/personal.ts";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import { journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// Finding 3 of issue 20 and the share warning of issue 12: `share --drop-personal` left 7 of 11
// planted personal strings (names matched exactly against a list, top-level keys only) and said
// nothing about saved segments built on what it removed.

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdin: async () => "",
  });
  return { code, out, err };
}

const PLANTED = [
  "id.as.email@example.com", // e-mail as user id
  "user-email@example.com", // attribute user_email
  "customer-email@example.org", // attribute customer_email
  "nested.contact@example.net", // attribute contact: { email }
  "free.text@example.com", // e-mail inside free text
  "event.name@example.com", // e-mail inside an event name
  "work.email@example.com", // attribute "Work Email"
  "plain@example.com", // attribute email
  "+49 30 1234567", // attribute phone
  "Annegret", // attribute first_name
  "Kowalczykówna", // attribute last_name
];

function plantedWorkspace() {
  const dir = tmpDir("strata-personal-");
  const gmail = Object.fromEntries(
    Array.from({ length: 7 }, (_, i) => [
      `g${i}`,
      { events: [["visit", `2024-06-0${i + 1}T10:00Z`]], attributes: { email: `g${i}@gmail.com` } },
    ]),
  );
  const j = journeys({
    ...gmail,
    "id.as.email@example.com": {
      events: [
        ["visit", "2024-06-01T10:00Z", { note: "write to free.text@example.com please", plan: "pro" }],
        ["newsletter event.name@example.com", "2024-06-02T10:00Z"],
      ],
      attributes: {
        user_email: "user-email@example.com",
        customer_email: "customer-email@example.org",
        "Work Email": "work.email@example.com",
        email: "plain@example.com",
        phone: "+49 30 1234567",
        first_name: "Annegret",
        last_name: "Kowalczykówna",
        emails_sent: 12,
        country: "DE",
      },
    },
  });
  // a nested object, as a JSON import of {"contact": {"email": ...}} may keep it
  j.ws.db
    .prepare("UPDATE users SET attributes = json_set(attributes, '$.contact', json(?)) WHERE external_id = ?")
    .run(JSON.stringify({ email: "nested.contact@example.net", city: "Berlin" }), "id.as.email@example.com");
  createSaved(j.ws.db, "segment", "Gmail users", {
    attribute: { property: "email", scope: "user", op: "contains", value: "@gmail.com" },
  });
  createSaved(j.ws.db, "segment", "Germans", {
    attribute: { property: "country", scope: "user", op: "eq", value: "DE" },
  });
  j.ws.close();
  const file = path.join(dir, "w.strata");
  fs.copyFileSync(j.file, file);
  j.close();
  return { dir, file };
}

describe("share --drop-personal", () => {
  it("removes every planted personal string from the file's bytes and reports what it removed", async () => {
    const { dir, file } = plantedWorkspace();
    // they are really there before
    const original = fs.readFileSync(file);
    for (const s of PLANTED) expect(original.includes(Buffer.from(s)), s).toBe(true);
    const out = path.join(dir, "copy.strata");
    const r = await cli(["share", file, "--out", out, "--drop-personal", "--json"]);
    expect(r.code, r.err).toBe(0);
    const bytes = fs.readFileSync(out); // what `grep -a` reads
    for (const s of PLANTED) expect(bytes.includes(Buffer.from(s)), s).toBe(false);
    for (let i = 0; i < 7; i++) expect(bytes.includes(Buffer.from(`g${i}@gmail.com`))).toBe(false);
    // analytics stay
    const db = new Database(out, { readonly: true });
    const attrs = (
      db.prepare("SELECT attributes FROM users WHERE attributes LIKE '%country%'").get() as {
        attributes: string;
      }
    ).attributes;
    expect(JSON.parse(attrs)).toMatchObject({ country: "DE", emails_sent: 12, contact: { city: "Berlin" } });
    expect(db.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 8 });
    db.close();
    const report = JSON.parse(r.out);
    expect(report.dropped).toEqual(
      expect.arrayContaining(["user_email", "customer_email", "Work Email", "email", "phone", "first_name"]),
    );
    expect(report.redacted).toEqual({ values: 1, eventNames: 1, userIds: 1 });
  });

  it("warns and lists the saved segments built on removed attributes, with their counts", async () => {
    const { dir, file } = plantedWorkspace();
    const r = await cli(["share", file, "--out", path.join(dir, "c.strata"), "--drop-personal"]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: 1 saved item/);
    expect(r.err).toMatch(/segment "Gmail users" \(.+\) uses email: 7 users -> 0/);
    expect(r.err).not.toMatch(/Germans/);
  });
});

describe("share --pseudonymize-key", () => {
  it("says how many user ids it pseudonymized, not that it replaced e-mail addresses", async () => {
    const { dir, file } = plantedWorkspace();
    const r = await cli([
      "share",
      file,
      "--out",
      path.join(dir, "p.strata"),
      "--pseudonymize-key",
      "analyst-key-1",
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^user ids pseudonymized: 8$/m);
    expect(r.err).not.toMatch(/e-mail/);
  });
});

describe("personal names and values", () => {
  it("tells personal names from analytics by their words", () => {
    for (const n of [
      "user_email",
      "customerEmail",
      "Work Email",
      "contact.email",
      "billing_address",
      "E-Mail",
    ])
      expect(isPersonalName(n), n).toBe(true);
    for (const n of ["emails_sent", "event_name", "named_plan", "mail_opens", "ip_country", "country"])
      expect(isPersonalName(n), n).toBe(false);
  });
  it("recognises e-mail addresses as whole values", () => {
    expect(isEmail("a.b+c@sub.example.co.uk")).toBe(true);
    expect(isEmail("not an address")).toBe(false);
    expect(isEmail("write to a@b.io")).toBe(false);
  });
});
