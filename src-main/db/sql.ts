import type Database from "better-sqlite3";

// SQL is written only through this tag: every interpolated value becomes a bound parameter.
// Identifiers (table or column names) can only come from `ident`, which accepts a fixed list.

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

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepare(db: Database.Database, text: string): Database.Statement {
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

export function all<T>(db: Database.Database, q: SqlFragment): T[] {
  return prepare(db, q.text).all(...q.params) as T[];
}

export function get<T>(db: Database.Database, q: SqlFragment): T | undefined {
  return prepare(db, q.text).get(...q.params) as T | undefined;
}

export function run(db: Database.Database, q: SqlFragment): Database.RunResult {
  return prepare(db, q.text).run(...q.params);
}
