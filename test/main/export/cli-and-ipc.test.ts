import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { dispatch } from "../../../src-main/ipc/dispatch.ts";
import type { HandlerContext } from "../../../src-main/ipc/types.ts";
import { Session } from "../../../src-main/session.ts";
import { openEncryptedCopy } from "../../../src-main/share/open-encrypted.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { StrataEvent } from "../../../src-preload/contract/events.ts";
import type { ExportManifest } from "../../../src-preload/contract/methods/export.ts";
import { tmpDir, workspaceWith } from "./helpers.ts";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), stdin: async () => "" },
  };
}

function fixture() {
  const dir = tmpDir();
  const ws = workspaceWith(dir, [
    { externalId: "a", attributes: { email: "A@x.io", phone: "0171 2345678", country: "DE" } },
    { externalId: "b", attributes: { phone: "+1 415 555 2671" } },
    { externalId: "c", attributes: {} },
  ]);
  const file = ws.path;
  ws.close();
  return { dir, file };
}

describe("strata export", () => {
  it("writes the file and its manifest, reports members left out, and records the export", async () => {
    const { dir, file } = fixture();
    const out = path.join(dir, "meta.csv");
    const a = io();
    const code = await main(
      ["export", file, "--segment", '{"all": []}', "--preset", "meta", "--out", out, "--json"],
      a.io,
    );
    expect(a.err.join("")).toMatch(/1 of 3 members lack a valid email or a phone number/);
    expect(code).toBe(0);
    const m = JSON.parse(a.out.join(""));
    expect(m).toMatchObject({
      preset: "meta",
      members: 3,
      written: 2,
      missingIdentifier: 1,
      columns: ["email", "phone", "country"],
    });
    expect(fs.readFileSync(out, "utf8").split("\r\n").length).toBe(4);
    expect(fs.existsSync(`${out}.manifest.json`)).toBe(true);
  });

  it("exports read-only, without recording, while the app holds the workspace", async () => {
    const { dir, file } = fixture();
    const app = Workspace.open(file);
    try {
      const out = path.join(dir, "locked.csv");
      const a = io();
      const code = await main(
        ["export", file, "--segment", '{"all": []}', "--preset", "csv", "--out", out],
        a.io,
      );
      expect(a.err.join("")).toMatch(/exporting read-only/);
      expect(code).toBe(0);
      expect(fs.existsSync(`${out}.manifest.json`)).toBe(true);
      expect(app.db.prepare("SELECT count(*) AS n FROM exports").get()).toEqual({ n: 0 });
    } finally {
      app.close();
    }
  });

  it("exits 2 with a message naming the problem", async () => {
    const { dir, file } = fixture();
    const out = path.join(dir, "x.csv");
    const cases: [string[], RegExp][] = [
      [["export", file, "--segment", '{"all": []}', "--preset", "tiktok", "--out", out], /--preset/],
      [["export", file, "--segment", '{"al": []}', "--preset", "csv", "--out", out], /segment/],
      [["export", file, "--segment", "seg_missing", "--preset", "csv", "--out", out], /no saved segment/],
      [
        ["export", file, "--segment", '{"all": []}', "--preset", "csv", "--out", out, "--map", "nope"],
        /--map/,
      ],
      [["export", file, "--preset", "csv", "--out", out], /usage/],
    ];
    for (const [args, msg] of cases) {
      const a = io();
      expect(await main(args, a.io)).toBe(2);
      expect(a.err.join("")).toMatch(msg);
    }
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("strata share", () => {
  it("writes an encrypted copy from a passphrase file that opens with the same passphrase", async () => {
    const { dir, file } = fixture();
    const passFile = path.join(dir, "pass.txt");
    fs.writeFileSync(passFile, "a long passphrase\n");
    const out = path.join(dir, "shared.strata");
    const a = io();
    const code = await main(
      [
        "share",
        file,
        "--out",
        out,
        "--drop-personal",
        "--pseudonymize-key",
        "my-key-123",
        "--passphrase-file",
        passFile,
      ],
      a.io,
    );
    expect(a.err.join("")).toMatch(/encrypted/);
    expect(code).toBe(0);
    const plain = await openEncryptedCopy(out, "a long passphrase", path.join(dir, "data"));
    expect(fs.readFileSync(plain).subarray(0, 15).toString()).toBe("SQLite format 3");
    const b = io();
    expect(
      await main(["share", file, "--out", path.join(dir, "s2.strata"), "--passphrase", "short"], b.io),
    ).toBe(2);
    expect(b.err.join("")).toMatch(/passphrase/);
  });
});

describe("export IPC", () => {
  it("exportStart streams progress and ends with exportDone; the list shows the manifest", async () => {
    const { dir, file } = fixture();
    const events: StrataEvent[] = [];
    const ctx: HandlerContext = {
      session: new Session({ dataDir: path.join(dir, "data") }),
      emit: (e) => events.push(e),
      dialogs: {
        openWorkspace: async () => null,
        newWorkspace: async () => null,
        chooseImportFiles: async () => [],
        saveFile: async (name) => path.join(dir, name),
      },
    };
    await ctx.session.open(file);
    const saved = await dispatch("dialogSaveFile", { defaultName: "b.csv" }, ctx);
    expect(saved).toEqual({ ok: true, value: path.join(dir, "b.csv") });
    const start = await dispatch(
      "exportStart",
      { segment: { definition: { all: [] } }, preset: "braze", out: path.join(dir, "b.csv") },
      ctx,
    );
    expect(start.ok).toBe(true);
    await expect
      .poll(() => events.find((e) => e.type === "exportDone" || e.type === "exportFailed"))
      .toBeTruthy();
    const done = events.find((e) => e.type === "exportDone");
    expect(done && done.type === "exportDone" && done.manifest.written).toBe(3);
    expect(events.some((e) => e.type === "exportProgress" && e.written === 3 && e.total === 3)).toBe(true);
    const list = await dispatch("exportList", {}, ctx);
    expect(list.ok && (list.value as ExportManifest[]).map((m) => m.file)).toEqual([path.join(dir, "b.csv")]);
    await ctx.session.close();
  });
});
