import type { SegmentMembersQuery } from "../../../src-preload/contract/queries.ts";
import type { MemberRow, SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import { DEFAULT_MEMBERS_LIMIT } from "../../engine/members.ts";
import type { ChClient } from "../http.ts";
import { noteProperty } from "../known-properties.ts";
import { str } from "../literal.ts";
import type { ChContext } from "./context.ts";
import { refuseComputedAttribute } from "./filters.ts";
import { segmentSql } from "./segment.ts";

// segmentMembers as engine/members.ts: members in users.id order, one page of them with their
// first and last event, event count and the asked attributes.

interface PageRow {
  user: number;
  external_id: string;
  vals: [number, number, string][];
}

export async function runMembersOn(
  ch: ChClient,
  ctx: ChContext,
  query: SegmentMembersQuery,
  signal?: AbortSignal,
): Promise<SegmentMembersResult> {
  const seg = segmentSql(ctx, query.segment);
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_MEMBERS_LIMIT;
  const [totalRow] = await ch.rows<{ n: number }>(`SELECT countIf(${seg}) AS n FROM users FINAL`, {}, signal);
  const names = query.attributes ?? [];
  names.forEach((n, i) => {
    refuseComputedAttribute(n, `attributes[${i}]`);
  });
  const vals = names.map((n) => {
    noteProperty("user", n);
    const keySlotSql = `indexOf(a_keys, ${str(n)})`;
    return `(a_types[${keySlotSql}], a_num[${keySlotSql}], a_str[${keySlotSql}])`;
  });
  const page =
    limit === 0
      ? []
      : await ch.rows<PageRow>(
          `SELECT user, external_id, [${vals.join(", ")}] AS vals FROM users FINAL WHERE ${seg}
           ORDER BY user LIMIT ${offset}, ${limit}`,
          {},
          signal,
        );
  const stats = new Map<number, { a: number; b: number; n: number }>();
  if (page.length > 0) {
    const ids = page.map((r) => r.user).join(",");
    for (const userStats of await ch.rows<{ user: number; a: number; b: number; n: number }>(
      `SELECT user, min(time) AS a, max(time) AS b, count() AS n FROM events WHERE user IN (${ids}) GROUP BY user`,
      {},
      signal,
    ))
      stats.set(userStats.user, userStats);
  }
  const iso = (x: number | undefined) => (x === undefined ? null : new Date(x).toISOString());
  const rows: MemberRow[] = page.map((r) => {
    const s = stats.get(r.user);
    const attributes: MemberRow["attributes"] = {};
    names.forEach((name, k) => {
      const [tag, num, text] = r.vals[k] ?? [0, 0, ""];
      attributes[name] = tag === 1 ? num : tag === 2 ? text : tag === 3 ? num === 1 : null;
    });
    return {
      userId: r.external_id,
      firstSeen: iso(s?.a),
      lastSeen: iso(s?.b),
      events: s?.n ?? 0,
      attributes,
    };
  });
  return { total: totalRow?.n ?? 0, rows };
}
