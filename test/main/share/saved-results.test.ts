import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { createSaved, listSaved, storeLastResult } from "../../../src-main/workspace/saved.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { Query } from "../../../src-preload/contract/queries.ts";
import { runCli } from "../../helpers/cli-io.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// A review found the values of a dropped attribute in shared copies: saved reports kept their last
// results unless the dropped name sat under a key called `property`, so a members report listing
// `attributes: ["secret_attr"]` carried every secret (and, with --drop-personal, every phone number)
// into the copy. Each case searches the copy's bytes, as `grep -a` would.

const SECRETS = ["TOPSECRETA", "TOPSECRETB", "TOPSECRETC"];
const PHONES = ["+49 30 1111", "+49 30 2222", "+49 30 3333"];
const range = { from: "2024-06-01", to: "2024-06-30" };

const cli = (args: string[]) => runCli(main, args);

const QUERIES: Record<string, Query> = {
  members: { kind: "segmentMembers", segment: { all: [] }, attributes: ["secret_attr", "city"] },
  phones: { kind: "segmentMembers", segment: { all: [] }, attributes: ["phone", "city"] },
  bySecret: {
    kind: "trends",
    series: [{ event: { event: "purchase" } }],
    interval: "day",
    range,
    breakdown: { property: "secret_attr", scope: "user" },
  },
  rfm: { kind: "rfm", event: { event: "purchase" }, monetary: "price", range },
  sessions: { kind: "sessions", range },
  funnel: { kind: "funnel", steps: [{ event: "visit" }, { event: "purchase" }], range },
};

/** A workspace whose saved reports hold their results, and its saved items' ids by query name. */
async function workspace(): Promise<{ dir: string; file: string; ids: Record<string, string> }> {
  const dir = tmpDir("strata-share-results-");
  const spec: JourneySpec = Object.fromEntries(
    SECRETS.map((secret, i) => [
      `u${i}`,
      {
        events: [
          ["visit", `2024-06-0${i + 1}T10:00Z`, { session_id: `s${i}` }],
          ["purchase", `2024-06-0${i + 1}T11:00Z`, { price: 10 + i, session_id: `s${i}` }],
        ],
        attributes: { secret_attr: secret, city: `city-${i}`, phone: PHONES[i] ?? "" },
      },
    ]),
  );
  const j = journeys(spec);
  const ids: Record<string, string> = {};
  const engine = new InProcessEngine(j.ws.db, { lazy: true });
  for (const [name, query] of Object.entries(QUERIES)) {
    const item = createSaved(j.ws.db, "report", name, query);
    storeLastResult(j.ws.db, item.id, await engine.run(query));
    ids[name] = item.id;
  }
  // what an older Strata may have cached: every attribute of the members, named nowhere else
  const older = createSaved(j.ws.db, "report", "older", {
    kind: "segmentMembers",
    segment: { all: [] },
    attributes: ["city"],
  });
  storeLastResult(j.ws.db, older.id, {
    total: 1,
    rows: [{ userId: "u0", attributes: { city: "Paris", secret_attr: "TOPSECRETA" } }],
  });
  ids.older = older.id;
  j.ws.close();
  const file = path.join(dir, "w.strata");
  fs.copyFileSync(j.file, file);
  j.close();
  // they are really there before
  const bytes = fs.readFileSync(file);
  for (const s of [...SECRETS, ...PHONES]) expect(bytes.includes(Buffer.from(s)), s).toBe(true);
  return { dir, file, ids };
}

function lastResults(file: string): Map<string, unknown> {
  const ws = Workspace.open(file, { readonly: true });
  try {
    return new Map(listSaved(ws.db, "report").map((item) => [item.id, item.lastResult]));
  } finally {
    ws.close();
  }
}

const holds = (file: string, text: string) => fs.readFileSync(file).includes(Buffer.from(text));

describe("a shared copy keeps no value of a dropped attribute in saved results", () => {
  it("drops every last result of a copy with events, which computes them again", async () => {
    const { dir, file } = await workspace();
    const out = path.join(dir, "copy.strata");
    const r = await cli(["share", file, "--out", out, "--drop-attributes", "secret_attr", "--json"]);
    expect(r.code, r.err).toBe(0);
    for (const s of SECRETS) expect(holds(out, s), s).toBe(false);
    for (const [, result] of lastResults(out)) expect(result).toBeNull();
    const report = JSON.parse(r.out);
    expect(report.dropped).toEqual(["secret_attr"]);
    expect(report.resultsDropped).toEqual([]);
  });

  it("without events, drops the results that name a dropped name and says so", async () => {
    const { dir, file, ids } = await workspace();
    const out = path.join(dir, "copy.strata");
    const r = await cli([
      "share",
      file,
      "--out",
      out,
      "--no-events",
      "--drop-attributes",
      "secret_attr,price,session_id",
      "--json",
    ]);
    expect(r.code, r.err).toBe(0);
    for (const s of SECRETS) expect(holds(out, s), s).toBe(false);
    const results = lastResults(out);
    // named in an attribute list, a breakdown, rfm's monetary; read by default (sessions)
    for (const name of ["members", "bySecret", "rfm", "sessions"])
      expect(results.get(ids[name] ?? ""), name).toBeNull();
    // what uses none of them stays: without events it is all the recipient has
    expect(results.get(ids.funnel ?? "")).toMatchObject({ steps: [{ count: 3 }, { count: 3 }] });
    expect(results.get(ids.phones ?? "")).not.toBeNull();
    // a dropped name only as a key of the result: that key goes, the rest stays
    expect(results.get(ids.older ?? "")).toEqual({
      total: 1,
      rows: [{ userId: "u0", attributes: { city: "Paris" } }],
    });
    const report = JSON.parse(r.out);
    // the names are read from the data before the events go
    expect(report.dropped).toEqual(["price", "secret_attr", "session_id"]);
    expect(report.resultsDropped.map((item: { name: string }) => item.name).sort()).toEqual([
      "bySecret",
      "members",
      "rfm",
      "sessions",
    ]);
    expect(report.affected.map((item: { name: string }) => item.name).sort()).toEqual([
      "bySecret",
      "members",
      "rfm",
    ]);
  });

  it("with --drop-personal, a members report listing phones keeps none (no '@' in them)", async () => {
    const { dir, file } = await workspace();
    for (const events of [[], ["--no-events"]]) {
      const out = path.join(dir, `copy${events.length}.strata`);
      const r = await cli(["share", file, "--out", out, "--drop-personal", ...events]);
      expect(r.code, r.err).toBe(0);
      for (const phone of PHONES) expect(holds(out, phone), `${phone} ${events}`).toBe(false);
    }
  });

  it("counts the user ids a pseudonymization key replaced", async () => {
    const { dir, file } = await workspace();
    const out = path.join(dir, "copy.strata");
    const r = await cli(["share", file, "--out", out, "--pseudonymize-key", "analyst-key-1", "--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).redacted).toEqual({ values: 0, eventNames: 0, userIds: 3 });
    // a copy without events holds no user to count
    const bare = path.join(dir, "bare.strata");
    const noEvents = await cli([
      "share",
      file,
      "--out",
      bare,
      "--no-events",
      "--pseudonymize-key",
      "k-12345678",
    ]);
    expect(noEvents.code, noEvents.err).toBe(0);
    expect(noEvents.err).not.toMatch(/pseudonymized/);
  });
});
