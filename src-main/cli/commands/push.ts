import { StrataError } from "../../../src-preload/contract/errors.ts";
import { readConnection, targetOf } from "../../clickhouse/connection.ts";
import { ChHttp } from "../../clickhouse/http.ts";
import { push } from "../../clickhouse/push.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, intOpt, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

const USAGE = "strata push WS [--json] [--batch N]";

export const pushCommand: Command = {
  name: "push",
  usage: USAGE,
  summary: "copies WS's events and users to its connected ClickHouse cluster, only what is not there yet",
  options: { json: { value: false }, batch: { value: true } },
  async run(argv, io) {
    const args = parseArgs(argv, this.options);
    const [file] = args.positionals;
    if (!file || args.positionals.length > 1) throw new StrataError("invalid_request", `usage: ${USAGE}`);
    const batch = intOpt(args, "batch", 1, 10_000_000);
    const ws = Workspace.open(file, { readonly: true });
    try {
      const conn = readConnection(ws.db);
      if (!conn)
        throw new StrataError("invalid_request", `${file} is not connected: run strata connect first`);
      const tty = !flag(args, "json") && process.stderr.isTTY === true;
      const report = await push(
        ws.db,
        new ChHttp(targetOf(conn)),
        (pr) => {
          if (tty && pr.phase === "events")
            process.stderr.write(
              `\rpush: ${pr.eventsSent.toLocaleString("en-US")} / ${pr.eventsTotal.toLocaleString("en-US")} events`,
            );
        },
        batch === undefined ? {} : { batch },
      );
      if (tty) process.stderr.write("\n");
      if (flag(args, "json")) io.out(`${JSON.stringify(report, null, 2)}\n`);
      else
        io.out(
          `pushed ${report.eventsSent.toLocaleString("en-US")} events (${report.batchesSent} batches, ${report.batchesSkipped} already there, ${report.batchesRepaired} repaired) and ${report.usersSent.toLocaleString("en-US")} users in ${report.seconds.toFixed(1)} s (${report.eventsPerSecond.toLocaleString("en-US")} events/s)\n`,
        );
      return 0;
    } finally {
      ws.close();
    }
  },
};
