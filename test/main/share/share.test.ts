import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openEncryptedCopy } from "../../../src-main/share/open-encrypted.ts";
import { shareCopy } from "../../../src-main/share/share-copy.ts";
import { createSaved, storeLastResult } from "../../../src-main/workspace/saved.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";

const PASS = "correct horse battery staple";
let open: Workspace[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

/** Two users with personal attributes, three events (one with an email property), a saved segment. */
function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-share-"));
  const ws = Workspace.create(path.join(dir, "orig.strata"), { timezone: "Europe/Berlin" });
  open.push(ws);
  ws.db.exec(`
    INSERT INTO users (id, external_id, attributes) VALUES
      (1, 'alice', '{"Email":"alice@example.com","first_name":"Alice","plan":"pro","Phone":"+4930123456"}'),
      (2, 'bob', '{"email":"bob@example.com","plan":"free"}');
    INSERT INTO user_properties (name, type, count) VALUES
      ('Email','string',1), ('email','string',1), ('first_name','string',1), ('plan','string',2), ('Phone','string',1);
    INSERT INTO event_names (id, name, count, first_time, last_time) VALUES (1, 'signup', 2, 1717200000000, 1717300000000),
      (2, 'purchase', 1, 1717250000000, 1717250000000);
    INSERT INTO events (user_id, event_id, time, properties) VALUES
      (1, 1, 1717200000000, '{"email":"alice@example.com","source":"ads"}'),
      (2, 1, 1717300000000, '{"source":"seo"}'),
      (1, 2, 1717250000000, '{"amount":12.5}');
    INSERT INTO event_properties (event_id, name, type, count) VALUES (1,'email','string',1), (1,'source','string',2), (2,'amount','number',1);
    INSERT INTO engine_columns (name, version, built_at, data) VALUES ('users', 1, 0, x'00');
  `);
  const seg = createSaved(ws.db, "segment", "Pro", {
    attribute: { property: "plan", op: "eq", value: "pro" },
  });
  storeLastResult(ws.db, seg.id, { users: 1, ofTotal: 2, preview: [{ userId: "alice" }] });
  return { dir, ws, seg };
}

function read(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      users: db.prepare("SELECT external_id, attributes FROM users ORDER BY id").all() as {
        external_id: string;
        attributes: string;
      }[],
      events: db.prepare("SELECT properties FROM events ORDER BY seq").all() as { properties: string }[],
      saved: db.prepare("SELECT id, definition, last_result FROM saved_items").all(),
      userProps: (
        db.prepare("SELECT name FROM user_properties ORDER BY name").all() as { name: string }[]
      ).map((r) => r.name),
      engine: (db.prepare("SELECT count(*) AS n FROM engine_columns").get() as { n: number }).n,
      asOf: (db.prepare("SELECT as_of FROM meta").get() as { as_of: string }).as_of,
      raw: fs.readFileSync(file),
    };
  } finally {
    db.close();
  }
}

describe("share a copy", () => {
  it("copies everything as it is, and the copy opens as a workspace", async () => {
    const { dir, ws } = workspace();
    const r = await shareCopy(ws, { out: path.join(dir, "all.strata") });
    const copy = read(r.path);
    expect(copy.users.map((u) => u.external_id)).toEqual(["alice", "bob"]);
    expect(copy.events.length).toBe(3);
    expect(copy.saved).toEqual(read(ws.path).saved);
    Workspace.open(r.path, { readonly: true }).close();
  });

  it("without events keeps saved segments, reports and their last results, with as-of pinned", async () => {
    const { dir, ws } = workspace();
    const asOf = ws.asOfDate();
    ws.db.exec(`INSERT INTO imports (id, file_name, file_path, file_size, file_hash, kind, options, started_at, status)
      VALUES (1, 'orders.csv', '/data/orders.csv', 10, 'h', 'events', '{}', 0, 'done');
      CREATE TABLE import_warnings (import_id INTEGER PRIMARY KEY, warnings TEXT NOT NULL);
      INSERT INTO import_warnings VALUES (1, '{"unreadable_revenue":{"count":1,"firstLines":[2]}}');`);
    const r = await shareCopy(ws, { out: path.join(dir, "defs.strata"), events: false });
    const copy = read(r.path);
    // the imports go with the data, and what was said of them
    const db = new Database(r.path, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM import_warnings").get()).toEqual({ n: 0 });
    db.close();
    expect(copy.events).toEqual([]);
    expect(copy.users).toEqual([]);
    expect(copy.saved).toEqual(read(ws.path).saved);
    expect(JSON.parse(copy.asOf)).toEqual({ mode: "fixed", date: asOf });
    expect(copy.raw.includes("alice@example.com")).toBe(false);
  });

  it("pseudonymizes user ids with HMAC-SHA256 under the analyst's key, results included", async () => {
    const { dir, ws } = workspace();
    const key = "analyst-secret-key";
    const r = await shareCopy(ws, { out: path.join(dir, "pseudo.strata"), pseudonymizeKey: key });
    const h = (id: string) => createHmac("sha256", key).update(id).digest("hex");
    const copy = read(r.path);
    expect(copy.users.map((u) => u.external_id)).toEqual([h("alice"), h("bob")]);
    expect(JSON.parse((copy.saved[0] as { last_result: string }).last_result).preview).toEqual([
      { userId: h("alice") },
    ]);
    expect(copy.engine).toBe(0);
    // the original is only read
    expect(read(ws.path).users.map((u) => u.external_id)).toEqual(["alice", "bob"]);
  });

  it("drops personal attributes from users and events, leaving no trace in the file", async () => {
    const { dir, ws } = workspace();
    const r = await shareCopy(ws, {
      out: path.join(dir, "anon.strata"),
      dropPersonal: true,
      dropAttributes: ["PLAN"],
    });
    const copy = read(r.path);
    expect(copy.users.map((u) => JSON.parse(u.attributes))).toEqual([{}, {}]);
    expect(copy.events.map((e) => JSON.parse(e.properties))).toEqual([
      { source: "ads" },
      { source: "seo" },
      { amount: 12.5 },
    ]);
    expect(copy.userProps).toEqual([]);
    expect(r.dropped.sort()).toEqual(["Email", "Phone", "email", "first_name", "plan"]);
    for (const s of ["alice@example.com", "bob@example.com", "Alice", "+4930123456"])
      expect(copy.raw.includes(s)).toBe(false);
    expect(read(ws.path).users[0]?.attributes).toContain("alice@example.com");
  });

  it("refuses to overwrite a file or the workspace", async () => {
    const { dir, ws } = workspace();
    fs.writeFileSync(path.join(dir, "taken.strata"), "x");
    await expect(shareCopy(ws, { out: path.join(dir, "taken.strata") })).rejects.toMatchObject({
      code: "exists",
    });
    await expect(shareCopy(ws, { out: ws.path })).rejects.toMatchObject({ code: "invalid_request" });
  });
});

describe("encrypted copies", () => {
  it("round-trip with the passphrase; a wrong passphrase or a flipped byte is refused and writes nothing", async () => {
    const { dir, ws } = workspace();
    const out = path.join(dir, "sealed.strata");
    const r = await shareCopy(ws, { out, passphrase: PASS, pseudonymizeKey: "k-12345678" });
    const sealed = fs.readFileSync(out);
    expect(sealed.subarray(0, 8).toString("latin1")).toBe("STRATAEN");
    expect(sealed.includes("SQLite format 3")).toBe(false);
    expect(r.bytes).toBe(sealed.length);
    expect(() => Workspace.open(out, { readonly: true })).toThrow(/needs its passphrase/);

    const dataDir = path.join(dir, "data");
    const plain = await openEncryptedCopy(out, PASS, dataDir);
    const copy = read(plain);
    expect(copy.users.length).toBe(2);
    expect(copy.saved).toEqual(
      read(ws.path).saved.map((s) => ({ ...(s as object), last_result: expect.any(String) })),
    );
    Workspace.open(plain, { readonly: true }).close();
    fs.rmSync(plain);

    await expect(openEncryptedCopy(out, "wrong passphrase", dataDir)).rejects.toMatchObject({
      code: "passphrase",
      message: expect.stringMatching(/passphrase is wrong/),
    });
    for (const at of [20, 100, sealed.length - 1]) {
      const flipped = Buffer.from(sealed);
      flipped[at] = (flipped[at] as number) ^ 0x01;
      const bad = path.join(dir, `flipped-${at}.strata`);
      fs.writeFileSync(bad, flipped);
      await expect(openEncryptedCopy(bad, PASS, dataDir)).rejects.toMatchObject({ code: "passphrase" });
    }
    const truncated = path.join(dir, "truncated.strata");
    fs.writeFileSync(truncated, sealed.subarray(0, sealed.length - 100));
    await expect(openEncryptedCopy(truncated, PASS, dataDir)).rejects.toMatchObject({
      code: "passphrase",
      message: expect.stringMatching(/damaged or changed/),
    });
    expect(fs.readdirSync(path.join(dataDir, "opened"))).toEqual([]);
  });

  it("never writes the plain stage of an encrypted copy beside the output", async () => {
    const { dir, ws } = workspace();
    const out = path.join(dir, "sealed.strata");
    const seen: string[] = [];
    const watcher = fs.watch(dir, (_e, name) => {
      if (name) seen.push(String(name));
    });
    try {
      await shareCopy(ws, { out, passphrase: PASS });
    } finally {
      watcher.close();
    }
    expect(seen.filter((n) => n.includes(".plain"))).toEqual([]);
    expect(fs.readFileSync(out).subarray(0, 8).toString("latin1")).toBe("STRATAEN");
  });

  it("refuses a header that asks for more key-derivation memory or work than Strata ever writes", async () => {
    const { dir, ws } = workspace();
    const out = path.join(dir, "sealed.strata");
    await shareCopy(ws, { out, passphrase: PASS });
    const hostile = fs.readFileSync(out);
    hostile[10] = 20; // log2 N
    hostile[11] = 32; // r: 128·N·r would be 4 GiB
    const bad = path.join(dir, "hostile.strata");
    fs.writeFileSync(bad, hostile);
    // a hang, not a speed, is what fails here: by the test's timeout (vitest.config.mts)
    await expect(openEncryptedCopy(bad, PASS, path.join(dir, "data"))).rejects.toMatchObject({
      code: "passphrase",
    });
  });
});

describe("a share over an existing file", () => {
  it("is refused without naming a --force that share does not have", async () => {
    const { dir, ws } = workspace();
    const out = path.join(dir, "taken.strata");
    fs.writeFileSync(out, "someone's file");
    const e = await shareCopy(ws, { out }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "exists" });
    expect(String(e)).toMatch(/already exists; choose another name/);
    expect(String(e)).not.toMatch(/--force/);
    expect(fs.readFileSync(out, "utf8")).toBe("someone's file");
  });
});

describe("--drop-attributes", () => {
  it("refuses a name the workspace does not hold (a typo would leave what it meant in the copy)", async () => {
    const { dir, ws } = workspace();
    const out = path.join(dir, "typo.strata");
    await expect(shareCopy(ws, { out, dropAttributes: ["emial"] })).rejects.toMatchObject({
      code: "invalid_request",
      message: expect.stringMatching(/no user attribute or event property named "emial"/),
    });
    expect(fs.existsSync(out)).toBe(false);
    // an event property, in a copy without events, is no typo
    const r = await shareCopy(ws, {
      out: path.join(dir, "ok.strata"),
      events: false,
      dropAttributes: ["source"],
    });
    expect(fs.existsSync(r.path)).toBe(true);
  });
});
