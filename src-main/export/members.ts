import type Database from "better-sqlite3";
import type { SegmentMembersResult } from "../../src-preload/contract/results.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { all, get, sql } from "../db/sql.ts";
import type { QueryEngine } from "../engine/index.ts";
import type { AttrValue, Member } from "./identity.ts";

// Where a segment's members come from. The engine decides membership; the members are read in
// pages so that a million-member segment never sits in memory at once.
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

function parseAttributes(json: string | null): Attrs {
  if (json === null) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Attrs) : {};
  } catch {
    return {};
  }
}

/** Every user of the workspace, in pages by id (keyset paging: no OFFSET re-scans). */
export async function* everyUser(db: Database.Database, pageSize: number): MemberPages {
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM users`)?.n ?? 0;
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
      members: rows.map((r) => ({ externalId: r.external_id, attributes: parseAttributes(r.attributes) })),
    };
    if (rows.length < pageSize) return;
  }
}

/** Attributes of these users, read from the users table in one statement (ids bound as one JSON array). */
function attributesOf(db: Database.Database, ids: string[]): Map<string, Attrs> {
  const rows = all<{ external_id: string; attributes: string | null }>(
    db,
    sql`SELECT external_id, attributes FROM users WHERE external_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );
  return new Map(rows.map((r) => [r.external_id, parseAttributes(r.attributes)]));
}

/**
 * The segment's members as the engine computes them, `pageSize` at a time. The engine answers with
 * the member ids only; their attributes are read from the users table by id, one statement per page,
 * which costs one JSON parse per member instead of the engine loading a column per attribute.
 */
export async function* engineMembers(
  db: Database.Database,
  engine: QueryEngine,
  segment: Segment,
  pageSize: number,
  signal?: AbortSignal,
): MemberPages {
  let offset = 0;
  for (;;) {
    const r = (await engine.run(
      { kind: "segmentMembers", segment, attributes: [], limit: pageSize, offset },
      signal,
    )) as SegmentMembersResult;
    if (r.rows.length === 0) return;
    const ids = r.rows.map((m) => m.userId);
    const attrs = attributesOf(db, ids);
    yield { total: r.total, members: ids.map((id) => ({ externalId: id, attributes: attrs.get(id) ?? {} })) };
    offset += r.rows.length;
    if (r.rows.length < pageSize || offset >= r.total) return;
  }
}

export function memberPages(
  db: Database.Database,
  engine: () => QueryEngine,
  segment: Segment,
  pageSize: number,
  signal?: AbortSignal,
): MemberPages {
  return isEveryone(segment)
    ? everyUser(db, pageSize)
    : engineMembers(db, engine(), segment, pageSize, signal);
}
