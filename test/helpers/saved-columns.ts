import Database from "better-sqlite3";

/** The names of the engine's saved columns in a workspace file, read through a connection of its own. */
export function savedColumns(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM engine_columns ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}
