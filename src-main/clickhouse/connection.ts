import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { get, run, sql } from "../db/sql.ts";
import type { ChTarget } from "./http.ts";

// A workspace's cluster connection: URL, cluster, database and user, kept in the workspace file.
// Never a password: the CLI reads STRATA_CLICKHOUSE_PASSWORD, the app the OS keychain. The table is
// created on first `strata connect` (not by a migration: a workspace that never connects has none).

export interface StoredConnection {
  url: string;
  cluster: string;
  database: string;
  user: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function checkName(what: string, v: string): string {
  if (!NAME.test(v))
    throw new StrataError("invalid_request", `${what} "${v}" must be a plain name (letters, digits, _)`);
  return v;
}

export function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StrataError(
      "invalid_request",
      `--clickhouse "${text}" is not a URL (expected http://host:8123)`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new StrataError(
      "invalid_request",
      `--clickhouse must be an http:// or https:// URL (got ${url.protocol})`,
    );
  if (url.password)
    throw new StrataError(
      "invalid_request",
      "put the password in STRATA_CLICKHOUSE_PASSWORD, not in the URL",
    );
  // anything past the origin would be dropped without a word: `https://ch.corp@evil.example` goes to
  // evil.example, and a confirmation that showed the text as typed would name the wrong server
  if (url.username)
    throw new StrataError(
      "invalid_request",
      `--clickhouse "${text}" names a user before "@": the server is ${url.host}; give the user with --user (in the app: the User field)`,
    );
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash)
    throw new StrataError(
      "invalid_request",
      `--clickhouse "${text}" has a path or query: give the server only (http://host:8123), the database with --database`,
    );
  return `${url.protocol}//${url.host}`;
}

/**
 * A user name goes into an HTTP header (Latin-1 only) and into the confirmation dialog (no control
 * character may draw a line of its own): printable Latin-1, 1-256 characters.
 */
export function checkUser(name: string): string {
  if (name.length === 0 || name.length > 256 || /[^\u0020-\u007e\u00a0-\u00ff]/.test(name))
    throw new StrataError(
      "invalid_request",
      `user ${JSON.stringify(name)} must be 1-256 printable Latin-1 characters (an HTTP header carries it)`,
    );
  return name;
}

/** A stored connection checked as a typed one is: a workspace file may hold anything. */
export function checkedConnection(c: StoredConnection): StoredConnection {
  return {
    url: checkUrl(c.url),
    cluster: checkName("cluster", c.cluster),
    database: checkName("database", c.database),
    user: checkUser(c.user),
  };
}

export function saveConnection(db: Database.Database, c: StoredConnection): void {
  db.exec(`CREATE TABLE IF NOT EXISTS clickhouse_connection (
    id INTEGER PRIMARY KEY CHECK (id = 1), url TEXT NOT NULL, cluster TEXT NOT NULL,
    database TEXT NOT NULL, user TEXT NOT NULL)`);
  run(
    db,
    sql`INSERT OR REPLACE INTO clickhouse_connection (id, url, cluster, database, user)
        VALUES (1, ${c.url}, ${c.cluster}, ${c.database}, ${c.user})`,
  );
}

export function deleteConnection(db: Database.Database): void {
  if (readConnection(db)) run(db, sql`DELETE FROM clickhouse_connection`);
}

export function readConnection(db: Database.Database): StoredConnection | null {
  const has = get<{ one: number }>(
    db,
    sql`SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = 'clickhouse_connection'`,
  );
  if (!has) return null;
  const row = get<StoredConnection>(
    db,
    sql`SELECT url, cluster, database, user FROM clickhouse_connection WHERE id = 1`,
  );
  return row ?? null;
}

export function passwordFromEnv(): string {
  return process.env.STRATA_CLICKHOUSE_PASSWORD ?? "";
}

export function targetOf(c: StoredConnection, password = passwordFromEnv()): ChTarget {
  return { ...checkedConnection(c), password };
}

/** `clickhouse://HOST:PORT/DB?cluster=NAME[&user=U][&secure=1]`: the HTTP port, as in the spec. */
export function parseClickhouseUrl(s: string): ChTarget {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new StrataError("invalid_request", `"${s}" is not a clickhouse:// URL`);
  }
  if (u.protocol !== "clickhouse:")
    throw new StrataError("invalid_request", `"${s}" is not a clickhouse:// URL`);
  if (u.password)
    throw new StrataError(
      "invalid_request",
      "put the password in STRATA_CLICKHOUSE_PASSWORD, not in the URL",
    );
  const database = checkName("database", decodeURIComponent(u.pathname.replace(/^\//, "")) || "strata");
  const cluster = checkName("cluster", u.searchParams.get("cluster") ?? "");
  const scheme = u.searchParams.get("secure") === "1" ? "https" : "http";
  return {
    url: `${scheme}://${u.hostname}:${u.port || "8123"}`,
    cluster,
    database,
    user: checkUser(u.username ? decodeURIComponent(u.username) : (u.searchParams.get("user") ?? "default")),
    password: passwordFromEnv(),
  };
}
