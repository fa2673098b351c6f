import type { ChClient, ChTarget } from "../../src-main/clickhouse/http.ts";

// A ChClient with nothing behind it: every query answers no rows (an empty cluster), every insert
// is kept, by table, for the test to read. What push sends, without a server.

export class CapturingClient implements ChClient {
  readonly target: ChTarget = {
    url: "capture:",
    cluster: "",
    database: "strata",
    user: "default",
    password: "",
  };
  private readonly inserted = new Map<string, string[]>();

  on(): ChClient {
    return this;
  }

  async text(): Promise<string> {
    return "";
  }

  async exec(): Promise<void> {}

  async rows<T>(): Promise<T[]> {
    return [];
  }

  async insert(statement: string, lines: string): Promise<void> {
    const table = statement.replace(/^INSERT INTO\s+/i, "").trim();
    const kept = this.inserted.get(table) ?? [];
    for (const line of lines.split("\n")) if (line.length > 0) kept.push(line);
    this.inserted.set(table, kept);
  }

  /** The JSONEachRow lines inserted into `table`, parsed. */
  lines<T>(table: string): T[] {
    return (this.inserted.get(table) ?? []).map((line) => JSON.parse(line) as T);
  }
}
