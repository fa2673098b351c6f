import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tmpDir } from "../../helpers/tmp.ts";

// `strata` runs the CLI as `npm run build` bundles it (scripts/cli-bundle.cjs) whenever that bundle is
// current: the bundle must answer exactly as the sources do, its worker threads included (the
// import's, the share's). The build here goes to a folder of its own inside the project, so that the
// bundle finds node_modules and nothing else sees a half-written build.

const root = path.resolve(import.meta.dirname, "../../..");
const outDir = path.join(root, "test-results", `cli-bundle-${crypto.randomUUID()}`);
const bundle = path.join(outDir, "main", "cli.js");
const fixture = path.join(root, "test/fixtures/import/journeys.csv");
const startedAt = Date.now() - 60_000;

interface Ran {
  status: number | null;
  out: string;
  err: string;
}

/** `strata ARGS` from the sources, or from the bundle built above. */
function strata(from: "source" | "bundle", args: string[]): Ran {
  const command =
    from === "source"
      ? [path.join(root, "scripts/strata.cjs"), ...args]
      : [
          "-e",
          `require(${JSON.stringify(bundle)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`,
          ...args,
        ];
  const r = spawnSync(process.execPath, command, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, STRATA_CLI: "source" },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** The same command through both, in a folder each; what differs is only the folder's name. */
function both(args: (dir: string) => string[], dirs: { source: string; bundle: string }): [Ran, Ran] {
  const mask = (r: Ran, dir: string): Ran => ({
    status: r.status,
    out: r.out
      .replaceAll(dir, "DIR")
      .replace(/"seconds": [\d.]+/g, '"seconds": S')
      // when the workspaces were written (the data's own times are years before the test)
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, (t) => (Date.parse(t) >= startedAt ? "NOW" : t)),
    err: r.err.replaceAll(dir, "DIR"),
  });
  return [
    mask(strata("source", args(dirs.source)), dirs.source),
    mask(strata("bundle", args(dirs.bundle)), dirs.bundle),
  ];
}

beforeAll(() => {
  const r = spawnSync(path.join(root, "node_modules/.bin/electron-vite"), ["build", "--outDir", outDir], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`electron-vite build failed: ${r.stderr}${r.stdout}`);
}, 180_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("the built strata command", () => {
  it("is one bundle with zod's English messages only, beside its workers and its list of sources", () => {
    for (const f of ["cli.js", "import-worker.js", "query-worker.js", "column-worker.js", "share-worker.js"])
      expect(fs.existsSync(path.join(outDir, "main", f)), f).toBe(true);
    const sources = JSON.parse(fs.readFileSync(path.join(outDir, "main", "cli-sources.json"), "utf8")) as {
      built: number;
      files: string[];
    };
    expect(sources.files).toContain("src-main/cli/main.ts");
    expect(sources.files).toContain("electron.vite.config.ts");
    expect(sources.files.filter((f) => f.includes("zod/v4/locales/"))).toEqual([
      "node_modules/zod/v4/locales/en.js",
    ]);
    for (const f of sources.files) expect(fs.existsSync(path.join(root, f)), f).toBe(true);
  });

  it("imports, describes, queries, shares and fails exactly as the sources do", () => {
    const dirs = { source: tmpDir(), bundle: tmpDir() };
    const ws = (d: string) => path.join(d, "w.strata");
    const steps: ((d: string) => string[])[] = [
      (d) => ["import", fixture, "--workspace", ws(d), "--json"],
      (d) => ["info", ws(d), "--json"],
      (d) => ["query", ws(d), '{"kind":"segmentCount","segment":{"performed":{"event":"purchase"}}}'],
      (d) => [
        "query",
        ws(d),
        '{"kind":"funnel","steps":[{"event":"signup"},{"event":"view"},{"event":"purchase"}],"range":{"from":"2024-03-01","to":"2024-03-31"}}',
      ],
      (d) => [
        "query",
        ws(d),
        '{"kind":"rfm","event":{"event":"purchase"},"monetary":"amount","range":{"from":"2024-03-01","to":"2024-03-31"}}',
      ],
      (d) => ["share", ws(d), "--out", path.join(d, "copy.strata"), "--drop-personal", "--json"],
      (d) => ["info", path.join(d, "copy.strata"), "--json"],
      // bad usage: the same message and exit code
      (d) => ["query", ws(d), '{"kind":"segmentCount"}'],
      () => ["query", "--help"],
    ];
    const statuses: (number | null)[] = [];
    for (const step of steps) {
      const [fromSource, fromBundle] = both(step, dirs);
      expect(fromBundle, step("D").join(" ")).toEqual(fromSource);
      statuses.push(fromBundle.status);
    }
    // the steps did what they say: every one succeeded but the bad query, and three users came in
    expect(statuses).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 0]);
    expect(JSON.parse(strata("bundle", ["info", ws(dirs.bundle), "--json"]).out)).toMatchObject({ users: 3 });
  });
});
