import { afterEach, describe, expect, it } from "vitest";
import { createEngine, InProcessEngine } from "../../../src-main/engine/index.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import type { SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import { Segment } from "../../../src-preload/contract/segment.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// memberIds is what an export reads a segment through: one evaluation, users.id ascending. It must
// name exactly the users segmentMembers lists (no limit), in the same order, whether the engine runs
// in-process or splits users between two workers.

let j: Journeys | undefined;
afterEach(() => j?.close());

function shop(): Journeys {
  return journeys({
    bought_twice: {
      events: [
        ["view", "2024-06-01T10:00Z"],
        ["buy", "2024-06-01T10:05Z", { amount: 30 }],
        ["buy", "2024-06-03T09:00Z", { amount: 12 }],
      ],
      attributes: { plan: "pro" },
    },
    only_viewed: [["view", "2024-06-02T08:00Z"]],
    never_came_back: { attributes: { plan: "pro" } },
    bought_once: [
      ["signup", "2024-06-01T07:00Z"],
      ["buy", "2024-06-04T12:00Z", { amount: 99 }],
    ],
    signed_up_only: [["signup", "2024-06-05T07:00Z"]],
    viewed_then_bought: [
      ["view", "2024-06-06T10:00Z"],
      ["buy", "2024-06-06T10:30Z", { amount: 5 }],
    ],
  });
}

const SEGMENTS = [
  { performed: { event: "buy" } },
  { not: { performed: { event: "buy" } } },
  { performed: { event: "buy" }, count: { op: "gte", value: 2 } },
  { all: [{ performed: { event: "view" } }, { performed: { event: "buy" } }] },
  { attribute: { property: "plan", op: "eq", value: "pro" } },
  { all: [] },
  { performed: { event: "refund" } },
].map((s) => parseOrThrow(Segment, s));

/** users.id of the users segmentMembers lists, in its order. */
async function listedIds(j: Journeys, engine: InProcessEngine, segment: Segment): Promise<number[]> {
  const r = (await engine.run(
    parseOrThrow(Query, { kind: "segmentMembers", segment, limit: 1_000_000 }),
  )) as SegmentMembersResult;
  const id = j.ws.db.prepare("SELECT id FROM users WHERE external_id = ?").pluck();
  return r.rows.map((m) => id.get(m.userId) as number);
}

describe("QueryEngine.memberIds", () => {
  it("names the users segmentMembers lists, ascending, in-process and across two workers", async () => {
    j = shop();
    const local = new InProcessEngine(j.ws.db);
    const pooled = createEngine(j.ws, { workers: 2 });
    try {
      for (const segment of SEGMENTS) {
        const expected = await listedIds(j, local, segment);
        expect(Array.from(await local.memberIds(segment))).toEqual(expected);
        expect(Array.from(await pooled.memberIds(segment))).toEqual(expected);
      }
    } finally {
      await pooled.close();
    }
  });

  it("gives the buyers by their users.id", async () => {
    j = shop();
    const local = new InProcessEngine(j.ws.db);
    const ids = await local.memberIds(parseOrThrow(Segment, { performed: { event: "buy" } }));
    const names = j.ws.db.prepare("SELECT external_id FROM users WHERE id = ?").pluck();
    expect(Array.from(ids, (id) => names.get(id))).toEqual([
      "bought_twice",
      "bought_once",
      "viewed_then_bought",
    ]);
  });

  it("rejects as cancelled when the signal is already aborted", async () => {
    j = shop();
    const pooled = createEngine(j.ws, { workers: 2 });
    try {
      const ctl = new AbortController();
      ctl.abort();
      await expect(pooled.memberIds(parseOrThrow(Segment, { all: [] }), ctl.signal)).rejects.toMatchObject({
        code: "cancelled",
      });
    } finally {
      await pooled.close();
    }
  });

  it("reads a day condition in the zone it is given, in-process and across two workers", async () => {
    j = shop();
    const local = new InProcessEngine(j.ws.db);
    const pooled = createEngine(j.ws, { workers: 2 });
    try {
      // only_viewed's 08:00Z on 2 June is 22:00 on 1 June in Honolulu
      const onJune1 = parseOrThrow(Segment, {
        performed: { event: "view" },
        within: { from: "2024-06-01", to: "2024-06-01" },
      });
      const names = j.ws.db.prepare("SELECT external_id FROM users WHERE id = ?").pluck();
      const who = (ids: Int32Array) => Array.from(ids, (id) => names.get(id));
      for (const engine of [local, pooled]) {
        expect(who(await engine.memberIds(onJune1))).toEqual(["bought_twice"]);
        expect(who(await engine.memberIds(onJune1, undefined, "Pacific/Honolulu"))).toEqual([
          "bought_twice",
          "only_viewed",
        ]);
      }
    } finally {
      await pooled.close();
    }
  });
});
