import { expect, it } from "vitest";
import { Hits } from "../../../src-main/engine/trends/hits.ts";

// The trends scan's first hits, kept in chunks: every triple pushed comes back, in order, across
// the chunks' edges.

it("gives back every pushed triple in order, across chunks", () => {
  const hits = new Hits();
  const n = 200_000;
  for (let i = 0; i < n; i++) hits.push(i, i % 7, i % 90);
  expect(hits.n).toBe(n);
  const back: number[] = [];
  for (const triples of hits.chunks()) for (const x of triples) back.push(x);
  expect(back.length).toBe(3 * n);
  for (let i = 0; i < n; i++) {
    if (back[3 * i] !== i || back[3 * i + 1] !== i % 7 || back[3 * i + 2] !== i % 90)
      throw new Error(`triple ${i} came back as ${back.slice(3 * i, 3 * i + 3).join()}`);
  }
  expect(new Hits().chunks().flatMap((c) => [...c])).toEqual([]);
});
