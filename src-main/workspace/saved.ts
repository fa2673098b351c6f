import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { jsonDepth } from "../../src-preload/contract/json-depth.ts";
import { SavedDefinition, type SavedItem, type SavedType } from "../../src-preload/contract/methods/saved.ts";
import { all, get, run, sql } from "../db/sql.ts";
import { formatIssues } from "../validate.ts";
import { refersToSegment } from "./segment-references.ts";

interface Row {
  id: string;
  /** SavedType in a file Strata wrote; anything in a hostile or damaged one */
  type: string;
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

/** A definition checked against its item type, or an error naming the field (`root` prefixes paths). */
function checkDefinition(
  type: string,
  definition: unknown,
): { ok: true; value: SavedDefinition } | { ok: false; why: string } {
  const parsed = SavedDefinition.safeParse({ type, definition });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, why: formatIssues(parsed.error.issues) };
}

// A workspace file may come from anyone (or an older Strata): a stored definition is validated again
// on the way out, exactly like one arriving from the renderer, so nothing unchecked reaches the engine.
function toItem(r: Row): SavedItem {
  const raw = parseJson(r.definition);
  const checked = raw.ok ? checkDefinition(r.type, raw.value) : null;
  if (!checked?.ok) {
    const why = checked ? checked.why : "its definition is not JSON";
    throw new StrataError("corrupt", `the saved ${r.type} "${r.name}" (${r.id}) is damaged: ${why}`);
  }
  const last = r.last_result === null ? null : parseJson(r.last_result);
  // a last result is a cache: one nested past any result Strata makes (a hostile file) is dropped,
  // since printing or sending it would overflow the stack
  const lastResult =
    last?.ok && jsonDepth(last.value, MAX_RESULT_DEPTH) <= MAX_RESULT_DEPTH ? last.value : null;
  return {
    ...checked.value,
    id: r.id,
    name: r.name,
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

function validDefinition(type: SavedType, definition: unknown): SavedDefinition {
  const checked = checkDefinition(type, definition);
  if (!checked.ok) throw new StrataError("invalid_request", checked.why);
  return checked.value;
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
        VALUES (${newId}, ${def.type}, ${name}, ${JSON.stringify(def.definition)}, ${now}, ${now})`,
  );
  return getSaved(db, newId);
}

/** A new name, a new definition told apart by its item type, or both (a rename has no type). */
export type SavedPatch = { name?: string | undefined } & ({ type?: undefined } | SavedDefinition);

export function updateSaved(db: Database.Database, id: string, patch: SavedPatch): SavedItem {
  const cur = getSaved(db, id);
  const name = patch.name ?? cur.name;
  if (patch.type !== undefined && patch.type !== cur.type)
    throw new StrataError(
      "invalid_request",
      `type: "${cur.name}" is a saved ${cur.type}, it cannot take a ${patch.type}'s definition`,
    );
  // validated again here too: a caller inside main has no wire schema in front of it
  const def =
    patch.type === undefined ? cur.definition : validDefinition(cur.type, patch.definition).definition;
  const changed = patch.type !== undefined;
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
  const users = itemsReferring(db, id);
  if (users.length > 0) {
    throw new StrataError(
      "invalid_request",
      `cannot delete: ${users.map((u) => `${u.type === "segment" ? "segment" : "report"} "${u.name}"`).join(", ")} ${users.length === 1 ? "uses" : "use"} this segment; change or delete ${users.length === 1 ? "it" : "them"} first`,
    );
  }
  const r = run(db, sql`DELETE FROM saved_items WHERE id = ${id}`);
  if (r.changes === 0) throw new StrataError("not_found", `no saved segment or report with id ${id}`);
}

/**
 * The saved segments and reports whose definition refers to the segment `id` (segments first). Read
 * from the stored JSON, not through validation, so that an item damaged in some other way still keeps
 * the segment it names from being deleted under it.
 */
function itemsReferring(db: Database.Database, id: string): Pick<Row, "type" | "name">[] {
  const rows = all<Pick<Row, "type" | "name" | "definition">>(
    db,
    sql`SELECT type, name, definition FROM saved_items WHERE id <> ${id}
        ORDER BY type = 'segment' DESC, name COLLATE NOCASE`,
  );
  return rows.filter((row) => {
    const parsed = parseJson(row.definition);
    return parsed.ok && refersToSegment(parsed.value, id);
  });
}

export function storeLastResult(db: Database.Database, id: string, result: unknown): void {
  run(db, sql`UPDATE saved_items SET last_result = ${JSON.stringify(result)} WHERE id = ${id}`);
}
