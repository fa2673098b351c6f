import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { PathsResult, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import type { SegmentCountResult } from "../../../src-preload/contract/results.ts";
import { journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../engine/run-query.ts";

// A click on a node, a link or a band becomes a segment whose size is the number on it.

const NAMES = ["home", "view", "cart", "buy"];
const spec: Record<string, [string, string][]> = {};
for (let u = 0; u < 40; u++) {
  const evs: [string, string][] = [];
  for (let k = 0; k < 1 + (u % 6); k++) {
    const name = NAMES[(u * 7 + k * ((u % 3) + 1)) % NAMES.length] as string;
    evs.push([name, new Date(Date.UTC(2024, 5, 1 + (u % 5) + (k > 3 ? 1 : 0), 10, k * 7)).toISOString()]);
  }
  spec[`u${u}`] = evs;
}
const j = journeys(spec);
afterAll(() => j.close());
const count = async (segment: object) =>
  (await runQuery<SegmentCountResult>(j, { kind: "segmentCount", segment })).users;

describe("paths and flow conditions", () => {
  it("every node and link of a paths answer, as a segment, has its users", async () => {
    const q = { kind: "paths" as const, range: { from: "2024-06-01", to: "2024-06-05" }, depth: 4, limit: 2 };
    const r = await runQuery<PathsResult>(j, q);
    expect(r.nodes.length).toBeGreaterThan(3);
    for (const n of r.nodes) expect(await count({ paths: q, step: n.step, event: n.event })).toBe(n.users);
    for (const l of r.links)
      expect(await count({ paths: q, step: l.step, event: l.from, to: l.to })).toBe(l.users);
    expect(await count({ paths: q, step: 0, event: "nothing" })).toBe(0);
  });

  it("every cell of a flow's matrices, as a segment, has its users", async () => {
    const q = {
      kind: "segmentFlow" as const,
      states: [
        { label: "Buyer", segment: { performed: { event: "buy" } } },
        {
          label: "Browser",
          segment: { performed: { event: "view" }, within: { last: 2, unit: "day" as const } },
        },
      ],
      at: ["2024-06-01", "2024-06-03", "2024-06-05"],
    };
    const r = await runQuery<SegmentFlowResult>(j, q);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1 }), fc.nat(3), fc.nat(3), async (i, x, y) => {
        const t = r.transitions[i];
        if (!t) return;
        const state = r.states[x] as string;
        const next = r.states[y] as string;
        expect(await count({ segmentFlow: q, at: t.from, state, next })).toBe(t.matrix[x]?.[y]);
        expect(await count({ segmentFlow: q, at: t.from, state })).toBe(r.counts[i]?.[x]);
      }),
      { numRuns: 20 },
    );
    await expect(count({ segmentFlow: q, at: "2024-06-02", state: "Buyer" })).rejects.toThrow(/segment.at/);
  });
});
