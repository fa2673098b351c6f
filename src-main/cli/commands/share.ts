import fs from "node:fs";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { ShareOptions } from "../../../src-preload/contract/methods/export.ts";
import { shareCopy } from "../../share/share-copy.ts";
import { parseOrThrow } from "../../validate.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, opt, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

const USAGE =
  "strata share WS --out FILE [--no-events] [--pseudonymize-key K] [--drop-personal] [--drop-attributes a,b] [--passphrase P | --passphrase-file F] [--json]";

/** STRATA_PASSPHRASE: the way to give a passphrase that `ps` and the shell history do not show */
function envPassphrase(): string | undefined {
  const v = process.env.STRATA_PASSPHRASE;
  return v === undefined || v === "" ? undefined : v;
}

function passphrase(p: ReturnType<typeof parseArgs>): string | undefined {
  const inline = opt(p, "passphrase") ?? envPassphrase();
  const file = opt(p, "passphrase-file");
  if (inline !== undefined && file !== undefined)
    throw new StrataError("invalid_request", "give --passphrase or --passphrase-file, not both");
  if (file === undefined) return inline;
  try {
    // one line; the newline an editor adds is not part of the passphrase
    return fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
  } catch {
    throw new StrataError("not_found", `--passphrase-file: cannot read ${file}`);
  }
}

export const shareCommand: Command = {
  name: "share",
  usage: USAGE,
  summary:
    "writes a copy of WS to share: without events, pseudonymized, without personal attributes, encrypted",
  options: {
    out: { value: true },
    "no-events": { value: false },
    "pseudonymize-key": { value: true },
    "drop-personal": { value: false },
    "drop-attributes": { value: true },
    passphrase: { value: true },
    "passphrase-file": { value: true },
    json: { value: false },
  },
  async run(argv, io) {
    const args = parseArgs(argv, this.options);
    const file = args.positionals[0];
    const out = opt(args, "out");
    if (!file || args.positionals.length > 1 || !out)
      throw new StrataError("invalid_request", `usage: ${USAGE}`);
    const drop = opt(args, "drop-attributes")
      ?.split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
    const key = opt(args, "pseudonymize-key");
    const pass = passphrase(args);
    const options = parseOrThrow(
      ShareOptions,
      {
        out,
        ...(flag(args, "no-events") ? { events: false } : {}),
        ...(key !== undefined ? { pseudonymizeKey: key } : {}),
        ...(flag(args, "drop-personal") ? { dropPersonal: true } : {}),
        ...(drop !== undefined ? { dropAttributes: drop } : {}),
        ...(pass !== undefined ? { passphrase: pass } : {}),
      },
      "",
    );
    const ws = Workspace.open(file, { readonly: true });
    try {
      const copy = await shareCopy(ws, options);
      io.err(
        `copy written to ${copy.path} (${copy.bytes.toLocaleString("en-US")} bytes${options.passphrase ? ", encrypted" : ""})${
          copy.dropped.length > 0 ? `; removed ${copy.dropped.join(", ")}` : ""
        }\n`,
      );
      const red = copy.redacted;
      if (red.values + red.eventNames > 0)
        io.err(`e-mail addresses replaced: ${red.values} in values, ${red.eventNames} in event names\n`);
      if (red.userIds > 0) io.err(`user ids pseudonymized: ${red.userIds.toLocaleString("en-US")}\n`);
      if (copy.affected.length > 0) {
        io.err(
          `warning: ${copy.affected.length} saved item(s) use what was removed and will answer differently in the copy:\n`,
        );
        for (const item of copy.affected) {
          const counts =
            item.before !== null && item.after !== null
              ? `: ${item.before.toLocaleString("en-US")} users -> ${item.after.toLocaleString("en-US")}`
              : "";
          io.err(`  ${item.type} "${item.name}" (${item.id}) uses ${item.uses.join(", ")}${counts}\n`);
        }
      }
      // without events a saved report's last result is all the recipient has: say which went
      if (copy.resultsDropped.length > 0) {
        io.err(
          `${copy.resultsDropped.length} saved report(s) lose their last result, which held what was removed:\n`,
        );
        for (const item of copy.resultsDropped) io.err(`  ${item.type} "${item.name}" (${item.id})\n`);
      }
      if (flag(args, "json")) io.out(`${JSON.stringify(copy, null, 2)}\n`);
      return 0;
    } finally {
      ws.close();
    }
  },
};
