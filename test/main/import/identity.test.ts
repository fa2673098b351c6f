import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { buildArrays } from "../../../src-main/engine/columns/build.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { everyUser } from "../../../src-main/export/members.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { userTimeline } from "../../../src-main/store/user-timeline.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { identitySummary, setIdentityMerge } from "../../../src-main/workspace/identity.ts";
import { workspaceInfo } from "../../../src-main/workspace/info.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { fixture, tempWorkspace } from "./helpers.ts";

// Identity merge: a user browses anonymously, signs up and buys. The funnel from the first view to
// the purchase must count that person once, for every tool whose export carries both ids.

const range = { from: "2024-06-01", to: "2024-06-30" };

let open: Workspace[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

function ws(file: string, readonly = true): Workspace {
  const w = Workspace.open(file, { readonly });
  open.push(w);
  return w;
}

async function funnel(file: string, steps: string[]): Promise<number[]> {
  const q = parseOrThrow(Query, { kind: "funnel", steps: steps.map((event) => ({ event })), range }, "query");
  const r = (await new InProcessEngine(ws(file).db).run(q)) as FunnelResult;
  return r.steps.map((s) => s.count);
}

async function importInto(file: string, names: string[], opts = {}, pipeline = true): Promise<void> {
  await ingest({ workspace: file, files: names, options: opts, columns: true, pipeline });
}

const TOOLS: { file: string; view: string; buy: string }[] = [
  { file: "identity-mixpanel.ndjson", view: "Page Viewed", buy: "Purchase" },
  { file: "identity-amplitude.ndjson", view: "Page Viewed", buy: "Purchase" },
  { file: "identity-segment.ndjson", view: "Page Viewed", buy: "Purchase" },
  { file: "posthog-export.csv", view: "$pageview", buy: "purchase" },
  { file: "ga4-bigquery.ndjson", view: "page_view", buy: "purchase" },
  { file: "clevertap-events.json", view: "Product Viewed", buy: "Charged" },
];

describe("identity merge", () => {
  for (const t of TOOLS) {
    it(`${t.file}: anonymous browse, sign up, buy counts once; off, the two ids are two users`, async () => {
      const file = tempWorkspace();
      await importInto(file, [fixture(t.file)]);
      const merged = await funnel(file, [t.view, t.buy]);
      const info = workspaceInfo(ws(file));
      const exported: string[] = [];
      for await (const page of everyUser(ws(file).db, 2))
        exported.push(...page.members.map((m) => m.externalId));
      expect(info.identities?.merged).toBe(1);
      const w = ws(file, false);
      setIdentityMerge(w.db, false);
      const apart = await funnel(file, [t.view, t.buy]);
      expect(identitySummary(w.db)).toMatchObject({ merge: false, merged: 0 });
      // merged: the converted person is one user who viewed and bought; apart, the anonymous
      // viewer never bought and the buyer never viewed
      expect(merged[1]).toBe(1);
      expect(apart[1]).toBe(0);
      expect(merged[0]).toBe(apart[0]);
      // the export of every user lists the merged person once (while the merge was on), and the
      // workspace's user count is of people too, as every query's "of total" is
      expect(exported.length).toBe(info.users);
      expect(new Set(exported).size).toBe(exported.length);
    });
  }

  it("is recomputed on import: a later file's link merges the anonymous events imported before", async () => {
    const dir = tmpDir();
    const lines = fs.readFileSync(fixture("identity-segment.ndjson"), "utf8").trim().split("\n");
    const anonOnly = path.join(dir, "a.ndjson");
    const rest = path.join(dir, "b.ndjson");
    fs.writeFileSync(anonOnly, `${lines.slice(0, 2).join("\n")}\n`);
    fs.writeFileSync(rest, `${lines.slice(2).join("\n")}\n`);
    const file = tempWorkspace();
    await importInto(file, [anonOnly]);
    const [summary] = await ingest({ workspace: file, files: [rest], options: {}, columns: true });
    // the identify call is reported as what it is, not as an event without a name
    expect(summary?.skippedByReason).toEqual({ identity_only: { count: 1, firstLines: [1] } });
    expect(await funnel(file, ["Page Viewed", "Purchase"])).toEqual([2, 1]);
    // a later plain CSV import (two threads, merged columns) keeps the merge in the saved timeline
    const csv = path.join(dir, "c.csv");
    fs.writeFileSync(
      csv,
      "user_id,event,time\ns-1,Purchase,2024-06-03T10:00:00Z\nz-9,Page Viewed,2024-06-03T11:00:00Z\n",
    );
    await importInto(file, [csv]);
    const w = ws(file);
    const saved = loadColumns(w.db);
    expect(saved).not.toBeNull();
    const fresh = buildArrays(w.db);
    expect(saved?.userIds).toEqual(fresh.userIds);
    expect(saved?.userOffsets).toEqual(fresh.userOffsets);
    expect(saved?.seqs).toEqual(fresh.seqs);
    expect(await funnel(file, ["Page Viewed", "Purchase"])).toEqual([3, 1]);
  });

  it("the user lookup resolves a merged anonymous id to its person, with the anonymous events", async () => {
    const lines = fs
      .readFileSync(fixture("identity-segment.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            type: string;
            event?: string;
            anonymousId?: string;
            userId: string | null;
            timestamp: string;
          },
      );
    // the reference, from the file: the tracked events of anon-s1 and s-1, newest first
    const person = lines
      .filter((l) => l.type === "track" && (l.userId === "s-1" || l.anonymousId === "anon-s1"))
      .map((l) => [l.event, l.timestamp])
      .reverse();
    const own = lines.filter((l) => l.type === "track" && l.anonymousId === "anon-s1" && l.userId === null);
    for (const columns of [true, false]) {
      const file = tempWorkspace();
      await ingest({ workspace: file, files: [fixture("identity-segment.ndjson")], options: {}, columns });
      const w = ws(file, false);
      const anon = userTimeline(w, "anon-s1");
      expect(anon).toMatchObject({ userId: "s-1", mergedFrom: "anon-s1", mergedIds: ["anon-s1"] });
      expect(anon.events.map((e) => [e.event, e.time])).toEqual(person);
      expect(userTimeline(w, "s-1").events).toEqual(anon.events);
      // an anonymous id only ever seen beside its user id is that user
      expect(userTimeline(w, "anon-s3")).toMatchObject({ userId: "s-3", mergedFrom: "anon-s3" });
      setIdentityMerge(w.db, false);
      const apart = userTimeline(w, "anon-s1");
      expect(apart).toMatchObject({ userId: "anon-s1", mergedFrom: null, mergedIds: [] });
      expect(apart.events).toHaveLength(own.length);
      expect(() => userTimeline(w, "anon-s3")).toThrow(/no user/);
    }
  });

  it("follows a chain of links and ignores one that would close a cycle", async () => {
    const dir = tmpDir();
    const f = path.join(dir, "chain.ndjson");
    const row = (o: Record<string, unknown>, i: number) =>
      JSON.stringify({ type: "track", messageId: `m${i}`, timestamp: `2024-06-01T0${i}:00:00Z`, ...o });
    fs.writeFileSync(
      f,
      `${[
        { event: "Page Viewed", anonymousId: "a1" },
        { event: "Sign Up", anonymousId: "a1", userId: "a2" },
        { event: "Login", anonymousId: "a2", userId: "u" },
        { event: "Purchase", anonymousId: "u", userId: "a1" },
        { event: "Purchase", userId: "u" },
      ]
        .map(row)
        .join("\n")}\n`,
    );
    const file = tempWorkspace();
    await importInto(file, [f]);
    expect(await funnel(file, ["Page Viewed", "Purchase"])).toEqual([1, 1]);
    expect(identitySummary(ws(file).db).merged).toBe(2);
  });

  it("merges two anonymous ids identified as one user, one of them only after its events", async () => {
    // found by the property below (seed 73436808): user-1 is known only from identify calls
    const rows = [
      { type: "track", event: "view", anonymousId: "anon-9", userId: null },
      { type: "identify", anonymousId: "anon-3", userId: "user-1" },
      { type: "track", event: "view", anonymousId: "anon-0", userId: null },
      { type: "track", event: "view", anonymousId: "anon-3", userId: null },
      { type: "identify", anonymousId: "anon-0", userId: "user-1" },
    ].map((r, i) => ({
      ...r,
      timestamp: new Date(Date.UTC(2024, 5, 10) + i * 60_000).toISOString(),
      messageId: `m-${i}`,
    }));
    const f = path.join(tmpDir(), "two-anon.ndjson");
    fs.writeFileSync(f, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const file = tempWorkspace();
    await importInto(file, [f]);
    expect(await funnel(file, ["view", "buy"])).toEqual([2, 0]);
  });

  it("matches a slow reference on random journeys of anonymous and identified ids", async () => {
    const event = fc.record({
      kind: fc.constantFrom("view", "buy", "identify"),
      anon: fc.integer({ min: 0, max: 4 }),
      user: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 0, maxLength: 25 }), async (more) => {
        // the first row names the event column for the sample (an identify call has none)
        const evs = [{ kind: "view" as const, anon: 9, user: null }, ...more];
        const dir = tmpDir();
        const f = path.join(dir, "seg.ndjson");
        const rows = evs.map((e, i) => ({
          type: e.kind === "identify" ? "identify" : "track",
          ...(e.kind === "identify" ? {} : { event: e.kind }),
          anonymousId: `anon-${e.anon}`,
          userId: e.user === null ? null : `user-${e.user}`,
          timestamp: new Date(Date.UTC(2024, 5, 10) + i * 60_000).toISOString(),
          messageId: `m-${i}`,
        }));
        fs.writeFileSync(f, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
        const file = tempWorkspace();
        await importInto(file, [f]);
        // the reference: the first user id seen with an anonymous id owns it; events by person
        const owner = new Map<string, string>();
        for (const r of rows) if (r.userId && !owner.has(r.anonymousId)) owner.set(r.anonymousId, r.userId);
        const person = (r: (typeof rows)[number]) => r.userId ?? owner.get(r.anonymousId) ?? r.anonymousId;
        const viewed = new Map<string, number>();
        const bought = new Set<string>();
        rows.forEach((r, i) => {
          if (r.type !== "track") return;
          const p = person(r);
          if (r.event === "view" && !viewed.has(p)) viewed.set(p, i);
          if (r.event === "buy" && viewed.has(p) && (viewed.get(p) as number) < i) bought.add(p);
        });
        const got = await funnel(file, ["view", "buy"]);
        for (const w of open.splice(0)) w.close();
        expect(got).toEqual([viewed.size, bought.size]);
      }),
      { numRuns: 25 },
    );
  });
});
