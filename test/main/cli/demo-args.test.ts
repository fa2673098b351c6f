import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// `strata demo /tmp/x/demo.strata` ignored the path, wrote ./demo.strata and exited 0. The spec's
// usage takes no file (`--out FILE` names it), so a positional is bad usage.

const startDir = process.cwd();
afterEach(() => process.chdir(startDir));

describe("strata demo with a positional argument", () => {
  it("exits 2 with the usage and writes nothing, here or there", async () => {
    const here = tmpDir("strata-demo-cwd-");
    const there = path.join(tmpDir("strata-demo-pos-"), "demo.strata");
    process.chdir(here);
    for (const argv of [
      ["demo", there, "--users", "10"],
      ["demo", "--out", there, "other.strata", "--users", "10"],
    ]) {
      const a = io();
      expect(await main(argv, a.io)).toBe(2);
      expect(a.err.join("")).toMatch(/unexpected argument.*--out FILE.*usage: strata demo \[--out FILE\]/);
    }
    expect(fs.readdirSync(here)).toEqual([]);
    expect(fs.existsSync(there)).toBe(false);
  });
});
