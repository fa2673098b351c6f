import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { QueryEngine } from "../../../src-main/engine/index.ts";
import type { Member } from "../../../src-main/export/identity.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import {
  isAnswerOf,
  isQueryOf,
  type Query,
  type QueryAnswer,
  type QueryKind,
  type QueryOf,
  type ResultOf,
} from "../../../src-preload/contract/query-kinds.ts";
import type { SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "strata-export-"));
}

/** A workspace holding these users (attributes as stored by a user import, catalog included). */
export function workspaceWith(dir: string, members: readonly Member[]): Workspace {
  const ws = Workspace.create(path.join(dir, "ws.strata"));
  const insert = ws.db.prepare("INSERT INTO users (external_id, attributes) VALUES (?, ?)");
  const prop = ws.db.prepare(
    "INSERT INTO user_properties (name, type, count) VALUES (?, 'string', 1) ON CONFLICT (name) DO UPDATE SET count = count + 1",
  );
  ws.db.transaction(() => {
    for (const m of members) {
      insert.run(m.externalId, JSON.stringify(m.attributes));
      for (const k of Object.keys(m.attributes)) prop.run(k);
    }
  })();
  return ws;
}

/** What a test asked the fake engine: a query, or a segment's member ids. */
export type EngineCall = Query | { memberIds: Segment };

/**
 * Stands in for the columnar engine over the users of workspaceWith (inserted in order, so user i
 * has users.id i + 1): answers segmentMembers in pages and memberIds for
 * `{"attribute": {property, op: "eq"}}` segments, and records every request.
 */
export function fakeEngine(members: readonly Member[]): QueryEngine & { calls: EngineCall[] } {
  const calls: EngineCall[] = [];
  const hits = (segment: Segment) => {
    const seg = segment as { attribute: { property: string; value: unknown } };
    return members.filter((m) => m.attributes[seg.attribute.property] === seg.attribute.value);
  };
  return {
    calls,
    async memberIds(segment: Segment) {
      calls.push({ memberIds: segment });
      const hit = new Set(hits(segment));
      return Int32Array.from(members.flatMap((m, i) => (hit.has(m) ? [i + 1] : [])));
    },
    async run<K extends QueryKind>(query: QueryOf<K>): Promise<ResultOf<K>> {
      calls.push(query);
      const q: Query = query;
      if (!isQueryOf(q, "segmentMembers")) throw new Error(`unexpected ${q.kind}`);
      const hit = hits(q.segment);
      const offset = q.offset ?? 0;
      const page = hit.slice(offset, offset + (q.limit ?? hit.length));
      const result: SegmentMembersResult = {
        total: hit.length,
        rows: page.map((m) => ({
          userId: m.externalId,
          firstSeen: null,
          lastSeen: null,
          events: 0,
          attributes: Object.fromEntries(
            (q.attributes ?? []).flatMap((k) =>
              m.attributes[k] === undefined ? [] : [[k, m.attributes[k] ?? null]],
            ),
          ),
        })),
      };
      const answer: QueryAnswer = { kind: "segmentMembers", result };
      if (!isAnswerOf(answer, query.kind)) throw new Error(`unexpected ${query.kind}`);
      return answer.result;
    },
    invalidate() {},
    async close() {},
  };
}
