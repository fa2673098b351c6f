import path from "node:path";
import { buildDemo } from "../../demo/build.ts";
import { intOpt, opt, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

export const demoCommand: Command = {
  name: "demo",
  usage: "strata demo [--out FILE] [--users N] [--seed S]",
  summary: "makes the demo workspace (a seeded shopping app)",
  options: { out: { value: true }, users: { value: true }, seed: { value: true } },
  async run(argv, io) {
    const p = parseArgs(argv, this.options);
    const out = path.resolve(opt(p, "out") ?? "demo.strata");
    const users = intOpt(p, "users", 10, 2_000_000);
    const seed = intOpt(p, "seed", 0, 2 ** 31 - 1);
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
