import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDemo } from "../../../src-main/demo/build.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { build, contentHash, readDemo } from "./helpers.ts";

describe("demo determinism", () => {
  it("gives the same content for the same seed and size, and other content for another seed", () => {
    const dir = tmpDir();
    const a = contentHash(build(dir, 500, 11, "a.strata"));
    const b = contentHash(build(dir, 500, 11, "b.strata"));
    const c = contentHash(build(dir, 500, 12, "c.strata"));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("simulates each user on their own stream: a bigger demo starts with the smaller one's users", () => {
    const dir = tmpDir();
    const small = readDemo(build(dir, 120, 5, "small.strata"));
    const big = readDemo(build(dir, 200, 5, "big.strata"));
    small.db.close();
    big.db.close();
    const ids = new Set(small.users.map((u) => u.external_id));
    expect(big.users.filter((u) => ids.has(u.external_id))).toEqual(small.users);
    expect(big.events.filter((e) => ids.has(e.user))).toEqual(small.events);
  });

  it("replaces an existing file only with a complete one and leaves no temporary files", () => {
    const dir = tmpDir();
    const f = build(dir, 50, 1);
    const first = contentHash(f);
    expect(() =>
      buildDemo(f, {
        users: 200,
        seed: 2,
        onProgress: (done) => {
          if (done > 100) throw new Error("interrupted");
        },
      }),
    ).toThrow(/interrupted/);
    expect(contentHash(f)).toBe(first);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(f)]);
    buildDemo(f, { users: 60, seed: 2 });
    expect(contentHash(f)).not.toBe(first);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(f)]);
  });

  it("rejects a bad size or seed before writing anything", () => {
    const dir = tmpDir();
    const f = path.join(dir, "x.strata");
    expect(() => buildDemo(f, { users: 0 })).toThrow(/users must be/);
    expect(() => buildDemo(f, { users: 10, seed: 1.5 })).toThrow(/seed must be/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
