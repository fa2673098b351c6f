import { gzipSync } from "node:zlib";
import { StrataError } from "../../src-preload/contract/errors.ts";

// ClickHouse over its HTTP interface with Node's own fetch, not `@clickhouse/client`: the official
// client's parameter binding (`query_params`) and `async_insert` are refused by 18.16, the server
// Debian ships (see docs/clickhouse.md), and what remains (POST a statement, gzip, settings as URL
// parameters, JSONEachRow) is a few lines; it also keeps a dependency out of the app.

export interface ChTarget {
  /** http(s)://host:port of one server of the cluster */
  url: string;
  user: string;
  /** read from STRATA_CLICKHOUSE_PASSWORD or the OS keychain; never stored in a workspace */
  password: string;
  database: string;
  cluster: string;
}

export type ChSettings = Record<string, string | number>;

/**
 * What the compiled queries and push talk to: a server over HTTP (ChHttp), or, in the tests, chDB
 * (current ClickHouse in-process) running the same SQL. A target with an empty `cluster` is one
 * server: the layout has no Distributed tables there (layout.ts).
 */
export interface ChClient {
  readonly target: ChTarget;
  /** the same server and credentials with another current database */
  on(database: string): ChClient;
  text(sql: string, settings?: ChSettings, signal?: AbortSignal): Promise<string>;
  exec(sql: string, settings?: ChSettings): Promise<void>;
  rows<T>(sql: string, settings?: ChSettings, signal?: AbortSignal): Promise<T[]>;
  /** INSERT ... FORMAT JSONEachRow with one JSON object per line */
  insert(statement: string, lines: string, settings?: ChSettings): Promise<void>;
}

// Every query: distributed `IN` subqueries run on each shard's own tables (users and their events
// sit on one shard, so this is exact), 64-bit integers come back as JSON numbers.
const BASE: ChSettings = {
  distributed_product_mode: "local",
  output_format_json_quote_64bit_integers: 0,
};

export class ChHttp implements ChClient {
  readonly target: ChTarget;
  constructor(target: ChTarget) {
    this.target = target;
  }

  /** The same server and credentials with another current database (`default` before ours exists). */
  on(database: string): ChHttp {
    return new ChHttp({ ...this.target, database });
  }

  private url(settings: ChSettings, query?: string): string {
    const u = new URL(this.target.url);
    u.pathname = "/";
    u.searchParams.set("database", this.target.database);
    for (const [k, v] of Object.entries({ ...BASE, ...settings })) u.searchParams.set(k, String(v));
    if (query !== undefined) u.searchParams.set("query", query);
    return u.toString();
  }

  // Connection: close, because 18.16 drops an idle keep-alive connection after 3 s and a request
  // written into such a socket fails with EPIPE (a push reading its next batch is often that slow).
  private headers(): Record<string, string> {
    return {
      Connection: "close",
      "X-ClickHouse-User": this.target.user,
      "X-ClickHouse-Key": this.target.password,
    };
  }

  /** Runs one statement; the body of the answer as text. */
  async text(sql: string, settings: ChSettings = {}, signal?: AbortSignal): Promise<string> {
    if (process.env.STRATA_CLICKHOUSE_DEBUG === "1") process.stderr.write(`-- clickhouse\n${sql}\n`);
    let res: Response;
    try {
      res = await fetch(this.url(settings), {
        method: "POST",
        headers: this.headers(),
        body: sql,
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (signal?.aborted) throw new StrataError("cancelled", "the query was cancelled");
      throw new StrataError("internal", `cannot reach ClickHouse at ${this.target.url}: ${causeOf(e)}`);
    }
    const body = await res.text();
    if (!res.ok) throw chError(body, res.status);
    return body;
  }

  async exec(sql: string, settings: ChSettings = {}): Promise<void> {
    await this.text(sql, settings);
  }

  /** Rows of a SELECT, read as JSONEachRow. */
  async rows<T>(sql: string, settings: ChSettings = {}, signal?: AbortSignal): Promise<T[]> {
    const body = await this.text(`${sql}\nFORMAT JSONEachRow`, settings, signal);
    const out: T[] = [];
    for (const line of body.split("\n")) if (line.length > 0) out.push(JSON.parse(line) as T);
    return out;
  }

  /** INSERT ... FORMAT JSONEachRow with a gzip-compressed body of one JSON object per line. */
  async insert(statement: string, lines: string, settings: ChSettings = {}): Promise<void> {
    const res = await fetch(this.url(settings, `${statement} FORMAT JSONEachRow`), {
      method: "POST",
      headers: { ...this.headers(), "Content-Encoding": "gzip" },
      body: gzipSync(Buffer.from(lines, "utf8"), { level: 1 }),
    }).catch((e: unknown) => {
      throw new StrataError("internal", `cannot reach ClickHouse at ${this.target.url}: ${causeOf(e)}`);
    });
    const body = await res.text();
    if (!res.ok) throw chError(body, res.status);
  }
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return e instanceof Error ? e.message : String(e);
}

function chError(body: string, status: number): StrataError {
  const msg = body
    .replace(/, e\.what\(\) = .*$/s, "")
    .trim()
    .slice(0, 2000);
  if (status === 401 || status === 403 || /Code: (192|193|194|516)\b/.test(msg))
    return new StrataError("invalid_request", `ClickHouse refused the credentials: ${msg}`);
  return new StrataError("internal", `ClickHouse: ${msg}`);
}
