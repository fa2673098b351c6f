import { StrataError } from "../../../src-preload/contract/errors.ts";
import type { SavedType } from "../../../src-preload/contract/methods/saved.ts";
import { listSaved } from "../../workspace/saved.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

/** `strata segments WS` / `strata reports WS`: the saved items of one type, as a table or JSON. */
export function savedListCommand(name: string, type: SavedType): Command {
  const usage = `strata ${name} WS [--json]`;
  return {
    name,
    usage,
    summary: `lists the saved ${name} of WS (id, name, what it is, last changed)`,
    options: { json: { value: false } },
    async run(argv, io) {
      const args = parseArgs(argv, this.options);
      const file = args.positionals[0];
      if (!file || args.positionals.length > 1) throw new StrataError("invalid_request", `usage: ${usage}`);
      const ws = Workspace.open(file, { readonly: true });
      try {
        const items = listSaved(ws.db, type);
        if (flag(args, "json")) {
          io.out(`${JSON.stringify(items, null, 2)}\n`);
          return 0;
        }
        if (items.length === 0) {
          io.out(`no saved ${name}\n`);
          return 0;
        }
        const idWidth = Math.max(...items.map((i) => i.id.length));
        for (const i of items) {
          const def = i.definition as { kind?: string };
          const what = type === "report" ? ` [${def.kind ?? "?"}]` : "";
          io.out(`${i.id.padEnd(idWidth)}  ${i.name}${what}  (modified ${i.modifiedAt.slice(0, 10)})\n`);
        }
        return 0;
      } finally {
        ws.close();
      }
    },
  };
}
