import fs from "node:fs";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportLogEntry, WorkspaceInfo } from "../../src-preload/contract/workspace-info.ts";
import { all, get, sql } from "../db/sql.ts";
import { readActivity } from "./activity.ts";
import { identitySummary } from "./identity.ts";
import { importWarningTexts } from "./import-warnings.ts";
import type { Workspace } from "./workspace.ts";

interface ImportRow {
  id: number;
  file_name: string;
  kind: "events" | "users";
  /** a time (checked at the open: check-file.ts) */
  started_at: unknown;
  finished_at: unknown;
  status: "done" | "failed" | "cancelled";
  rows_read: number;
  added: number;
  skipped: number;
  skipped_by_reason: unknown;
  seconds: number;
}

type SkipCounts = ImportLogEntry["skippedByReason"];

// The import log is the file's, and the file may be anyone's: its times and skip counts are read
// tolerantly, so that a hostile entry neither fails the whole info nor is handed on as it is.

export function importLog(ws: Workspace): ImportLogEntry[] {
  const warnings = importWarningTexts(ws.db);
  return all<ImportRow>(ws.db, sql`SELECT * FROM imports ORDER BY id DESC`).map((row) => {
    const startedAt = instant(row.started_at);
    // refused at the open (check-file.ts): here only when the file was changed since
    if (startedAt === null)
      throw new StrataError("corrupt", `${ws.path} is damaged: import #${row.id} started at no time`);
    return {
      id: row.id,
      fileName: row.file_name,
      kind: row.kind,
      startedAt,
      finishedAt: instant(row.finished_at),
      status: row.status,
      rowsRead: row.rows_read,
      added: row.added,
      skipped: row.skipped,
      skippedByReason: skipCounts(row.skipped_by_reason),
      warnings: skipCounts(warnings.get(row.id)),
      seconds: row.seconds,
    };
  });
}

/** ±8.64e15 ms is what a JavaScript Date can hold (year ±275760): ISO 8601 in UTC, else null. */
function instant(ms: unknown): string | null {
  return typeof ms === "number" && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15
    ? new Date(ms).toISOString()
    : null;
}

/**
 * Skipped rows by reason as the import wrote them, `{ reason: { count, firstLines } }`; anything else
 * reads as none. Checked one level at a time, never walked: a log of JSON nested 100,000 deep
 * parsed, then overflowed the stack when `info --json` printed it and when the app copied it to its
 * window.
 */
function skipCounts(text: unknown): SkipCounts {
  if (typeof text !== "string") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const counts: [string, SkipCounts[string]][] = [];
  for (const [reason, skips] of Object.entries(parsed)) {
    const one = skipsOf(skips);
    if (!one) return {};
    counts.push([reason, one]);
  }
  // made so, a reason named "__proto__" stays a reason instead of becoming the object's prototype
  return Object.fromEntries(counts);
}

function skipsOf(value: unknown): SkipCounts[string] | null {
  if (typeof value !== "object" || value === null) return null;
  const count: unknown = Reflect.get(value, "count");
  const listed: unknown = Reflect.get(value, "firstLines");
  if (typeof count !== "number" || !Array.isArray(listed)) return null;
  const lines: readonly unknown[] = listed;
  const firstLines: number[] = [];
  for (const line of lines) {
    if (typeof line !== "number") return null;
    firstLines.push(line);
  }
  return { count, firstLines };
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
  const ids = get<{ n: number }>(ws.db, sql`SELECT count(*) AS n FROM users`)?.n ?? 0;
  const identities = identitySummary(ws.db);
  // people, as every query's "of total" counts them: the anonymous ids merged into identified users
  // are not users of their own (the top bar said 5 users while every view said "of 3")
  const users = ids - identities.merged;
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
    identities,
  };
}
