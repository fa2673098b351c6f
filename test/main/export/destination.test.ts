import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { sweepPrivateTemps, sweepStaleTemps } from "../../../src-main/export/destination.ts";
import { tmpDir, workspaceWith } from "./helpers.ts";

// Findings 5 and 9 of issue 20: export overwrote existing files, followed symlinks, replaced
// /dev/null as root, and left `.part` files with member lists after a kill.

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

function fixture() {
  const dir = tmpDir();
  const ws = workspaceWith(dir, [
    { externalId: "a", attributes: { email: "a@x.io" } },
    { externalId: "b", attributes: { email: "b@x.io" } },
  ]);
  const file = ws.path;
  ws.close();
  return { dir, file };
}

const exportTo = (file: string, out: string, ...more: string[]) =>
  cli(["export", file, "--segment", '{"all":[]}', "--preset", "csv", "--out", out, ...more]);

describe("export destinations", () => {
  it("refuses to overwrite an existing file unless --force", async () => {
    const { dir, file } = fixture();
    const out = path.join(dir, "members.csv");
    fs.writeFileSync(out, "precious\n");
    const r = await exportTo(file, out);
    expect(r.code).toBeGreaterThan(0);
    expect(r.err).toMatch(/already exists.*--force/);
    expect(fs.readFileSync(out, "utf8")).toBe("precious\n");
    const f = await exportTo(file, out, "--force");
    expect(f.code, f.err).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toMatch(/a@x\.io/);
  });

  it("never writes through a symlink, even with --force", async () => {
    const { dir, file } = fixture();
    const target = path.join(dir, "elsewhere.txt");
    fs.writeFileSync(target, "not yours\n");
    const link = path.join(dir, "link.csv");
    fs.symlinkSync(target, link);
    for (const extra of [[], ["--force"]]) {
      const r = await exportTo(file, link, ...extra);
      expect(r.code).toBeGreaterThan(0);
      expect(r.err).toMatch(/not a regular file \(a symbolic link\)/);
    }
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, "utf8")).toBe("not yours\n");
  });

  it("never replaces a device such as /dev/null, even with --force", async () => {
    const { file } = fixture();
    const r = await exportTo(file, "/dev/null", "--force");
    expect(r.code).toBeGreaterThan(0);
    expect(r.err).toMatch(/not a regular file/);
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("removes the temporaries of killed writers, and only theirs", async () => {
    const { dir, file } = fixture();
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid as number;
    const stale = path.join(dir, `.members.csv.strata-part-${dead}-0123abcd`);
    const live = path.join(dir, `.members.csv.strata-part-${process.pid}-4567abcd`);
    const other = path.join(dir, ".notes.strata-part-x");
    for (const f of [stale, live, other]) fs.writeFileSync(f, "a@x.io\n");
    const r = await exportTo(file, path.join(dir, "members.csv"));
    expect(r.code, r.err).toBe(0);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
    expect(sweepStaleTemps(dir)).toEqual([]);
    const priv = fs.mkdtempSync(path.join(os.tmpdir(), `strata-share-${dead}-`));
    fs.writeFileSync(path.join(priv, "copy.plain"), "secret");
    expect(sweepPrivateTemps()).toContain(priv);
    expect(fs.existsSync(priv)).toBe(false);
  });
});
