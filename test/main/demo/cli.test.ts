import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";

describe("strata demo", () => {
  it("builds the demo, and info then shows its counts", async () => {
    const f = path.join(tmpDir(), "demo.strata");
    const a = io();
    expect(await main(["demo", "--out", f, "--users", "300"], a.io)).toBe(0);
    expect(a.err.join("")).toMatch(/demo written to .*demo\.strata: [\d,]+ events of 300 users/);
    const b = io();
    expect(await main(["info", f, "--json"], b.io)).toBe(0);
    const info = JSON.parse(b.out.join(""));
    expect(info.users).toBe(300);
    expect(info.events).toBeGreaterThan(300 * 20);
    expect(info.timezone).toBe("UTC");
    expect(info.timeSpan.last <= "2026-10-31T23:59:59.999Z").toBe(true);
    const names = new Map<string, number>(
      info.eventNames.map((e: { name: string; count: number }) => [e.name, e.count]),
    );
    expect(names.get("signup")).toBe(300);
    expect([...names.values()].reduce((x, y) => x + y, 0)).toBe(info.events);
    const c = io();
    expect(await main(["info", f], c.io)).toBe(0);
    expect(c.out.join("")).toMatch(/users\s+300\n/);
    expect(c.out.join("")).toMatch(/purchase\s+[\d,]+/);
  });

  it("the same seed gives the same counts; another seed other counts", async () => {
    const dir = tmpDir();
    const counts = async (name: string, seed: string) => {
      const f = path.join(dir, name);
      expect(await main(["demo", "--out", f, "--users", "100", "--seed", seed], io().io)).toBe(0);
      const o = io();
      await main(["info", f, "--json"], o.io);
      return JSON.parse(o.out.join("")).eventNames;
    };
    const a = await counts("a.strata", "4");
    expect(await counts("b.strata", "4")).toEqual(a);
    expect(await counts("c.strata", "5")).not.toEqual(a);
  });

  it("exits 2 for a bad size, and leaves a workspace that another Strata has open untouched", async () => {
    const dir = tmpDir();
    const f = path.join(dir, "demo.strata");
    const a = io();
    expect(await main(["demo", "--out", f, "--users", "abc"], a.io)).toBe(2);
    expect(a.err.join("")).toMatch(/--users must be a whole number/);
    fs.writeFileSync(f, "the analyst's file");
    fs.writeFileSync(`${f}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), since: 1 }));
    // not a workspace: refused as it is; with --force, the lock of the Strata that has it open holds
    const c = io();
    expect(await main(["demo", "--out", f, "--users", "20"], c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/already exists/);
    const b = io();
    expect(await main(["demo", "--out", f, "--users", "20", "--force"], b.io)).toBe(2);
    expect(b.err.join("")).toMatch(/open for writing/);
    expect(fs.readFileSync(f, "utf8")).toBe("the analyst's file");
    expect(fs.readdirSync(dir).sort()).toEqual(["demo.strata", "demo.strata.lock"]);
  });
});
