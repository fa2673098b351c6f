import { StrataError } from "../../src-preload/contract/errors.ts";
import type { TimelineEvent } from "../../src-preload/contract/methods/catalog.ts";
import { all, get, sql } from "../db/sql.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { columnsOf } from "./catalog.ts";

const iso = (ms: number) => new Date(ms).toISOString();

/** A user's attributes and latest events (newest first). */
export function userTimeline(
  ws: Workspace,
  userId: string,
  limit = 100,
): { userId: string; attributes: Record<string, unknown>; events: TimelineEvent[] } {
  const u = get<{ id: number; attributes: string | null; created_at: number | null }>(
    ws.db,
    sql`SELECT id, attributes, created_at FROM users WHERE external_id = ${userId}`,
  );
  if (!u) throw new StrataError("not_found", `there is no user "${userId}"`);
  const attributes: Record<string, unknown> = u.attributes ? JSON.parse(u.attributes) : {};
  if (u.created_at !== null && attributes.created_at === undefined) attributes.created_at = iso(u.created_at);
  // The saved columns list each user's events by seq, so the rows are fetched by primary key
  // instead of scanning the events table (which has no index by user).
  let seqs: number[] | null = null;
  const tl = columnsOf(ws);
  if (tl) {
    const idx = lowerBound(tl.userIds, u.id);
    if (idx < tl.userIds.length && tl.userIds[idx] === u.id) {
      const from = tl.userOffsets[idx] as number;
      const to = tl.userOffsets[idx + 1] as number;
      seqs = Array.from(tl.seqs.subarray(Math.max(from, to - limit), to));
    } else seqs = [];
  }
  const rows =
    seqs === null
      ? all<{ name: string; time: number; properties: string | null }>(
          ws.db,
          sql`SELECT n.name, e.time, e.properties FROM events e JOIN event_names n ON n.id = e.event_id
              WHERE e.user_id = ${u.id} ORDER BY e.time DESC, e.seq DESC LIMIT ${limit}`,
        )
      : all<{ name: string; time: number; properties: string | null }>(
          ws.db,
          sql`SELECT n.name, e.time, e.properties FROM events e JOIN event_names n ON n.id = e.event_id
              WHERE e.seq IN (SELECT value FROM json_each(${JSON.stringify(seqs)}))
              ORDER BY e.time DESC, e.seq DESC`,
        );
  return {
    userId,
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
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
