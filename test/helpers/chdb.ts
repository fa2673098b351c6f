import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { ChClient, ChSettings, ChTarget } from "../../src-main/clickhouse/http.ts";

// Current ClickHouse in-process: the npm package chdb (3.x, ClickHouse 26.x, about 540 MB) runs the
// SQL the compiler writes for 18.16 on a local MergeTree layout, so the SQL is proven on the oldest
// and the newest dialect. It is not an app dependency: scripts/install-chdb.sh installs it into a
// cache folder (STRATA_CHDB_DIR, default ~/.cache/strata-chdb) and this helper loads it from there.
// STRATA_CHDB=1 (set by .ci/run) makes the chDB legs of the tests required; without it they are
// skipped, saying so.

export const CHDB_WANTED = process.env.STRATA_CHDB === "1";
export const CHDB_SKIP_REASON = "chDB legs skipped: run scripts/install-chdb.sh and set STRATA_CHDB=1";
export const CHDB_DIR = process.env.STRATA_CHDB_DIR ?? path.join(os.homedir(), ".cache", "strata-chdb");

interface ChdbSession {
  query(sql: string, format?: string): string;
  cleanup(): void;
}
interface ChdbModule {
  Session: new (dir?: string) => ChdbSession;
}

function isChdb(m: unknown): m is ChdbModule {
  return typeof m === "object" && m !== null && "Session" in m && typeof m.Session === "function";
}

/** The chdb package from the cache folder; throws with the command to install it when absent. */
export function loadChdb(): ChdbModule {
  const entry = path.join(CHDB_DIR, "node_modules", "chdb");
  if (!fs.existsSync(entry))
    throw new Error(`STRATA_CHDB=1 but chdb is not installed in ${CHDB_DIR}: run scripts/install-chdb.sh`);
  const m: unknown = createRequire(import.meta.url)(entry);
  if (!isChdb(m)) throw new Error(`${entry} is not the chdb package (no Session)`);
  return m;
}

/**
 * A ChClient over one chDB session (its own temporary data folder): one server, so the layout has
 * no Distributed tables (target.cluster ""). Settings are SET on the session before each statement,
 * as the HTTP client sends them with each request.
 */
export class ChdbClient implements ChClient {
  readonly target: ChTarget;
  private readonly session: ChdbSession;

  constructor(session: ChdbSession, database: string) {
    this.session = session;
    this.target = { url: "chdb:", cluster: "", database, user: "default", password: "" };
  }

  static open(database = "strata"): { client: ChdbClient; close(): void } {
    const { Session } = loadChdb();
    const s = new Session();
    return { client: new ChdbClient(s, database), close: () => s.cleanup() };
  }

  on(database: string): ChClient {
    return new ChdbClient(this.session, database);
  }

  private run(sql: string, settings: ChSettings, format?: string): string {
    const all: ChSettings = { output_format_json_quote_64bit_integers: 0, ...settings };
    for (const [k, v] of Object.entries(all))
      this.session.query(`SET ${k} = ${typeof v === "number" ? v : `'${v.replace(/'/g, "")}'`}`);
    this.session.query(`USE ${this.target.database}`);
    return format ? this.session.query(sql, format) : this.session.query(sql);
  }

  async text(sql: string, settings: ChSettings = {}): Promise<string> {
    if (!/^\s*CREATE DATABASE/i.test(sql) && this.target.database !== "default") this.ensureDb();
    return this.run(sql, settings);
  }

  async exec(sql: string, settings: ChSettings = {}): Promise<void> {
    await this.text(sql, settings);
  }

  async rows<T>(sql: string, settings: ChSettings = {}): Promise<T[]> {
    this.ensureDb();
    const body = this.run(sql, settings, "JSONEachRow");
    const out: T[] = [];
    for (const line of body.split("\n")) if (line.length > 0) out.push(JSON.parse(line) as T);
    return out;
  }

  async insert(statement: string, lines: string, settings: ChSettings = {}): Promise<void> {
    this.ensureDb();
    this.run(`${statement} FORMAT JSONEachRow\n${lines}`, settings);
  }

  /** USE needs the database to exist: `default` until push's layout has created ours. */
  private ensureDb(): void {
    this.session.query(`CREATE DATABASE IF NOT EXISTS ${this.target.database}`);
  }
}
