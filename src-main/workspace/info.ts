import fs from "node:fs";
import type { ImportLogEntry, WorkspaceInfo } from "../../src-preload/contract/workspace-info.ts";
import { all, get, sql } from "../db/sql.ts";
import { readActivity } from "./activity.ts";
import { identitySummary } from "./identity.ts";
import type { Workspace } from "./workspace.ts";

interface ImportRow {
  id: number;
  file_name: string;
  kind: "events" | "users";
  started_at: number;
  finished_at: number | null;
  status: "done" | "failed" | "cancelled";
  rows_read: number;
  added: number;
  skipped: number;
  skipped_by_reason: string;
  seconds: number;
}

export function importLog(ws: Workspace): ImportLogEntry[] {
  return all<ImportRow>(ws.db, sql`SELECT * FROM imports ORDER BY id DESC`).map((r) => ({
    id: r.id,
    fileName: r.file_name,
    kind: r.kind,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
    status: r.status,
    rowsRead: r.rows_read,
    added: r.added,
    skipped: r.skipped,
    skippedByReason: JSON.parse(r.skipped_by_reason),
    seconds: r.seconds,
  }));
}

const COUNT_ROWS_BYTES = 256 * 1024 * 1024;

export function workspaceInfo(ws: Workspace): WorkspaceInfo {
  const meta = ws.meta();
  const counts = get<{ events: number; first: number | null; last: number | null }>(
    ws.db,
    sql`SELECT coalesce(sum(count), 0) AS events, min(first_time) AS first, max(last_time) AS last FROM event_names`,
  ) ?? { events: 0, first: null, last: null };
  // Counted from the rows when that is cheap (the open already read every page of a file this
  // small), so a catalog that disagrees with the data is not believed; a large file keeps the
  // catalog's count, which imports maintain.
  if (fs.statSync(ws.path).size <= COUNT_ROWS_BYTES)
    counts.events = get<{ n: number }>(ws.db, sql`SELECT count(*) AS n FROM events`)?.n ?? 0;
  const users = get<{ n: number }>(ws.db, sql`SELECT count(*) AS n FROM users`)?.n ?? 0;
  const eventNames = all<{ name: string; count: number }>(
    ws.db,
    sql`SELECT name, count FROM event_names WHERE count > 0 ORDER BY count DESC, name`,
  );
  return {
    path: ws.path,
    name: ws.name,
    events: counts.events,
    users,
    eventNames,
    timeSpan:
      counts.first === null || counts.last === null
        ? null
        : { first: new Date(counts.first).toISOString(), last: new Date(counts.last).toISOString() },
    timezone: meta.timezone,
    asOf: meta.asOf,
    resolvedAsOf: ws.asOfDate(),
    weekStart: meta.weekStart,
    activity: readActivity(ws.db),
    imports: importLog(ws),
    formatVersion: meta.formatVersion,
    appVersion: meta.appVersion,
    createdAt: new Date(meta.createdAt).toISOString(),
    modifiedAt: new Date(meta.modifiedAt).toISOString(),
    identities: identitySummary(ws.db),
  };
}
