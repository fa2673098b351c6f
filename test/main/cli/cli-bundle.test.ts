import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { currentBundle } from "../../../scripts/cli-bundle.cjs";
import { tmpDir } from "../../helpers/tmp.ts";

// `strata` runs the built CLI only while every file it was built from is unchanged
// (scripts/cli-bundle.cjs): an edited source must never be shadowed by an old build.

const HOUR = 3_600_000;

/** A project folder with two sources, built an hour after they were written, and its bundle. */
function project(): { root: string; built: number; bundle: string } {
  const root = tmpDir();
  const built = Date.now() - HOUR;
  fs.mkdirSync(path.join(root, "src"));
  fs.mkdirSync(path.join(root, "out", "main"), { recursive: true });
  for (const f of ["src/a.ts", "src/b.ts"]) {
    fs.writeFileSync(path.join(root, f), "export {};\n");
    const at = new Date(built - HOUR);
    fs.utimesSync(path.join(root, f), at, at);
  }
  const bundle = path.join(root, "out", "main", "cli.js");
  fs.writeFileSync(bundle, "module.exports = {};\n");
  const manifest = { built, files: ["src/a.ts", "src/b.ts"] };
  fs.writeFileSync(path.join(root, "out", "main", "cli-sources.json"), JSON.stringify(manifest));
  return { root, built, bundle };
}

function touch(file: string, at: number): void {
  fs.utimesSync(file, new Date(at), new Date(at));
}

describe("which CLI strata runs", () => {
  it("the bundle while its sources are older than its build", () => {
    const { root, bundle } = project();
    expect(currentBundle(root, {})).toBe(bundle);
    // asked for the sources by name
    expect(currentBundle(root, { STRATA_CLI: "source" })).toBeNull();
  });

  it("the sources once one of them changed after the build began, or just before it", () => {
    const { root, built } = project();
    touch(path.join(root, "src/b.ts"), built + 1);
    expect(currentBundle(root, {})).toBeNull();
    // a time in whole seconds may read just before the build for a change just after it
    touch(path.join(root, "src/b.ts"), built - 500);
    expect(currentBundle(root, {})).toBeNull();
    touch(path.join(root, "src/b.ts"), built - 5000);
    expect(currentBundle(root, {})).not.toBeNull();
  });

  it("the sources when a source is gone, or the manifest or the bundle is missing or unreadable", () => {
    const a = project();
    fs.rmSync(path.join(a.root, "src/a.ts"));
    expect(currentBundle(a.root, {})).toBeNull();

    const b = project();
    fs.rmSync(b.bundle);
    expect(currentBundle(b.root, {})).toBeNull();

    const c = project();
    const manifest = path.join(c.root, "out", "main", "cli-sources.json");
    for (const text of ["{", "{}", '{"built":1,"files":[]}', '{"built":"x","files":["src/a.ts"]}']) {
      fs.writeFileSync(manifest, text);
      expect(currentBundle(c.root, {})).toBeNull();
    }
    fs.rmSync(manifest);
    expect(currentBundle(c.root, {})).toBeNull();
  });
});
