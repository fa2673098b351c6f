import type { SegmentMembersQuery } from "../../src-preload/contract/queries.ts";
import type { MemberRow, SegmentMembersResult } from "../../src-preload/contract/results.ts";
import { columnValue } from "./columns/types.ts";
import type { EngineContext } from "./context.ts";
import { userColumnIn } from "./send-time/columns.ts";
import { outOfBounds } from "./typed-index.ts";

export const DEFAULT_MEMBERS_LIMIT = 100;

/**
 * The users.id of every member in the context's slice of users, ascending (user indexes follow
 * users.id). On its own ArrayBuffer so that a worker can transfer it instead of copying.
 */
export function memberIdsOf(ctx: EngineContext, members: Uint8Array): Int32Array<ArrayBuffer> {
  const { tl } = ctx;
  let n = 0;
  for (let u = ctx.u0; u < ctx.u1; u++) if (members[u] !== 0) n++;
  const ids = new Int32Array(n);
  let k = 0;
  for (let u = ctx.u0; u < ctx.u1; u++) if (members[u] !== 0) ids[k++] = tl.userIds[u] ?? outOfBounds();
  return ids;
}

/** A page of a segment's members, in the order users first appeared in the workspace. */
export function memberRows(
  ctx: EngineContext,
  query: SegmentMembersQuery,
  members: Uint8Array,
): SegmentMembersResult {
  const { tl } = ctx;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_MEMBERS_LIMIT;
  const page: number[] = [];
  let total = 0;
  for (let user = 0; user < tl.nUsers; user++) {
    if (members[user] === 0) continue;
    if (total >= offset && page.length < limit) page.push(user);
    total++;
  }
  const ids = tl.externalIds(page);
  const cols = (query.attributes ?? []).map((name) => [name, userColumnIn(ctx, name)] as const);
  const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());
  const rows: MemberRow[] = page.map((u, k) => {
    const a = tl.userOffsets[u] ?? outOfBounds();
    const b = tl.userOffsets[u + 1] ?? outOfBounds();
    const attributes: MemberRow["attributes"] = {};
    for (const [name, col] of cols) attributes[name] = columnValue(col, u);
    return {
      userId: ids[k] ?? outOfBounds(),
      firstSeen: a < b ? iso(tl.times[a]) : null,
      lastSeen: a < b ? iso(tl.times[b - 1]) : null,
      events: b - a,
      attributes,
    };
  });
  return { total, rows };
}
