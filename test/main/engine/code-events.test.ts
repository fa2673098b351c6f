import { afterEach, expect, it } from "vitest";
import { codeAmounts, codeEvents } from "../../../src-main/engine/columns/code-events.ts";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { TAG_NUMBER } from "../../../src-main/engine/columns/types.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// One event code's own copy of its events (rfm's scan reads it instead of the timeline): the events
// of a slice of users in timeline order, the share above which there is no copy, and the amounts.

let j: Journeys | undefined;
afterEach(() => j?.close());

function workspace(): Journeys {
  return journeys({
    ann: [
      ["view", "2024-06-01T10:00Z"],
      ["buy", "2024-06-01T11:00Z", { price: 5 }],
      ["view", "2024-06-02T10:00Z"],
      ["buy", "2024-06-03T10:00Z", { price: "free" }],
    ],
    bob: [
      ["view", "2024-06-01T09:00Z"],
      ["view", "2024-06-04T09:00Z"],
    ],
    cy: [
      ["buy", "2024-06-05T12:00Z", { price: 2.5 }],
      ["view", "2024-06-06T12:00Z", { price: 7 }],
    ],
  });
}

it("copies a code's events of a slice, in timeline order, with their users and times", () => {
  j = workspace();
  const tl = openTimeline(j.ws.db);
  const buy = tl.eventCode("buy");
  const all = codeEvents(tl, buy, 0, tl.nUsers, { maxShare: 1, onReuse: false });
  if (!all) throw new Error("no copy at a share of 1");
  const slow = [];
  for (let user = 0; user < tl.nUsers; user++)
    for (let pos = tl.userOffsets[user] ?? 0; pos < (tl.userOffsets[user + 1] ?? 0); pos++)
      if (tl.eventCodes[pos] === buy) slow.push({ pos, user, time: tl.times[pos] });
  expect(Array.from(all.positions)).toEqual(slow.map((e) => e.pos));
  expect(Array.from(all.users)).toEqual(slow.map((e) => e.user));
  expect(Array.from(all.times)).toEqual(slow.map((e) => e.time));
  // a slice holds its own users' events only
  const last = codeEvents(tl, buy, tl.nUsers - 1, tl.nUsers, { maxShare: 1, onReuse: false });
  expect(Array.from(last?.positions ?? [])).toEqual(
    slow.filter((e) => e.user === tl.nUsers - 1).map((e) => e.pos),
  );
  // kept: the same copy for the same slice
  expect(codeEvents(tl, buy, 0, tl.nUsers, { maxShare: 1, onReuse: false })).toBe(all);
});

it("makes no copy of an event above the share, and counts the share in the slice", () => {
  j = workspace();
  const tl = openTimeline(j.ws.db);
  const buy = tl.eventCode("buy");
  // 3 buys of 8 events
  expect(codeEvents(tl, buy, 0, tl.nUsers, { maxShare: 2.9 / 8, onReuse: false })).toBeNull();
  expect(codeEvents(tl, buy, 0, tl.nUsers, { maxShare: 3 / 8, onReuse: false })).not.toBeNull();
  // bob's slice has no buy: an empty copy
  const bob = tl.userIndexOf(
    Number(j.ws.db.prepare("SELECT id FROM users WHERE external_id = 'bob'").pluck().get()),
  );
  expect(codeEvents(tl, buy, bob, bob + 1, { maxShare: 1 / 8, onReuse: false })?.positions.length).toBe(0);
});

it("reads a property's amounts of the copied events: numbers, else 0", () => {
  j = workspace();
  const tl = openTimeline(j.ws.db);
  const all = codeEvents(tl, tl.eventCode("buy"), 0, tl.nUsers, { maxShare: 1, onReuse: false });
  if (!all) throw new Error("no copy at a share of 1");
  const price = tl.propColumn("price");
  const values = tl.propValues("price");
  const amounts = codeAmounts(values, all);
  // ann's 5 and "free" (a string: 0), cy's 2.5, in user order
  expect([...amounts].sort((a, b) => a - b)).toEqual([0, 2.5, 5]);
  expect(
    Array.from(all.positions).map((pos) => (price.tag[pos] === TAG_NUMBER ? price.num[pos] : 0)),
  ).toEqual(Array.from(amounts));
  expect(codeAmounts(values, all)).toBe(amounts);
});

it("with onReuse, copies a slice's events the second time they are asked for, not the first", () => {
  j = workspace();
  const tl = openTimeline(j.ws.db);
  const buy = tl.eventCode("buy");
  const policy = { maxShare: 1, onReuse: true };
  expect(codeEvents(tl, buy, 0, tl.nUsers, policy)).toBeNull();
  // another slice is asked for on its own
  expect(codeEvents(tl, buy, 1, tl.nUsers, policy)).toBeNull();
  const second = codeEvents(tl, buy, 0, tl.nUsers, policy);
  expect(second?.positions.length).toBe(3);
  expect(codeEvents(tl, buy, 0, tl.nUsers, policy)).toBe(second);
});
