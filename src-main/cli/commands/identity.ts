import { StrataError } from "../../../src-preload/contract/errors.ts";
import { persistColumns } from "../../engine/columns/index.ts";
import { identitySummary, setIdentityMerge } from "../../workspace/identity.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, opt, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

const n = (x: number) => x.toLocaleString("en-US");

// Identity merge, per workspace: shows the links imports recorded and how many anonymous ids are
// merged, and switches the merge on or off (every query and export follows the switch).
export const identityCommand: Command = {
  name: "identity",
  usage: "strata identity WS [--merge on|off] [--json]",
  summary: "identity merge of WS: anonymous ids merged into identified users; --merge on|off switches it",
  options: { merge: { value: true }, json: { value: false } },
  async run(argv, io) {
    const p = parseArgs(argv, this.options);
    const file = p.positionals[0];
    if (!file || p.positionals.length > 1) throw new StrataError("invalid_request", `usage: ${this.usage}`);
    const merge = opt(p, "merge");
    if (merge !== undefined && merge !== "on" && merge !== "off")
      throw new StrataError("invalid_request", `--merge is on or off (got "${merge}")`);
    const ws = Workspace.open(file, { readonly: merge === undefined });
    try {
      if (merge !== undefined) {
        setIdentityMerge(ws.db, merge === "on");
        // the saved columns are stale now: rebuild them here so that the next open is a plain load
        persistColumns(ws.db);
      }
      const s = identitySummary(ws.db);
      if (flag(p, "json")) io.out(`${JSON.stringify(s, null, 2)}\n`);
      else
        io.out(
          `identity merge ${s.merge ? "on" : "off"}: ${n(s.merged)} anonymous id${s.merged === 1 ? "" : "s"} merged into identified users, ${n(s.links)} link${s.links === 1 ? "" : "s"} recorded by imports\n`,
        );
      return 0;
    } finally {
      ws.close();
    }
  },
};
