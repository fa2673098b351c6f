import { StrataError } from "../../src-preload/contract/errors.ts";
import type { UserTimeline } from "../../src-preload/contract/methods/catalog.ts";
import { all, get, sql } from "../db/sql.ts";
import { mergedUsers } from "../engine/columns/identity.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { columnsOf } from "./catalog.ts";

const iso = (ms: number) => new Date(ms).toISOString();

interface UserRow {
  id: number;
  external_id: string;
  attributes: string | null;
  created_at: number | null;
}

/**
 * A user's attributes and latest events (newest first). With identity merge on, the id of an
 * anonymous user merged into an identified one shows that user, and a user's events include those
 * of the ids merged into it: the person every query counts.
 */
export function userTimeline(ws: Workspace, userId: string, limit = 100): UserTimeline {
  const byId = (ext: string) =>
    get<UserRow>(
      ws.db,
      sql`SELECT id, external_id, attributes, created_at FROM users WHERE external_id = ${ext}`,
    );
  const merged = mergedUsers(ws.db);
  // an anonymous id seen only beside an identified one (never a user of its own) is that user
  const linked =
    merged.size > 0
      ? get<{ user_id: string }>(ws.db, sql`SELECT user_id FROM identities WHERE anon_id = ${userId}`)
      : undefined;
  const own = byId(userId);
  const looked = own ?? (linked ? byId(linked.user_id) : undefined);
  if (!looked) throw new StrataError("not_found", `there is no user "${userId}"`);
  const rootId = merged.get(looked.id);
  const user =
    rootId === undefined
      ? looked
      : (get<UserRow>(
          ws.db,
          sql`SELECT id, external_id, attributes, created_at FROM users WHERE id = ${rootId}`,
        ) ?? looked);
  const members = [user.id];
  for (const [anon, root] of merged) if (root === user.id) members.push(anon);
  const attributes: Record<string, unknown> = user.attributes ? JSON.parse(user.attributes) : {};
  if (user.created_at !== null && attributes.created_at === undefined)
    attributes.created_at = iso(user.created_at);
  // The saved columns list each user's events by seq (a merged user's under the person), so the
  // rows are fetched by primary key instead of scanning the events table (no index by user).
  let seqs: number[] | null = null;
  const tl = columnsOf(ws);
  if (tl) {
    const idx = lowerBound(tl.userIds, user.id);
    if (idx < tl.userIds.length && tl.userIds[idx] === user.id) {
      const from = tl.userOffsets[idx] ?? outOfBounds();
      const to = tl.userOffsets[idx + 1] ?? outOfBounds();
      seqs = Array.from(tl.seqs.subarray(Math.max(from, to - limit), to));
    } else seqs = [];
  }
  const rows =
    seqs === null
      ? all<{ name: string; time: number; properties: string | null }>(
          ws.db,
          sql`SELECT n.name, e.time, e.properties FROM events e JOIN event_names n ON n.id = e.event_id
              WHERE e.user_id IN (SELECT value FROM json_each(${JSON.stringify(members)}))
              ORDER BY e.time DESC, e.seq DESC LIMIT ${limit}`,
        )
      : all<{ name: string; time: number; properties: string | null }>(
          ws.db,
          sql`SELECT n.name, e.time, e.properties FROM events e JOIN event_names n ON n.id = e.event_id
              WHERE e.seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)}))
              ORDER BY e.time DESC, e.seq DESC`,
        );
  const mergedIds =
    members.length > 1
      ? all<{ external_id: string }>(
          ws.db,
          sql`SELECT external_id FROM users WHERE id IN (SELECT value FROM json_each(${JSON.stringify(members.slice(1))}))
              ORDER BY id`,
        ).map((r) => r.external_id)
      : [];
  return {
    userId: user.external_id,
    mergedFrom: user.external_id === userId ? null : userId,
    mergedIds,
    attributes,
    events: rows.map((r) => ({
      event: r.name,
      time: new Date(r.time).toISOString(),
      properties: r.properties ? (JSON.parse(r.properties) as Record<string, unknown>) : {},
    })),
  };
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] ?? outOfBounds()) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
