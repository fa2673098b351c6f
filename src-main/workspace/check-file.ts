import type Database from "better-sqlite3";
import DatabaseCtor from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { isTimezone } from "../../src-preload/contract/plain-checks.ts";
import { statement } from "../db/sql.ts";
import { MIGRATIONS } from "./schema.ts";

// A workspace file may come from anyone. Before Strata reads it, its structure must be the one the
// migrations make for its version (a dropped or renamed table gave raw SQLite errors, or worse an
// `info` that reported 9,304 events from the catalog while the events were gone), and its metadata
// must hold values the app can use (a timezone Intl knows, times a Date can hold).

type Columns = Map<string, string[]>;

const expected = new Map<number, Columns>();

function columnsOf(db: Database.Database): Columns {
  const out: Columns = new Map();
  const tables = statement(db)`SELECT name FROM sqlite_schema WHERE type = 'table'`.all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    const cols = statement(db)`SELECT name FROM pragma_table_info(?)`.all(name) as { name: string }[];
    out.set(
      name,
      cols.map((c) => c.name),
    );
  }
  return out;
}

/** The tables and columns a file of `version` has, made by running the migrations in memory. */
function expectedColumns(version: number): Columns {
  let cols = expected.get(version);
  if (!cols) {
    const mem = new DatabaseCtor(":memory:");
    try {
      for (const m of MIGRATIONS.slice(0, version)) mem.exec(m);
      cols = columnsOf(mem);
    } finally {
      mem.close();
    }
    expected.set(version, cols);
  }
  return cols;
}

const damaged = (file: string, what: string) => new StrataError("corrupt", `${file} is damaged: ${what}`);

export function checkStructure(db: Database.Database, file: string, version: number): void {
  if (!Number.isInteger(version) || version < 1)
    throw damaged(file, `its format version (${version}) is not one Strata ever wrote`);
  const have = columnsOf(db);
  for (const [table, cols] of expectedColumns(version)) {
    const got = have.get(table);
    if (!got) throw damaged(file, `the table "${table}" is missing`);
    const missing = cols.filter((c) => !got.includes(c));
    if (missing.length > 0)
      throw damaged(file, `the table "${table}" lacks ${missing.map((c) => `"${c}"`).join(", ")}`);
  }
}

/** ±8.64e15 ms is what a JavaScript Date can hold (year ±275760). */
const validMs = (v: unknown) =>
  v === null || (typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 8.64e15);

export function checkMeta(db: Database.Database, file: string): void {
  const meta = statement(db)`SELECT * FROM meta WHERE id = 1`.get() as Record<string, unknown> | undefined;
  if (!meta) throw damaged(file, "it has no settings row");
  // "UTC" needs no look-up: the first Intl time zone loads ICU's zone data (~50 ms of a CLI query)
  if (typeof meta.timezone !== "string" || (meta.timezone !== "UTC" && !isTimezone(meta.timezone)))
    throw damaged(file, `its timezone "${String(meta.timezone)}" is not a known IANA zone`);
  if (meta.week_start !== "monday" && meta.week_start !== "sunday")
    throw damaged(file, `its week start "${String(meta.week_start)}" is neither monday nor sunday`);
  for (const k of ["created_at", "modified_at"])
    if (meta[k] === null || !validMs(meta[k]))
      throw damaged(file, `its ${k} (${String(meta[k])}) is not a time`);
  const bad = statement(db)`SELECT name, first_time, last_time, count FROM event_names
       WHERE typeof(count) != 'integer' OR count < 0
          OR (first_time IS NOT NULL AND (typeof(first_time) != 'integer' OR abs(first_time) > 8640000000000000))
          OR (last_time IS NOT NULL AND (typeof(last_time) != 'integer' OR abs(last_time) > 8640000000000000))
       LIMIT 1`.get() as
    | { name: string; first_time: unknown; last_time: unknown; count: unknown }
    | undefined;
  if (bad)
    throw damaged(
      file,
      `the catalog entry of event "${bad.name}" holds impossible values (count ${String(bad.count)}, first ${String(bad.first_time)}, last ${String(bad.last_time)})`,
    );
  checkImportLog(db, file);
}

/**
 * Each import's start is shown as a date (info, the import log), and the contract has no entry
 * without one: a start a Date cannot hold (9e18 made `info` fail with "Invalid time value" after the
 * app had swapped the workspace in) refuses the file. A finish is shown as none instead (info.ts).
 * BETWEEN, not abs(): abs() of the smallest 64-bit integer is an SQL error.
 */
function checkImportLog(db: Database.Database, file: string): void {
  const bad = statement(db)`SELECT id, started_at FROM imports
       WHERE typeof(started_at) != 'integer' OR started_at NOT BETWEEN -8640000000000000 AND 8640000000000000
       LIMIT 1`.get() as { id: unknown; started_at: unknown } | undefined;
  if (bad)
    throw damaged(
      file,
      `import #${String(bad.id)} of its import log started at ${String(bad.started_at)}, which is not a time`,
    );
}
