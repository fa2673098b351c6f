import fs from "node:fs";
import Database from "better-sqlite3";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { Query } from "../../../src-preload/contract/query-kinds.ts";
import { LocalEngine } from "../../engine/local.ts";
import { parseOrThrow } from "../../validate.ts";
import { APPLICATION_ID, FORMAT_VERSION } from "../../workspace/schema.ts";
import { parseArgs } from "../args.ts";
import type { CliIo, Command } from "../command.ts";

const USAGE = "strata query WS QUERY";

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
 * Opens WS read-only for one query. Workspace.open also runs quick_check, which reads every page
 * (seconds on a 10M-event file); a query only reads, and SQLite reports any damaged page it reads
 * as SQLITE_CORRUPT, which is turned into the same "corrupt" error below.
 */
function openForQuery(file: string): Database.Database {
  if (!fs.existsSync(file)) throw new StrataError("not_found", `${file} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma("trusted_schema = OFF");
    const appId = db.pragma("application_id", { simple: true }) as number;
    const version = db.pragma("user_version", { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      db.close();
      throw new StrataError("not_strata", `${file} is not a Strata workspace`);
    }
    if (version > FORMAT_VERSION) {
      db.close();
      throw new StrataError(
        "too_new",
        `${file} was written by a newer Strata (format ${version}); update Strata to open it`,
      );
    }
    if (version < FORMAT_VERSION) {
      db.close();
      throw new StrataError(
        "invalid_request",
        `${file} is an older workspace: open it once in Strata to upgrade it`,
      );
    }
  } catch (e) {
    if (e instanceof StrataError) throw e;
    throw new StrataError("not_strata", `${file} is not a Strata workspace: ${(e as Error).message}`);
  }
  return db;
}

function corrupt(file: string, e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_CORRUPT")
    ? new StrataError("corrupt", `${file} is damaged: ${(e as Error).message}`)
    : e;
}

// One query in this process: opening the saved columns is a plain copy, so starting worker threads
// would cost more than it saves on a single query.
export const queryCommand: Command = {
  name: "query",
  usage: USAGE,
  summary: "runs one query (see queries.md) and prints the result as JSON; QUERY is a file, - or inline JSON",
  options: {},
  async run(argv, io) {
    const p = parseArgs(argv, this.options);
    const [file, arg] = p.positionals;
    if (!file || !arg || p.positionals.length > 2)
      throw new StrataError("invalid_request", `usage: ${USAGE}`);
    const query = parseQuery(await readQueryText(arg, io));
    const db = openForQuery(file);
    try {
      const result = await new LocalEngine(db, { lazy: true }).run(query);
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (e) {
      throw corrupt(file, e);
    } finally {
      db.close();
    }
  },
};
