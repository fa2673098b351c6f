import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { get, sql } from "../../db/sql.ts";
import { buildDemo } from "../../demo/build.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, intOpt, opt, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

export const demoCommand: Command = {
  name: "demo",
  usage: "strata demo [--out FILE] [--users N] [--seed S] [--force]",
  summary: "makes the demo workspace (a seeded shopping app)",
  options: { out: { value: true }, users: { value: true }, seed: { value: true }, force: { value: false } },
  async run(argv, io) {
    const args = parseArgs(argv, this.options);
    // the spec's usage takes no file: a stray one (meant as the output path) must not be ignored,
    // or the demo lands in ./demo.strata while the caller looks for it elsewhere
    if (args.positionals.length > 0)
      throw new StrataError(
        "invalid_request",
        `unexpected argument "${args.positionals[0]}" (give the output file with --out FILE); usage: ${this.usage}`,
      );
    const out = path.resolve(opt(args, "out") ?? "demo.strata");
    const users = intOpt(args, "users", 10, 2_000_000);
    const seed = intOpt(args, "seed", 0, 2 ** 31 - 1);
    if (!flag(args, "force") && !isRebuildable(out))
      throw new StrataError(
        "exists",
        `${out} already exists and holds imports or saved items (or is no workspace): give another --out, or pass --force to replace it`,
      );
    const started = performance.now();
    let shown = -1;
    const stats = buildDemo(out, {
      ...(users !== undefined ? { users } : {}),
      ...(seed !== undefined ? { seed } : {}),
      // a line per tenth: readable in a log as well as in a terminal
      onProgress: (done, total) => {
        const pct = Math.round((100 * done) / total);
        if (pct % 10 === 0 && pct !== shown) {
          shown = pct;
          io.err(`building demo: ${pct}%\n`);
        }
      },
    });
    io.err(
      `demo written to ${out}: ${stats.events.toLocaleString("en-US")} events of ${stats.users.toLocaleString("en-US")} users in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  },
};

/**
 * Whether `file` may be rebuilt without asking: absent, or a workspace with no import and no saved
 * item, as a demo is (running the quick start twice rebuilds its demo). Anything else (an analyst's
 * workspace, a file that is not one) is only replaced with --force.
 */
function isRebuildable(file: string): boolean {
  if (!fs.existsSync(file)) return true;
  try {
    const ws = Workspace.open(file, { readonly: true });
    try {
      return (
        get(ws.db, sql`SELECT 1 FROM imports LIMIT 1`) === undefined &&
        get(ws.db, sql`SELECT 1 FROM saved_items LIMIT 1`) === undefined
      );
    } finally {
      ws.close();
    }
  } catch {
    return false;
  }
}
