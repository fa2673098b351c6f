import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { readConnection, saveConnection } from "../../../src-main/clickhouse/connection.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { readActivity, writeActivity } from "../../../src-main/workspace/activity.ts";
import { identitySummary } from "../../../src-main/workspace/identity.ts";
import { createSaved, listSaved, storeLastResult } from "../../../src-main/workspace/saved.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// What scrubbed copies left behind outside users and events, found by a security review: the identity
// links stayed whole in every scrubbed copy (`share --drop-personal`, `--pseudonymize-key` and
// `--no-events` each kept `identities` as it was, so the copy still linked `anon-7f3a` to
// `alice@corp.example` and, pseudonymized, no longer matched its own users, so identity merge
// silently stopped), and a saved segment "email eq bob@corp.example" kept the address in its
// definition after --drop-personal. Each case searches the copy's bytes, as `grep -a` would.

const ALICE = "alice@corp.example";
const BOB = "bob@corp.example";

async function cli(args: string[]) {
  let err = "";
  const code = await main(args, {
    out: () => {},
    err: (t) => {
      err += t;
    },
    stdin: async () => "",
  });
  return { code, err };
}

function plantedWorkspace(): string {
  const dir = tmpDir("strata-identities-");
  const j = journeys({
    [ALICE]: [
      ["visit", "2024-06-01T10:00Z"],
      ["buy", "2024-06-02T10:00Z"],
    ],
    "anon-7f3a": [["visit", "2024-06-01T09:00Z"]],
    "anon-9b1c": [["visit", "2024-06-03T09:00Z"]],
    u2: { events: [["visit", "2024-06-03T10:00Z"]], attributes: { plan: "pro" } },
    u3: [["visit", "2024-06-04T10:00Z"]],
  });
  const link = j.ws.db.prepare("INSERT INTO identities (anon_id, user_id, import_id) VALUES (?, ?, NULL)");
  link.run("anon-7f3a", ALICE);
  link.run("anon-9b1c", "u2");
  // the anonymous side of a link may never have had an event of its own
  link.run("anon-never-seen", ALICE);
  createSaved(j.ws.db, "segment", `Bob (${BOB})`, {
    attribute: { property: "email", scope: "user", op: "eq", value: BOB },
  });
  createSaved(j.ws.db, "segment", "Work addresses", {
    all: [
      { performed: { event: "visit" } },
      { attribute: { property: "Work Email", scope: "user", op: "in", value: [BOB, "x@y.example"] } },
    ],
  });
  j.ws.close();
  const file = path.join(dir, "w.strata");
  fs.copyFileSync(j.file, file);
  j.close();
  return file;
}

/** Users who visited, after identity merge, and the merge's own summary. */
async function merged(file: string) {
  const ws = Workspace.open(file, { readonly: true });
  try {
    const visitors = await new InProcessEngine(ws.db, { lazy: true }).run({
      kind: "segmentCount",
      segment: { performed: { event: "visit" } },
    });
    const ids = ws.db.prepare("SELECT anon_id, user_id FROM identities").all() as {
      anon_id: string;
      user_id: string;
    }[];
    const users = new Set(
      (ws.db.prepare("SELECT external_id FROM users").all() as { external_id: string }[]).map(
        (r) => r.external_id,
      ),
    );
    return { visitors: visitors.users, summary: identitySummary(ws.db), ids, users };
  } finally {
    ws.close();
  }
}

function copyHolds(out: string, s: string): boolean {
  // the copy is one file: what `grep -a` reads is all the recipient gets
  expect(fs.existsSync(`${out}-wal`)).toBe(false);
  expect(fs.existsSync(`${out}-journal`)).toBe(false);
  return fs.readFileSync(out).includes(Buffer.from(s));
}

describe("identity links in a shared copy", () => {
  it("are in the original (the test plants them)", async () => {
    const file = plantedWorkspace();
    expect(fs.readFileSync(file).includes(Buffer.from(ALICE))).toBe(true);
    const orig = await merged(file);
    // 5 ids, 2 of them anonymous ids merged into alice and u2
    expect(orig.summary).toEqual({ merge: true, links: 3, merged: 2 });
    expect(orig.visitors).toBe(3);
  });

  for (const [mode, args] of [
    ["--drop-personal", ["--drop-personal"]],
    ["--pseudonymize-key", ["--pseudonymize-key", "k3y-k3y-k3y"]],
    ["--no-events", ["--no-events"]],
  ] as const) {
    it(`leave no raw id behind with ${mode}`, async () => {
      const file = plantedWorkspace();
      const out = path.join(path.dirname(file), "copy.strata");
      const r = await cli(["share", file, "--out", out, ...args]);
      expect(r.code, r.err).toBe(0);
      expect(copyHolds(out, ALICE), ALICE).toBe(false);
      expect(copyHolds(out, "anon-7f3a"), "anon-7f3a").toBe(mode === "--drop-personal");
    });
  }

  it("--no-events drops the links with the users they join", async () => {
    const file = plantedWorkspace();
    const out = path.join(path.dirname(file), "copy.strata");
    expect((await cli(["share", file, "--out", out, "--no-events"])).code).toBe(0);
    const copy = await merged(out);
    expect(copy.ids).toEqual([]);
    expect(copy.users.size).toBe(0);
  });

  for (const [mode, args] of [
    ["--pseudonymize-key", ["--pseudonymize-key", "k3y-k3y-k3y"]],
    ["--drop-personal", ["--drop-personal"]],
    ["both", ["--pseudonymize-key", "k3y-k3y-k3y", "--drop-personal"]],
  ] as const) {
    it(`keep merging the same users with ${mode}`, async () => {
      const file = plantedWorkspace();
      const out = path.join(path.dirname(file), "copy.strata");
      const r = await cli(["share", file, "--out", out, ...args]);
      expect(r.code, r.err).toBe(0);
      const copy = await merged(out);
      // every identified side is one of the copy's users, renamed as they were
      for (const link of copy.ids) expect(copy.users.has(link.user_id), link.user_id).toBe(true);
      expect(copy.ids.filter((link) => copy.users.has(link.anon_id))).toHaveLength(2);
      expect(copy.summary).toEqual({ merge: true, links: 3, merged: 2 });
      expect(copy.visitors).toBe(3);
    });
  }
});

describe("personal values inside saved items", () => {
  for (const args of [
    ["--drop-personal"],
    ["--drop-personal", "--no-events"],
    ["--drop-personal", "--pseudonymize-key", "k3y-k3y-k3y"],
  ]) {
    it(`leave the copy with ${args.join(" ")}`, async () => {
      const file = plantedWorkspace();
      expect(fs.readFileSync(file).includes(Buffer.from(BOB))).toBe(true);
      const out = path.join(path.dirname(file), "copy.strata");
      const r = await cli(["share", file, "--out", out, ...args]);
      expect(r.code, r.err).toBe(0);
      expect(copyHolds(out, BOB), BOB).toBe(false);
      expect(copyHolds(out, ALICE), ALICE).toBe(false);
      // the segments keep their shape: the literal compared to a removed attribute is replaced
      const ws = Workspace.open(out, { readonly: true });
      try {
        const saved = listSaved(ws.db);
        expect(saved.map((s) => s.name).sort()).toEqual(["Bob ([e-mail])", "Work addresses"]);
        expect(saved.find((s) => s.name === "Bob ([e-mail])")?.definition).toEqual({
          attribute: { property: "email", scope: "user", op: "eq", value: "[removed]" },
        });
        expect(JSON.stringify(saved.find((s) => s.name === "Work addresses")?.definition)).toContain(
          '"value":["[removed]","[removed]"]',
        );
      } finally {
        ws.close();
      }
    });
  }

  it("follow the copy's renamed event names and lose caches and texts that quote removed values", async () => {
    const dir = tmpDir("strata-saved-");
    const NEWSLETTER = `newsletter to ${ALICE}`;
    const PHONE = "+49 30 1234567";
    const j = journeys({
      u1: {
        events: [
          ["visit", "2024-06-01T10:00Z"],
          [NEWSLETTER, "2024-06-02T10:00Z"],
        ],
        attributes: { phone: PHONE, plan: "pro" },
      },
      u2: [["visit", "2024-06-03T10:00Z"]],
    });
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const funnelQuery: Query = {
      kind: "funnel",
      steps: [{ event: "visit" }, { event: NEWSLETTER }],
      range,
    };
    const funnel = createSaved(j.ws.db, "report", "Newsletter funnel", funnelQuery);
    const byPhone = createSaved(j.ws.db, "report", "Visits by phone", {
      kind: "trends",
      series: [{ event: { event: "visit" } }],
      interval: "day",
      range,
      breakdown: { property: "phone", scope: "user" },
    });
    // what a breakdown by phone caches: the phone numbers themselves
    storeLastResult(j.ws.db, byPhone.id, { series: [{ breakdown: PHONE, total: 1 }] });
    storeLastResult(j.ws.db, funnel.id, { steps: [{ count: 2 }, { count: 1 }] });
    // a damaged item nobody can open still holds its text
    j.ws.db
      .prepare(
        "INSERT INTO saved_items (id, type, name, definition, created_at, modified_at) VALUES (?, ?, ?, ?, 0, 0)",
      )
      .run("damaged", "segment", "Damaged", `{"attribute": {"property": "email", "value": "${BOB}"`);
    const before = await new InProcessEngine(j.ws.db, { lazy: true }).run(funnelQuery);
    j.ws.close();
    const file = path.join(dir, "w.strata");
    fs.copyFileSync(j.file, file);
    j.close();
    const out = path.join(dir, "copy.strata");
    const r = await cli(["share", file, "--out", out, "--drop-personal"]);
    expect(r.code, r.err).toBe(0);
    for (const planted of [ALICE, BOB, PHONE]) expect(copyHolds(out, planted), planted).toBe(false);
    const ws = Workspace.open(out, { readonly: true });
    try {
      const names = (ws.db.prepare("SELECT name FROM event_names").all() as { name: string }[]).map(
        (row) => row.name,
      );
      expect(names).toContain("newsletter to [e-mail]");
      const saved = listSaved(ws.db, "report");
      const copied = saved.find((item) => item.id === funnel.id);
      // the step follows its event's new name, so the funnel answers as before
      expect(JSON.stringify(copied?.definition)).toContain('"event":"newsletter to [e-mail]"');
      // a copy with events keeps no cached result (saved-scrub.ts): it computes them again, the same
      expect(copied?.lastResult).toBeNull();
      const copiedQuery = Query.parse(copied?.definition);
      expect(await new InProcessEngine(ws.db, { lazy: true }).run(copiedQuery)).toEqual(before);
      expect(saved.find((item) => item.id === byPhone.id)?.lastResult).toBeNull();
      expect(ws.db.prepare("SELECT definition FROM saved_items WHERE id = 'damaged'").get()).toEqual({
        definition: "null",
      });
    } finally {
      ws.close();
    }
  });
});

describe("the other tables of a shared copy", () => {
  const SECRET_ID = "u-secret-42";
  const HOST = "ch.analyst-corp.example";
  const NEWSLETTER = `newsletter to ${ALICE}`;

  /** Every other table with text, each quoting an address, a raw user id or the analyst's setup. */
  function otherTables(): string {
    const dir = tmpDir("strata-tables-");
    const j = journeys({
      [SECRET_ID]: [
        ["visit", "2024-06-01T10:00Z"],
        [NEWSLETTER, "2024-06-02T10:00Z"],
      ],
      u2: [["visit", "2024-06-03T10:00Z"]],
    });
    const db = j.ws.db;
    // an insert id some tools build from the user and the address it was sent to
    db.prepare("UPDATE events SET insert_id = ? WHERE seq = (SELECT min(seq) FROM events)").run(
      `${SECRET_ID}:${ALICE}:1717236000`,
    );
    db.prepare(
      `INSERT INTO imports (file_name, file_path, file_size, file_hash, kind, options, started_at, status)
       VALUES (?, ?, 10, 'h', 'events', ?, 0, 'failed')`,
    ).run(
      `leads_${BOB} (2).csv`,
      `/home/analyst/leads_${BOB} (2).csv`,
      JSON.stringify({ error: `leads_${BOB} (2).csv line 3 column "user" holds "${SECRET_ID}"` }),
    );
    saveConnection(db, { url: `http://${HOST}:8123`, cluster: "main", database: "strata", user: ALICE });
    writeActivity(db, [NEWSLETTER]);
    j.ws.close();
    const file = path.join(dir, "w.strata");
    fs.copyFileSync(j.file, file);
    j.close();
    for (const planted of [ALICE, BOB, SECRET_ID, HOST, "/home/analyst"])
      expect(fs.readFileSync(file).includes(Buffer.from(planted)), planted).toBe(true);
    return file;
  }

  it("--drop-personal leaves no address in them, and the activity setting follows renamed events", async () => {
    const file = otherTables();
    const out = path.join(path.dirname(file), "copy.strata");
    const r = await cli(["share", file, "--out", out, "--drop-personal"]);
    expect(r.code, r.err).toBe(0);
    for (const planted of [ALICE, BOB, HOST, "/home/analyst"])
      expect(copyHolds(out, planted), planted).toBe(false);
    const ws = Workspace.open(out, { readonly: true });
    try {
      expect(readActivity(ws.db)).toEqual({ exclude: ["newsletter to [e-mail]"], source: "analyst" });
      expect(ws.db.prepare("SELECT file_name, file_path, options FROM imports").all()).toEqual([
        { file_name: "[e-mail] (2).csv", file_path: "[e-mail] (2).csv", options: "{}" },
      ]);
      expect(readConnection(ws.db)).toBeNull();
    } finally {
      ws.close();
    }
  });

  for (const [mode, args] of [
    ["--pseudonymize-key", ["--pseudonymize-key", "k3y-k3y-k3y"]],
    ["--no-events", ["--no-events"]],
  ] as const) {
    it(`${mode} leaves no raw user id and no trace of the analyst's setup in them`, async () => {
      const file = otherTables();
      const out = path.join(path.dirname(file), "copy.strata");
      const r = await cli(["share", file, "--out", out, ...args]);
      expect(r.code, r.err).toBe(0);
      for (const planted of [SECRET_ID, HOST, "/home/analyst"])
        expect(copyHolds(out, planted), planted).toBe(false);
    });
  }
});
