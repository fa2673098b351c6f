import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hugePagesEnv, thpMode } from "../../../scripts/huge-pages.cjs";
import { viewAndBuyFile } from "../../helpers/journeys.ts";

// `strata query` asks glibc for 2 MB pages on Linux with transparent huge pages in madvise mode, by
// replacing its process with itself with GLIBC_TUNABLES set (scripts/huge-pages.cjs).

const madvise = () => "madvise";

describe("huge pages for strata query", () => {
  it("re-runs only a query, only on Linux in madvise mode, once, keeping the tunables set", () => {
    const env = { PATH: "/bin" };
    expect(hugePagesEnv(["query", "w", "q"], env, "linux", madvise)).toEqual({
      PATH: "/bin",
      GLIBC_TUNABLES: "glibc.malloc.hugetlb=1",
      STRATA_HUGEPAGES: "1",
    });
    expect(hugePagesEnv(["query"], { GLIBC_TUNABLES: "glibc.malloc.arena_max=2" }, "linux", madvise)).toEqual(
      {
        GLIBC_TUNABLES: "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1",
        STRATA_HUGEPAGES: "1",
      },
    );
    expect(hugePagesEnv(["import", "w", "f.csv"], env, "linux", madvise)).toBeNull();
    expect(hugePagesEnv(["query"], env, "darwin", madvise)).toBeNull();
    expect(hugePagesEnv(["query"], env, "linux", () => "always")).toBeNull();
    expect(hugePagesEnv(["query"], env, "linux", () => "never")).toBeNull();
    expect(hugePagesEnv(["query"], env, "linux", () => null)).toBeNull();
    // the second run, or a user who turned it off, or a tunable of the user's own
    expect(hugePagesEnv(["query"], { STRATA_HUGEPAGES: "1" }, "linux", madvise)).toBeNull();
    expect(hugePagesEnv(["query"], { STRATA_HUGEPAGES: "0" }, "linux", madvise)).toBeNull();
    expect(
      hugePagesEnv(["query"], { GLIBC_TUNABLES: "glibc.malloc.hugetlb=0" }, "linux", madvise),
    ).toBeNull();
  });

  it("reads the kernel's mode as one of its three words, or null", () => {
    expect([null, "always", "madvise", "never"]).toContain(thpMode());
  });

  it("the strata command answers the same with and without the re-run", () => {
    const file = viewAndBuyFile();
    const cli = path.join(import.meta.dirname, "../../../scripts/strata.cjs");
    const query = '{"kind":"segmentCount","segment":{"all":[{"performed":{"event":"buy"}}]}}';
    const run = (env: NodeJS.ProcessEnv) =>
      JSON.parse(execFileSync(process.execPath, [cli, "query", file, query], { env, encoding: "utf8" }));
    const { STRATA_HUGEPAGES: _, ...inherited } = process.env;
    const plain = run({ ...inherited, STRATA_HUGEPAGES: "0" });
    expect(plain).toEqual({ users: 1, ofTotal: 2 });
    // on a Linux machine in madvise mode (this one: thpMode() above) this run replaces its process
    expect(run(inherited)).toEqual(plain);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
