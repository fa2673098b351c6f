import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";

describe("strata CLI", () => {
  it("prints usage on stderr and exits 2 without a command, 2 for an unknown command; help on stdout", async () => {
    const a = io();
    expect(await main([], a.io)).toBe(2);
    expect(a.err.join("")).toMatch(/usage:/);
    expect(a.out.join("")).toBe("");
    const h = io();
    expect(await main(["--help"], h.io)).toBe(0);
    expect(h.out.join("")).toMatch(/usage:/);
    const b = io();
    expect(await main(["frobnicate"], b.io)).toBe(2);
    expect(b.err.join("")).toMatch(/unknown command "frobnicate"/);
  });

  it("info --json describes an empty workspace", async () => {
    const f = path.join(tmpDir(), "w.strata");
    Workspace.create(f, { timezone: "America/New_York" }).close();
    const a = io();
    expect(await main(["info", f, "--json"], a.io)).toBe(0);
    const info = JSON.parse(a.out.join(""));
    expect(info).toMatchObject({
      events: 0,
      users: 0,
      timezone: "America/New_York",
      timeSpan: null,
      imports: [],
    });
  });

  it("info exits 2 naming the problem for a missing file, a non-workspace and an unknown option", async () => {
    const dir = tmpDir();
    const a = io();
    expect(await main(["info", path.join(dir, "nope.strata")], a.io)).toBe(2);
    expect(a.err.join("")).toMatch(/nope\.strata does not exist/);
    const junk = path.join(dir, "junk.strata");
    fs.writeFileSync(junk, "hello");
    const b = io();
    expect(await main(["info", junk], b.io)).toBe(2);
    expect(b.err.join("")).toMatch(/is not a Strata workspace/);
    const c = io();
    expect(await main(["info", junk, "--colour"], c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/unknown option --colour/);
  });
});
