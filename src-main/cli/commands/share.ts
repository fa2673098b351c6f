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
    const parsedArgs = parseArgs(argv, this.options);
    const file = parsedArgs.positionals[0];
    const out = opt(parsedArgs, "out");
    if (!file || parsedArgs.positionals.length > 1 || !out)
      throw new StrataError("invalid_request", `usage: ${USAGE}`);
    const drop = opt(parsedArgs, "drop-attributes")
      ?.split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
    const key = opt(parsedArgs, "pseudonymize-key");
    const pass = passphrase(parsedArgs);
    const options = parseOrThrow(
      ShareOptions,
      {
        out,
        ...(flag(parsedArgs, "no-events") ? { events: false } : {}),
        ...(key !== undefined ? { pseudonymizeKey: key } : {}),
        ...(flag(parsedArgs, "drop-personal") ? { dropPersonal: true } : {}),
        ...(drop !== undefined ? { dropAttributes: drop } : {}),
        ...(pass !== undefined ? { passphrase: pass } : {}),
      },
      "",
    );
    const ws = Workspace.open(file, { readonly: true });
    try {
      const result = await shareCopy(ws, options);
      io.err(
        `copy written to ${result.path} (${result.bytes.toLocaleString("en-US")} bytes${options.passphrase ? ", encrypted" : ""})${
          result.dropped.length > 0 ? `; removed ${result.dropped.join(", ")}` : ""
        }\n`,
      );
      const red = result.redacted;
      if (red.values + red.eventNames + red.userIds > 0)
        io.err(
          `e-mail addresses replaced: ${red.values} in values, ${red.eventNames} in event names, ${red.userIds} user ids pseudonymized\n`,
        );
      if (result.affected.length > 0) {
        io.err(
          `warning: ${result.affected.length} saved item(s) use what was removed and will answer differently in the copy:\n`,
        );
        for (const affectedSaved of result.affected) {
          const counts =
            affectedSaved.before !== null && affectedSaved.after !== null
              ? `: ${affectedSaved.before.toLocaleString("en-US")} users -> ${affectedSaved.after.toLocaleString("en-US")}`
              : "";
          io.err(
            `  ${affectedSaved.type} "${affectedSaved.name}" (${affectedSaved.id}) uses ${affectedSaved.uses.join(", ")}${counts}\n`,
          );
        }
      }
      if (flag(parsedArgs, "json")) io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } finally {
      ws.close();
    }
  },
};
