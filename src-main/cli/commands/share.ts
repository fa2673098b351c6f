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
    const p = parseArgs(argv, this.options);
    const file = p.positionals[0];
    const out = opt(p, "out");
    if (!file || p.positionals.length > 1 || !out)
      throw new StrataError("invalid_request", `usage: ${USAGE}`);
    const drop = opt(p, "drop-attributes")
      ?.split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
    const key = opt(p, "pseudonymize-key");
    const pass = passphrase(p);
    const options = parseOrThrow(
      ShareOptions,
      {
        out,
        ...(flag(p, "no-events") ? { events: false } : {}),
        ...(key !== undefined ? { pseudonymizeKey: key } : {}),
        ...(flag(p, "drop-personal") ? { dropPersonal: true } : {}),
        ...(drop !== undefined ? { dropAttributes: drop } : {}),
        ...(pass !== undefined ? { passphrase: pass } : {}),
      },
      "",
    );
    const ws = Workspace.open(file, { readonly: true });
    try {
      const r = await shareCopy(ws, options);
      io.err(
        `copy written to ${r.path} (${r.bytes.toLocaleString("en-US")} bytes${options.passphrase ? ", encrypted" : ""})${
          r.dropped.length > 0 ? `; removed ${r.dropped.join(", ")}` : ""
        }\n`,
      );
      const red = r.redacted;
      if (red.values + red.eventNames + red.userIds > 0)
        io.err(
          `e-mail addresses replaced: ${red.values} in values, ${red.eventNames} in event names, ${red.userIds} user ids pseudonymized\n`,
        );
      if (r.affected.length > 0) {
        io.err(
          `warning: ${r.affected.length} saved item(s) use what was removed and will answer differently in the copy:\n`,
        );
        for (const a of r.affected) {
          const counts =
            a.before !== null && a.after !== null
              ? `: ${a.before.toLocaleString("en-US")} users -> ${a.after.toLocaleString("en-US")}`
              : "";
          io.err(`  ${a.type} "${a.name}" (${a.id}) uses ${a.uses.join(", ")}${counts}\n`);
        }
      }
      if (flag(p, "json")) io.out(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    } finally {
      ws.close();
    }
  },
};
