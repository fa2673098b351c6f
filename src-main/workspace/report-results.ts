import type Database from "better-sqlite3";
import { all, sql } from "../db/sql.ts";
import { storeLastResult } from "./saved.ts";

// A saved report keeps the last result it produced, whoever ran it (the app opening it, a view whose
// query is the saved one): a copy shared without events shows those numbers instead of nothing. A
// query is the saved report's when both are the same JSON up to key order (views build queries with
// their own key order). Recent answers are kept so that saving a report that was just computed
// stores its result at once.

const KEEP = 32;

/** JSON with object keys sorted, so that equal queries compare equal. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

function reports(db: Database.Database, onlyEmpty: boolean): { id: string; key: string }[] {
  const rows = all<{ id: string; definition: string; last_result: string | null }>(
    db,
    sql`SELECT id, definition, last_result FROM saved_items WHERE type = 'report'`,
  );
  const out: { id: string; key: string }[] = [];
  for (const r of rows) {
    if (onlyEmpty && r.last_result !== null) continue;
    try {
      out.push({ id: r.id, key: canonicalJson(JSON.parse(r.definition)) });
    } catch {
      // a damaged definition is reported when it is opened, not here
    }
  }
  return out;
}

export class ReportResults {
  private readonly recent = new Map<string, unknown>();

  /** After a query ran: store its result in every saved report that is this query. */
  remember(db: Database.Database, query: unknown, result: unknown): void {
    const key = canonicalJson(query);
    this.recent.delete(key);
    this.recent.set(key, result);
    if (this.recent.size > KEEP) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    if (db.readonly) return;
    for (const r of reports(db, false)) if (r.key === key) storeLastResult(db, r.id, result);
  }

  /** After a report was saved or changed: give it the result computed for it, if there is one. */
  fill(db: Database.Database): void {
    if (db.readonly) return;
    for (const r of reports(db, true)) {
      if (this.recent.has(r.key)) storeLastResult(db, r.id, this.recent.get(r.key));
    }
  }

  clear(): void {
    this.recent.clear();
  }
}
