import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Member } from "../../../src-main/export/identity.ts";
import { listExports, previewExport, runExport } from "../../../src-main/export/run-export.ts";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import type { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { ExportManifest } from "../../../src-preload/contract/methods/export.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { fakeEngine, tmpDir, workspaceWith } from "./helpers.ts";

const users: Member[] = Array.from({ length: 250 }, (_, i) => ({
  externalId: `u${i}`,
  attributes: {
    email: i % 10 === 0 ? null : `User${i}@Example.com`,
    plan: i % 2 === 0 ? "pro" : "free",
    country: "US",
  },
}));

let open: Workspace[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

function setup() {
  const dir = tmpDir();
  const ws = workspaceWith(dir, users);
  open.push(ws);
  const engine = fakeEngine(users);
  return { dir, ws, engine, getEngine: () => engine };
}

describe("runExport", () => {
  it("streams every member of the segment the engine computes, page by page, with a manifest", async () => {
    const { dir, ws, engine, getEngine } = setup();
    const seg = createSaved(ws.db, "segment", "Pro users", {
      attribute: { property: "plan", op: "eq", value: "pro" },
    });
    const out = path.join(dir, "pro.csv");
    const progress: number[] = [];
    const m = await runExport({
      ws,
      engine: getEngine,
      request: { segment: { id: seg.id }, preset: "mailchimp", out, bom: true },
      pageSize: 40,
      onProgress: (n) => progress.push(n),
    });
    // the segment is evaluated once; its 125 members are read in pages of 40
    expect(engine.calls).toEqual([
      { memberIds: { attribute: { property: "plan", op: "eq", value: "pro" } } },
    ]);
    expect(progress).toEqual([40, 80, 120, 125]);
    const bytes = fs.readFileSync(out);
    const text = bytes.toString("utf8");
    expect(text.startsWith("\uFEFFEmail Address\r\n")).toBe(true);
    const lines = text.slice(1).trimEnd().split("\r\n");
    // pro users are the even ones; one in five of them (i % 10 === 0) has no email
    expect(lines.length - 1).toBe(125 - 25);
    expect(lines[1]).toBe("user2@example.com");
    expect(progress.at(-1)).toBe(125);
    expect(m).toMatchObject({
      preset: "mailchimp",
      segmentId: seg.id,
      segmentName: "Pro users",
      members: 125,
      written: 100,
      missingIdentifier: 25,
      bom: true,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    const onDisk = JSON.parse(fs.readFileSync(`${out}.manifest.json`, "utf8")) as ExportManifest;
    expect(onDisk.sha256).toBe(m.sha256);
    expect(onDisk.id).toBe(m.id);
    expect(onDisk.segment).toEqual({ attribute: { property: "plan", op: "eq", value: "pro" } });
    expect(listExports(ws.db).map((e) => e.id)).toEqual([m.id]);
  });

  it("exports everyone straight from the users table", async () => {
    const { dir, ws, engine, getEngine } = setup();
    const out = path.join(dir, "all.ndjson");
    const m = await runExport({
      ws,
      engine: getEngine,
      request: { segment: { definition: { all: [] } }, preset: "ndjson", out, attributes: ["plan"] },
      pageSize: 100,
    });
    expect(engine.calls).toEqual([]);
    const rows = fs
      .readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.length).toBe(250);
    expect(rows[3]).toEqual({ external_id: "u3", plan: "free" });
    expect(m.members).toBe(250);
  });

  it("writes a segment of every user exactly as the everyone export (gapless id pages read as ranges)", async () => {
    const { dir, ws, engine, getEngine } = setup();
    const write = async (definition: Segment, name: string) => {
      const out = path.join(dir, name);
      await runExport({
        ws,
        engine: getEngine,
        request: { segment: { definition }, preset: "ndjson", out, attributes: ["plan"] },
        pageSize: 60,
      });
      return fs.readFileSync(out, "utf8");
    };
    const viaEngine = await write({ attribute: { property: "country", op: "eq", value: "US" } }, "us.ndjson");
    expect(engine.calls.length).toBe(1);
    const everyone = await write({ all: [] }, "all.ndjson");
    expect(viaEngine.trimEnd().split("\n").length).toBe(250);
    expect(viaEngine).toBe(everyone);
  });

  it("leaves nothing behind when a segment export is cancelled between pages", async () => {
    const { dir, ws, getEngine } = setup();
    const out = path.join(dir, "cancelled-pro.csv");
    const ctl = new AbortController();
    const progress: number[] = [];
    await expect(
      runExport({
        ws,
        engine: getEngine,
        request: {
          segment: { definition: { attribute: { property: "plan", op: "eq", value: "pro" } } },
          preset: "csv",
          out,
        },
        pageSize: 30,
        signal: ctl.signal,
        onProgress: (n) => {
          progress.push(n);
          ctl.abort();
        },
      }),
    ).rejects.toMatchObject({ code: "cancelled" });
    expect(progress).toEqual([30]);
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith("ws.strata"))).toEqual([]);
    expect(listExports(ws.db)).toEqual([]);
  });

  it("leaves nothing behind when cancelled", async () => {
    const { dir, ws, getEngine } = setup();
    const out = path.join(dir, "cancelled.csv");
    const ctl = new AbortController();
    await expect(
      runExport({
        ws,
        engine: getEngine,
        request: { segment: { definition: { all: [] } }, preset: "csv", out },
        pageSize: 50,
        signal: ctl.signal,
        onProgress: (n) => n >= 100 && ctl.abort(),
      }),
    ).rejects.toMatchObject({ code: "cancelled" });
    expect(fs.readdirSync(dir).filter((f) => !f.startsWith("ws.strata"))).toEqual([]);
    expect(listExports(ws.db)).toEqual([]);
  });

  it("refuses to write over a workspace file and rejects a BOM in NDJSON", async () => {
    const { dir, ws, getEngine } = setup();
    const base = { segment: { definition: { all: [] } }, preset: "csv" as const };
    await expect(
      runExport({ ws, engine: getEngine, request: { ...base, out: ws.path } }),
    ).rejects.toMatchObject({ code: "invalid_request" });
    for (const sidecar of ["-wal", "-shm", "-journal", ".lock"]) {
      await expect(
        runExport({ ws, engine: getEngine, request: { ...base, out: `${ws.path}${sidecar}` } }),
      ).rejects.toMatchObject({ code: "invalid_request" });
    }
    await expect(
      runExport({
        ws,
        engine: getEngine,
        request: { ...base, preset: "ndjson", bom: true, out: path.join(dir, "x.ndjson") },
      }),
    ).rejects.toThrow(/byte order mark/);
  });
});

describe("previewExport", () => {
  it("shows the first rows, the member count and the missing identifiers among those read", async () => {
    const { ws, getEngine } = setup();
    const p = await previewExport(ws, getEngine, {
      segment: { definition: { all: [] } },
      preset: "braze",
      attributes: ["plan"],
      limit: 3,
    });
    expect(p.header).toEqual(["external_id", "email", "country", "plan"]);
    expect(p.rows).toEqual([
      ["u0", "", "US", "pro"],
      ["u1", "user1@example.com", "US", "free"],
      ["u2", "user2@example.com", "US", "pro"],
    ]);
    expect(p).toMatchObject({ members: 250, sampled: 250, missingIdentifier: 0 });
  });
});
