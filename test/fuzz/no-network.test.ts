import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { journeys } from "../helpers/journeys.ts";
import { tmpDir } from "../helpers/tmp.ts";

// No network (issue 20): the CLI and its worker threads open no socket and resolve no name while
// they import, query, export and share; no main-process module may even import a network module
// (except the ClickHouse backend the user configures); the renderer's CSP allows no remote origin.

const ROOT = path.join(import.meta.dirname, "../..");
const HOOK = path.join(import.meta.dirname, "net-hook.mjs");
const CLI = path.join(ROOT, "scripts/strata.cjs");

function node(args: string[], log: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", HOOK, ...args], {
    encoding: "utf8",
    env: { ...process.env, STRATA_NET_LOG: log, ...env },
    timeout: 120_000,
  });
}

/** The TypeScript files under `dirs` (from the root) whose text matches `pattern`, relative to the root. */
function sourcesMatching(dirs: string[], pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (/\.tsx?$/.test(e.name) && pattern.test(fs.readFileSync(f, "utf8")))
        found.push(path.relative(ROOT, f));
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return found;
}

describe("no network", () => {
  it("the hook sees a connection attempt (the check below can fail)", () => {
    const log = path.join(tmpDir(), "net.log");
    node(["-e", "try { require('node:net').connect(9, '192.0.2.1') } catch {}"], log);
    expect(fs.readFileSync(log, "utf8")).toMatch(/connect/);
  });

  it("the CLI and its workers open no socket while importing, querying, exporting and sharing", () => {
    const dir = tmpDir();
    const log = path.join(dir, "net.log");
    const j = journeys({ a: [["buy", "2024-06-01T10:00Z"]], b: [["visit", "2024-06-02T10:00Z"]] });
    j.ws.close();
    const ws = path.join(dir, "w.strata");
    fs.copyFileSync(j.file, ws);
    j.close();
    const csv = path.join(dir, "more.csv");
    fs.writeFileSync(
      csv,
      `user_id,event,time\n${Array.from({ length: 2000 }, (_, i) => `u${i},x,2024-06-0${1 + (i % 9)}T10:00:00Z`).join("\n")}\n`,
    );
    const runs = [
      ["import", csv, "--workspace", ws],
      ["info", ws],
      ["query", ws, '{"kind":"segmentCount","segment":{"performed":{"event":"x"}}}'],
      ["export", ws, "--segment", '{"all":[]}', "--preset", "csv", "--out", path.join(dir, "e.csv")],
      ["share", ws, "--out", path.join(dir, "s.strata"), "--drop-personal"],
      ["share", ws, "--out", path.join(dir, "sealed.strata")],
    ];
    for (const a of runs) {
      const r = node([CLI, ...a], log, {
        STRATA_PASSPHRASE: a[3]?.endsWith("sealed.strata") ? "no network here" : "",
      });
      expect(r.status, `${a[0]}: ${r.stderr}`).toBe(0);
    }
    expect(fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "").toBe("");
  });

  it("no main-process module imports a network module (ClickHouse, which the user configures, aside)", () => {
    const offenders = sourcesMatching(
      ["src-main", "src-preload", "src-renderer"],
      /from "node:(net|http|https|http2|dgram|tls)"|require\("node:(net|http|https|dgram|tls)"\)|\bfetch\(|new WebSocket\(/,
    ).filter((f) => !/clickhouse/i.test(f));
    expect(offenders).toEqual([]);
  });

  it("no main-process module hands a URL to the system browser", () => {
    // the renderer shows no outside link; an openExternal of what it asks would carry data out
    expect(sourcesMatching(["src-main", "src-preload"], /\bopenExternal\b/)).toEqual([]);
  });

  it("the renderer's CSP allows no remote origin", () => {
    const csps = [
      /const CSP =\s*"([^"]+)"/.exec(fs.readFileSync(path.join(ROOT, "src-main/window.ts"), "utf8"))?.[1],
      /content="(default-src[^"]+)"/.exec(
        fs.readFileSync(path.join(ROOT, "src-renderer/index.html"), "utf8"),
      )?.[1],
    ];
    for (const csp of csps) {
      expect(csp).toBeDefined();
      const directives = (csp as string).split(";").map((d) => d.trim().split(/\s+/));
      expect(directives.find((d) => d[0] === "default-src")).toBeDefined();
      for (const [name, ...sources] of directives)
        for (const s of sources)
          expect(["'self'", "'none'", "'unsafe-inline'", "data:"], `${name} ${s}`).toContain(s);
    }
  });
});
