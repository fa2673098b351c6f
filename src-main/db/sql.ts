import type Database from "better-sqlite3";

// SQL is written only through these tags: every interpolated value becomes a bound parameter, and
// identifiers (table or column names) can only come from `ident`, which accepts a fixed list. `sql`
// builds a one-off statement for all/get/run; `statement` prepares one whose `?` placeholders are
// bound on each run (bulk inserts, row iteration). No other module calls db.prepare (a test checks).

export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;

export interface SqlFragment {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

class Identifier {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** `(?, ?), (?, ?)`: placeholders for a multi-row insert, nothing else (see valueRows). */
class ValueRows {
  readonly text: string;
  constructor(rows: number, columns: number) {
    if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1)
      throw new Error(`bad value rows: ${rows} x ${columns}`);
    const row = `(${Array(columns).fill("?").join(", ")})`;
    this.text = Array(rows).fill(row).join(", ");
  }
}

/** Placeholders for `rows` rows of `columns` values each, for a statement's multi-row VALUES. */
export function valueRows(rows: number, columns: number): ValueRows {
  return new ValueRows(rows, columns);
}

class Raw {
  readonly fragment: SqlFragment;
  constructor(f: SqlFragment) {
    this.fragment = f;
  }
}

export function sql(
  strings: TemplateStringsArray,
  ...values: (SqlValue | boolean | Identifier | Raw)[]
): SqlFragment {
  let text = strings[0] ?? "";
  const params: SqlValue[] = [];
  values.forEach((v, i) => {
    if (v instanceof Identifier) text += `"${v.name}"`;
    else if (v instanceof Raw) {
      text += v.fragment.text;
      params.push(...v.fragment.params);
    } else {
      text += "?";
      params.push(typeof v === "boolean" ? (v ? 1 : 0) : v);
    }
    text += strings[i + 1] ?? "";
  });
  return { text, params };
}

/** An identifier from a known list; anything else is a programming error. */
export function ident<const T extends string>(name: T, allowed: readonly T[]): Identifier {
  if (!allowed.includes(name)) throw new Error(`identifier not allowed: ${name}`);
  return new Identifier(name);
}

/** Embeds another fragment built with `sql` (its values stay bound). */
export function fragment(f: SqlFragment): Raw {
  return new Raw(f);
}

/**
 * Rows of values for a multi-row VALUES inside `sql`: `(?, ?), (?, ?)`, every value bound. All rows
 * must have the same width.
 */
export function rowsOf(rows: readonly (readonly SqlValue[])[]): Raw {
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) throw new Error("rows of different widths");
  return new Raw({ text: new ValueRows(rows.length, width).text, params: rows.flat() });
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(db: Database.Database, text: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let stmt = byText.get(text);
  if (!stmt) {
    stmt = db.prepare(text);
    byText.set(text, stmt);
  }
  return stmt;
}

/**
 * A statement prepared from a literal template: its text can only hold identifiers from `ident` and
 * placeholder rows from `valueRows`, so
 * values go to `?` placeholders bound by the caller's run/get/all/iterate. Not cached: callers keep
 * it for a loop, and may switch it to raw or pluck mode without affecting anyone else.
 */
export function statement(db: Database.Database) {
  return (strings: TemplateStringsArray, ...parts: (Identifier | ValueRows)[]): Database.Statement => {
    let text = strings[0] ?? "";
    parts.forEach((part, i) => {
      text += `${part instanceof Identifier ? `"${part.name}"` : part.text}${strings[i + 1] ?? ""}`;
    });
    return db.prepare(text);
  };
}

export function all<T>(db: Database.Database, q: SqlFragment): T[] {
  return prepare(db, q.text).all(...q.params) as T[];
}

export function get<T>(db: Database.Database, q: SqlFragment): T | undefined {
  return prepare(db, q.text).get(...q.params) as T | undefined;
}

export function run(db: Database.Database, q: SqlFragment): Database.RunResult {
  return prepare(db, q.text).run(...q.params);
}
