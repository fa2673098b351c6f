import fs from "node:fs";
import type Database from "better-sqlite3";
import type { ExportManifest } from "../../src-preload/contract/methods/export.ts";
import { all, run, sql } from "../db/sql.ts";
import { commitTemp, tempBeside } from "./destination.ts";

// The manifest says what an export file holds (segment, as-of, counts, preset, checksum), so that an
// analyst can tell later. It is written beside the file and recorded in the workspace.

export function manifestPath(file: string): string {
  return `${file}.manifest.json`;
}

/** Written under a temporary name and renamed: never half a manifest. */
export function writeManifestFile(m: ExportManifest, overwrite = false): void {
  const target = manifestPath(m.file);
  const tmp = tempBeside(target);
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`, { flag: "wx" });
    commitTemp(tmp, target, overwrite);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Records the export in the workspace; returns its row id. */
export function recordExport(db: Database.Database, m: ExportManifest): number {
  const r = run(
    db,
    sql`INSERT INTO exports (manifest, created_at) VALUES (${JSON.stringify(m)}, ${Date.parse(m.createdAt)})`,
  );
  return Number(r.lastInsertRowid);
}

export function listExports(db: Database.Database, limit = 50): ExportManifest[] {
  return all<{ id: number; manifest: string }>(
    db,
    sql`SELECT id, manifest FROM exports ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
  ).flatMap((r) => {
    try {
      return [{ ...(JSON.parse(r.manifest) as ExportManifest), id: r.id }];
    } catch {
      return [];
    }
  });
}
