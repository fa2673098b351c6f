import type Database from "better-sqlite3";
import { get, sql } from "./sql.ts";

/**
 * Whether the file has table `name`. A workspace opened read-only is not migrated, so an older one
 * may lack a later table (identities), and some tables are made on first use (clickhouse_connection,
 * workspace_settings).
 */
export function hasTable(db: Database.Database, name: string): boolean {
  return (
    get(db, sql`SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = ${name}`) !== undefined
  );
}
