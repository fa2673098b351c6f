import fs from "node:fs";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { Query } from "../../../src-preload/contract/query-kinds.ts";
import { isClickhouseUrl } from "../../clickhouse/is-url.ts";
import { parseOrThrow } from "../../validate.ts";
import { FORMAT_VERSION } from "../../workspace/schema.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { opt, parseArgs } from "../args.ts";
import { ColumnSaver } from "../column-saver.ts";
import type { CliIo, Command } from "../command.ts";
import { withPlainFile } from "../encrypted.ts";
import { oneShotEngine } from "../one-shot-engine.ts";
import { QUERY_OPTIONS } from "../query-prestart.ts";

const USAGE = "strata query WS|clickhouse://HOST:PORT/DB?cluster=NAME QUERY [--on local|clickhouse]";

/** QUERY is inline JSON, `-` for standard input, or a file. */
async function readQueryText(arg: string, io: CliIo): Promise<string> {
  if (arg === "-") return io.stdin();
  if (arg.trimStart().startsWith("{")) return arg;
  try {
    return fs.readFileSync(arg, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new StrataError("not_found", `query file ${arg} does not exist`);
    throw new StrataError("bad_input", `cannot read query file ${arg}: ${(e as Error).message}`);
  }
}

export function parseQuery(text: string): Query {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new StrataError("invalid_request", `the query is not valid JSON: ${(e as Error).message}`);
  }
  return parseOrThrow(Query, json, "query");
}

/**
 * Opens WS read-only for one query through the same door as every other command (header, format,
 * no triggers or views, structure, metadata), without the page check: a query only reads, and SQLite
 * reports any damaged page it reads as SQLITE_CORRUPT, which is turned into "corrupt" below.
 */
function openForQuery(file: string): Workspace {
  const ws = Workspace.open(file, { readonly: true, quickCheck: false });
  const version = ws.db.pragma("user_version", { simple: true }) as number;
  if (version < FORMAT_VERSION) {
    ws.close();
    throw new StrataError(
      "invalid_request",
      `${file} is an older workspace: open it once in Strata to upgrade it`,
    );
  }
  return ws;
}

function corrupt(file: string, e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_CORRUPT")
    ? new StrataError("corrupt", `${file} is damaged: ${(e as Error).message}`)
    : e;
}

/** The query on this machine: in this thread, or in two query workers on a large workspace. */
async function runLocal(ws: Workspace, query: Query, saver: ColumnSaver | null): Promise<unknown> {
  const engine = await oneShotEngine(ws, query, saver);
  try {
    return await engine.run(query);
  } finally {
    await engine.close();
  }
}

async function runQuery(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, QUERY_OPTIONS);
  const [file, arg] = args.positionals;
  if (!file || !arg || args.positionals.length > 2)
    throw new StrataError("invalid_request", `usage: ${USAGE}`);
  const on = opt(args, "on") ?? "local";
  if (on !== "local" && on !== "clickhouse")
    throw new StrataError("invalid_request", `--on must be local or clickhouse (got "${on}")`);
  const query = parseQuery(await readQueryText(arg, io));
  // the ClickHouse client is loaded only for a query that goes there: a local query's process
  // does not pay for it
  if (isClickhouseUrl(file)) {
    const { runOnUrl } = await import("../../clickhouse/cli-query.ts");
    io.out(`${JSON.stringify(await runOnUrl(file, query), null, 2)}\n`);
    return 0;
  }
  return withPlainFile(file, async (plain) => {
    const ws = openForQuery(plain);
    // a decrypted temporary copy is deleted after the query: nothing is saved into it
    const saver = plain === file ? new ColumnSaver(plain) : null;
    try {
      const result =
        on === "clickhouse"
          ? await (await import("../../clickhouse/cli-query.ts")).runOnConnected(ws.db, file, query)
          : await runLocal(ws, query, saver);
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (e) {
      throw corrupt(file, e);
    } finally {
      saver?.close();
      ws.close();
    }
  });
}

export const queryCommand: Command = {
  name: "query",
  usage: USAGE,
  summary: "runs one query (see queries.md) and prints the result as JSON; QUERY is a file, - or inline JSON",
  options: QUERY_OPTIONS,
  run: runQuery,
};
