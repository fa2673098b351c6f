import { expect, it } from "vitest";
import { Hits } from "../../../src-main/engine/trends/hits.ts";

// The trends scan's first hits: a user who met several values keeps every hit, in order, across the
// chunks' edges; a user who met one value only is counted under it instead.

it("keeps every hit of the users who met several values, in order, across chunks", () => {
  const hits = new Hits(90);
  const n = 100_000;
  const want: number[] = [];
  for (let user = 0; user < n; user++) {
    // more hits than the first pending buffer holds for some users
    const many = user % 1000 === 0 ? 70 : 2;
    for (let k = 0; k < many; k++) {
      const value = (user + k) % 7;
      const bucket = (user + k) % 90;
      hits.hit(value, bucket);
      want.push(user, value, bucket);
    }
    hits.endUser(user);
  }
  const back: number[] = [];
  for (const triples of hits.chunks()) for (const x of triples) back.push(x);
  expect(back.length).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (back[i] !== want[i])
      throw new Error(`value ${i} of the triples came back as ${back[i]}, not ${want[i]}`);
  expect(hits.single.filter(Boolean)).toEqual([]);
  expect(new Hits(3).chunks().flatMap((c) => [...c])).toEqual([]);
});

it("counts the users who met one value only under it, each new in their first bucket", () => {
  const hits = new Hits(4);
  // user 0: value 2 in buckets 1 and 3; user 1: value 2 in bucket 3; user 2: values 0 and 1
  hits.hit(2, 1);
  hits.hit(2, 3);
  hits.endUser(0);
  hits.hit(2, 3);
  hits.endUser(1);
  hits.hit(0, 0);
  hits.hit(1, 2);
  hits.endUser(2);
  // a user with no hit changes nothing
  hits.endUser(3);
  expect(hits.single[2]).toEqual({
    users: Float64Array.from([0, 1, 0, 2]),
    newUsers: Float64Array.from([0, 1, 0, 1]),
  });
  expect(hits.single.filter(Boolean).length).toBe(1);
  expect(hits.chunks().flatMap((c) => [...c])).toEqual([2, 0, 0, 2, 1, 2]);
});
