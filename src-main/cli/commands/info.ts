import { StrataError } from "../../../src-preload/contract/errors.ts";
import { workspaceInfo } from "../../workspace/info.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, parseArgs } from "../args.ts";
import type { CliIo, Command } from "../command.ts";
import { withPlainFile } from "../encrypted.ts";
import { warningLine } from "../warning-line.ts";

const n = (x: number) => x.toLocaleString("en-US");

export const infoCommand: Command = {
  name: "info",
  usage: "strata info WS [--json]",
  summary: "what WS holds: events, users, event names, time span, timezone, imports",
  options: { json: { value: false } },
  async run(argv, io) {
    const p = parseArgs(argv, this.options);
    const file = p.positionals[0];
    if (!file || p.positionals.length > 1)
      throw new StrataError("invalid_request", "usage: strata info WS [--json]");
    return withPlainFile(file, (plain) => printInfo(plain, flag(p, "json"), io));
  },
};

async function printInfo(file: string, json: boolean, io: CliIo): Promise<number> {
  const ws = Workspace.open(file, { readonly: true });
  try {
    const info = workspaceInfo(ws);
    if (json) {
      io.out(`${JSON.stringify(info, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `${info.name}  (${info.path})`,
      `events     ${n(info.events)}`,
      `users      ${n(info.users)}${info.identities?.merged ? ` (${n(info.users + info.identities.merged)} ids before the identity merge)` : ""}`,
      `time span  ${info.timeSpan ? `${info.timeSpan.first} .. ${info.timeSpan.last}` : "(no events)"}`,
      `timezone   ${info.timezone}; week starts ${info.weekStart}; as of ${info.resolvedAsOf} (${info.asOf.mode})`,
      `format     ${info.formatVersion} (written by Strata ${info.appVersion})`,
      ...(info.identities
        ? [
            `identities ${n(info.identities.merged)} anonymous id${info.identities.merged === 1 ? "" : "s"} merged into identified users (${n(info.identities.links)} link${info.identities.links === 1 ? "" : "s"}; merge ${info.identities.merge ? "on" : "off"}: strata identity WS --merge on|off)`,
          ]
        : []),
      "",
      "event names:",
      ...info.eventNames.map((e) => `  ${e.name.padEnd(28)} ${n(e.count).padStart(12)}`),
      "",
      `imports: ${info.imports.length === 0 ? "none" : ""}`,
      ...info.imports.flatMap((i) => [
        `  #${i.id} ${i.fileName}: ${i.status}, ${n(i.added)} ${i.kind} added, ${n(i.skipped)} rows skipped (${i.startedAt})`,
        ...Object.entries(i.warnings).map(([reason, w]) => `    ${warningLine(reason, w)}`),
      ]),
    ];
    io.out(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    ws.close();
  }
}
