import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { jsonDepth } from "../../src-preload/contract/json-depth.ts";
import type { SavedItem, SavedType } from "../../src-preload/contract/methods/saved.ts";
import { Query } from "../../src-preload/contract/queries.ts";
import { Segment } from "../../src-preload/contract/segment.ts";
import { all, get, run, sql } from "../db/sql.ts";
import { formatIssues } from "../validate.ts";

interface Row {
  id: string;
  type: SavedType;
  name: string;
  definition: string;
  created_at: number;
  modified_at: number;
  last_result: string | null;
}

const MAX_RESULT_DEPTH = 64;

/** A stored time as ISO text; one a Date cannot hold (a hostile file) reads as the epoch. */
function isoOr0(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

// A workspace file may come from anyone: a stored definition is validated again on the way out,
// exactly like one arriving from the renderer, so nothing unchecked reaches the engine.
function toItem(r: Row): SavedItem {
  const raw = parseJson(r.definition);
  const parsed = raw.ok ? (r.type === "segment" ? Segment : Query).safeParse(raw.value) : null;
  if (!parsed?.success) {
    const why = parsed ? formatIssues(parsed.error.issues, "definition") : "its definition is not JSON";
    throw new StrataError("corrupt", `the saved ${r.type} "${r.name}" (${r.id}) is damaged: ${why}`);
  }
  const last = r.last_result === null ? null : parseJson(r.last_result);
  // a last result is a cache: one nested past any result Strata makes (a hostile file) is dropped,
  // since printing or sending it would overflow the stack
  const lastResult =
    last?.ok && jsonDepth(last.value, MAX_RESULT_DEPTH) <= MAX_RESULT_DEPTH ? last.value : null;
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    definition: parsed.data,
    createdAt: isoOr0(r.created_at),
    modifiedAt: isoOr0(r.modified_at),
    lastResult,
  };
}

/** Items that cannot be read are left out of lists (opening one by id names the damage). */
function readable(r: Row): SavedItem[] {
  try {
    return [toItem(r)];
  } catch {
    return [];
  }
}

function validDefinition(type: SavedType, definition: unknown): unknown {
  const parsed = (type === "segment" ? Segment : Query).safeParse(definition);
  if (!parsed.success)
    throw new StrataError("invalid_request", formatIssues(parsed.error.issues, "definition"));
  return parsed.data;
}

export function listSaved(db: Database.Database, type?: SavedType): SavedItem[] {
  const rows = type
    ? all<Row>(db, sql`SELECT * FROM saved_items WHERE type = ${type} ORDER BY name COLLATE NOCASE`)
    : all<Row>(db, sql`SELECT * FROM saved_items ORDER BY type, name COLLATE NOCASE`);
  return rows.flatMap(readable);
}

export function getSaved(db: Database.Database, id: string): SavedItem {
  const row = get<Row>(db, sql`SELECT * FROM saved_items WHERE id = ${id}`);
  if (!row) throw new StrataError("not_found", `no saved segment or report with id ${id}`);
  return toItem(row);
}

export function createSaved(
  db: Database.Database,
  type: SavedType,
  name: string,
  definition: unknown,
  id?: string,
): SavedItem {
  const def = validDefinition(type, definition);
  const now = Date.now();
  const newId = id ?? `${type === "segment" ? "seg" : "rep"}_${randomUUID().slice(0, 8)}`;
  run(
    db,
    sql`INSERT INTO saved_items (id, type, name, definition, created_at, modified_at)
        VALUES (${newId}, ${type}, ${name}, ${JSON.stringify(def)}, ${now}, ${now})`,
  );
  return getSaved(db, newId);
}

export function updateSaved(
  db: Database.Database,
  id: string,
  patch: { name?: string; definition?: unknown },
): SavedItem {
  const cur = getSaved(db, id);
  const name = patch.name ?? cur.name;
  const def = patch.definition === undefined ? cur.definition : validDefinition(cur.type, patch.definition);
  const changed = patch.definition !== undefined;
  run(
    db,
    sql`UPDATE saved_items SET name = ${name}, definition = ${JSON.stringify(def)}, modified_at = ${Date.now()},
        last_result = CASE WHEN ${changed} THEN NULL ELSE last_result END WHERE id = ${id}`,
  );
  return getSaved(db, id);
}

export function duplicateSaved(db: Database.Database, id: string, name?: string): SavedItem {
  const cur = getSaved(db, id);
  return createSaved(db, cur.type, name ?? `${cur.name} (copy)`, cur.definition);
}

export function deleteSaved(db: Database.Database, id: string): void {
  const users = listSaved(db, "segment").filter((s) =>
    JSON.stringify(s.definition).includes(`"inSegment":${JSON.stringify(id)}`),
  );
  if (users.length > 0) {
    throw new StrataError(
      "invalid_request",
      `cannot delete: ${users.map((u) => `"${u.name}"`).join(", ")} ${users.length === 1 ? "uses" : "use"} this segment`,
    );
  }
  const r = run(db, sql`DELETE FROM saved_items WHERE id = ${id}`);
  if (r.changes === 0) throw new StrataError("not_found", `no saved segment or report with id ${id}`);
}

export function storeLastResult(db: Database.Database, id: string, result: unknown): void {
  run(db, sql`UPDATE saved_items SET last_result = ${JSON.stringify(result)} WHERE id = ${id}`);
}
