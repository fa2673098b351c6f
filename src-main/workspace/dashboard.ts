import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Dashboard } from "../../src-preload/contract/methods/dashboard.ts";
import { all, get, run, sql } from "../db/sql.ts";
import { touch } from "./settings.ts";

// Pins of the workspace dashboard. A pin whose report was deleted is not listed (and is dropped at
// the next write), so deleting a report needs no second step.

export function readDashboard(db: Database.Database): Dashboard {
  const rows = all<{ report_id: string }>(
    db,
    sql`SELECT d.report_id FROM dashboard_tiles d JOIN saved_items s ON s.id = d.report_id AND s.type = 'report'
        ORDER BY d.position`,
  );
  return { tiles: rows.map((r) => ({ reportId: r.report_id })) };
}

export function writeDashboard(db: Database.Database, d: Dashboard): Dashboard {
  const seen = new Set<string>();
  db.transaction(() => {
    for (const t of d.tiles) {
      if (seen.has(t.reportId))
        throw new StrataError("invalid_request", `tiles: report ${t.reportId} is pinned twice`);
      seen.add(t.reportId);
      const found = get<{ id: string }>(
        db,
        sql`SELECT id FROM saved_items WHERE id = ${t.reportId} AND type = 'report'`,
      );
      if (!found) throw new StrataError("not_found", `tiles: no saved report ${t.reportId}`);
    }
    run(db, sql`DELETE FROM dashboard_tiles`);
    d.tiles.forEach((t, i) => {
      run(db, sql`INSERT INTO dashboard_tiles (position, report_id) VALUES (${i}, ${t.reportId})`);
    });
    touch(db);
  })();
  return readDashboard(db);
}
