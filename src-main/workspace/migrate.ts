import type Database from "better-sqlite3";
import { APP_VERSION } from "../version.ts";
import { FORMAT_VERSION, MIGRATIONS } from "./schema.ts";

/** Brings an older workspace up to FORMAT_VERSION, one transaction per step. */
export function migrate(db: Database.Database): void {
  const from = db.pragma("user_version", { simple: true }) as number;
  for (let v = from; v < FORMAT_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
      if (v > 0) {
        db.prepare("UPDATE meta SET format_version = ?, app_version = ? WHERE id = 1").run(
          v + 1,
          APP_VERSION,
        );
      }
    })();
  }
}
