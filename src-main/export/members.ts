import type Database from "better-sqlite3";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { all, get, sql } from "../db/sql.ts";
import { mergedUsers } from "../engine/columns/identity.ts";
import type { QueryEngine } from "../engine/index.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import type { AttrValue, Member } from "./identity.ts";

// Where a segment's members come from. The engine decides membership (one evaluation, member ids
// only); the members' rows are read in pages so that a million-member segment never sits in memory.
//
// The one exception is the segment that is literally everyone (`{"all": []}`: "an empty `all` is
// every user" in spec/queries.md): its members are exactly the users table, read in id order.

export interface MemberPage {
  /** members in the whole segment */
  total: number;
  members: Member[];
}

export type MemberPages = AsyncGenerator<MemberPage, void, void>;

export function isEveryone(segment: Segment): boolean {
  return "all" in segment && Array.isArray(segment.all) && segment.all.length === 0;
}

/** The user attribute names present in the workspace (the catalog kept by imports). */
export function knownAttributes(db: Database.Database): string[] {
  return all<{ name: string }>(db, sql`SELECT name FROM user_properties ORDER BY name`).map((r) => r.name);
}

type Attrs = Record<string, AttrValue>;

// Attributes live in objects without a prototype: an attribute asked for by name ("constructor",
// "toString") must never read an inherited built-in, and "__proto__" must stay an ordinary key.
function parseAttributes(json: string | null): Attrs {
  const attrs: Attrs = Object.create(null);
  if (json === null) return attrs;
  try {
    const v: unknown = JSON.parse(json);
    if (v !== null && typeof v === "object" && !Array.isArray(v)) Object.assign(attrs, v);
  } catch {
    // an unreadable attributes cell exports as a user without attributes
  }
  return attrs;
}

/** Every user of the workspace, in pages by id (keyset paging: no OFFSET re-scans). */
export async function* everyUser(db: Database.Database, pageSize: number): MemberPages {
  // anonymous ids merged into an identified user are that user (identity merge), not rows of their own
  const merged = mergedUsers(db);
  const total = (get<{ n: number }>(db, sql`SELECT count(*) AS n FROM users`)?.n ?? 0) - merged.size;
  let after = 0;
  for (;;) {
    const rows = all<{ id: number; external_id: string; attributes: string | null }>(
      db,
      sql`SELECT id, external_id, attributes FROM users WHERE id > ${after} ORDER BY id LIMIT ${pageSize}`,
    );
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as { id: number }).id;
    yield {
      total,
      members: rows
        .filter((r) => !merged.has(r.id))
        .map((r) => ({ id: r.id, externalId: r.external_id, attributes: parseAttributes(r.attributes) })),
    };
    if (rows.length < pageSize) return;
  }
}

/**
 * The segment's members as the engine computes them, `pageSize` at a time. The engine evaluates the
 * segment once and answers with the members' users.id (ascending, the order segmentMembers lists
 * them in); each page's rows are then read from the users table by id in one statement, so memory
 * holds the id array (4 bytes a member) and one page of rows, never the whole segment's rows.
 */
export async function* engineMembers(
  db: Database.Database,
  engine: QueryEngine,
  segment: Segment,
  pageSize: number,
  signal?: AbortSignal,
  timezone?: string,
): MemberPages {
  const ids = await engine.memberIds(segment, signal, timezone);
  for (let at = 0; at < ids.length; at += pageSize) {
    const page = ids.subarray(at, at + pageSize);
    const first = page[0] ?? outOfBounds();
    const last = page[page.length - 1] ?? outOfBounds();
    // ids are ascending and distinct: a page without gaps is a range (a third faster than the list)
    const rows = all<{ id: number; external_id: string; attributes: string | null }>(
      db,
      last - first + 1 === page.length
        ? sql`SELECT id, external_id, attributes FROM users WHERE id BETWEEN ${first} AND ${last} ORDER BY id`
        : sql`SELECT id, external_id, attributes FROM users WHERE id IN (SELECT value FROM json_each(${`[${page.join(",")}]`})) ORDER BY id`,
    );
    yield {
      total: ids.length,
      members: rows.map((r) => ({
        id: r.id,
        externalId: r.external_id,
        attributes: parseAttributes(r.attributes),
      })),
    };
  }
}

export function memberPages(
  db: Database.Database,
  engine: () => QueryEngine,
  segment: Segment,
  pageSize: number,
  signal?: AbortSignal,
  timezone?: string,
): MemberPages {
  return isEveryone(segment)
    ? everyUser(db, pageSize)
    : engineMembers(db, engine(), segment, pageSize, signal, timezone);
}
