import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hugePagesEnv, thpMode } from "../../../scripts/huge-pages.cjs";
import { viewAndBuyFile } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// scripts/strata, the sh launcher: it starts the project's Node once, with the huge-page tunable
// already set by the rules of huge-pages.cjs (which strata.cjs applies by re-running itself).

const launcher = path.resolve(import.meta.dirname, "../../../scripts/strata");

/** The two variables the launcher may set, as the Node it starts sees them, for `strata ARGS`. */
function seen(args: string[], env: NodeJS.ProcessEnv): { tunables: string | null; huge: string | null } {
  const dir = tmpDir();
  const report = path.join(dir, "env.json");
  const hook = path.join(dir, "hook.cjs");
  fs.writeFileSync(
    hook,
    `require("node:fs").writeFileSync(${JSON.stringify(report)}, JSON.stringify({ tunables: process.env.GLIBC_TUNABLES ?? null, huge: process.env.STRATA_HUGEPAGES ?? null }), { flag: "wx" });`,
  );
  // the hook reports the first Node the launcher starts ("wx": not the one strata.cjs would re-run
  // itself as, which the same NODE_OPTIONS would hook too, and which must not happen)
  execFileSync(launcher, args, { env: { ...env, NODE_OPTIONS: `--require ${hook}` }, stdio: "ignore" });
  return JSON.parse(fs.readFileSync(report, "utf8"));
}

describe.runIf(process.platform !== "win32")("the sh launcher", () => {
  it("sets the huge-page tunable exactly when huge-pages.cjs would re-run the command", () => {
    const base = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
    const cases: [string[], NodeJS.ProcessEnv][] = [
      [["query", "--help"], base],
      [["query", "--help"], { ...base, GLIBC_TUNABLES: "glibc.malloc.arena_max=2" }],
      [["query", "--help"], { ...base, GLIBC_TUNABLES: "glibc.malloc.hugetlb=0" }],
      [["query", "--help"], { ...base, STRATA_HUGEPAGES: "0" }],
      [["info", "--help"], base],
    ];
    for (const [args, env] of cases) {
      const rerun = hugePagesEnv(args, env, process.platform, thpMode);
      const expected = rerun
        ? { tunables: rerun.GLIBC_TUNABLES ?? null, huge: rerun.STRATA_HUGEPAGES ?? null }
        : { tunables: env.GLIBC_TUNABLES ?? null, huge: env.STRATA_HUGEPAGES ?? null };
      expect(seen(args, env), `${args.join(" ")} ${JSON.stringify(env)}`).toEqual(expected);
    }
  });

  it("answers as strata.cjs does, also through a link to it from another folder", () => {
    const file = viewAndBuyFile();
    const query = '{"kind":"segmentCount","segment":{"performed":{"event":"buy"}}}';
    const link = path.join(tmpDir(), "strata");
    fs.symlinkSync(launcher, link);
    const viaCjs = execFileSync(
      process.execPath,
      [path.join(path.dirname(launcher), "strata.cjs"), "query", file, query],
      {
        encoding: "utf8",
      },
    );
    expect(JSON.parse(viaCjs)).toEqual({ users: 1, ofTotal: 2 });
    for (const command of [launcher, link])
      expect(execFileSync(command, ["query", file, query], { encoding: "utf8", cwd: tmpDir() })).toBe(viaCjs);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
