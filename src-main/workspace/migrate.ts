import type Database from "better-sqlite3";
import { statement } from "../db/sql.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import { APP_VERSION } from "../version.ts";
import { FORMAT_VERSION, MIGRATIONS } from "./schema.ts";

/**
 * Brings an older workspace up to FORMAT_VERSION, one transaction per step. Foreign keys are off
 * meanwhile (a step may rebuild a table others refer to) and checked before each step commits.
 */
export function migrate(db: Database.Database): void {
  const from = db.pragma("user_version", { simple: true }) as number;
  if (from >= FORMAT_VERSION) return;
  const fk = db.pragma("foreign_keys", { simple: true }) as number;
  db.pragma("foreign_keys = OFF");
  try {
    for (let v = from; v < FORMAT_VERSION; v++) step(db, v);
  } finally {
    db.pragma(`foreign_keys = ${fk ? "ON" : "OFF"}`);
  }
}

function step(db: Database.Database, v: number): void {
  db.transaction(() => {
    db.exec(MIGRATIONS[v] ?? outOfBounds());
    const broken = db.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`migration ${v + 1} left ${broken.length} broken references`);
    db.pragma(`user_version = ${v + 1}`);
    if (v > 0) {
      statement(db)`UPDATE meta SET format_version = ?, app_version = ? WHERE id = 1`.run(v + 1, APP_VERSION);
    }
  })();
}
