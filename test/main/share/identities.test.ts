import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { identitySummary } from "../../../src-main/workspace/identity.ts";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// A security review found the identity links left whole in every scrubbed copy: `share
// --drop-personal`, `--pseudonymize-key` and `--no-events` each kept `identities` as it was, so the
// copy still linked `anon-7f3a` to `alice@corp.example` (and, pseudonymized, no longer matched its
// own users, so identity merge silently stopped). A saved segment "email eq bob@corp.example" kept
// the address in its definition after --drop-personal.

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
