import { expect, it } from "vitest";
import { Hits } from "../../../src-main/engine/trends/scan.ts";

// The trends scan's first hits start with room for one a user and grow past it: every triple
// pushed is kept, in order, however many there are.

it("keeps every pushed triple in order past its first room", () => {
  const hits = new Hits(3);
  const n = 5000;
  for (let i = 0; i < n; i++) hits.push(i, i % 7, i % 90);
  expect(hits.n).toBe(n);
  for (const i of [0, 1023, 1024, 2047, 2048, n - 1]) {
    expect([hits.user[i], hits.value[i], hits.bucket[i]]).toEqual([i, i % 7, i % 90]);
  }
});
