import { describe, expect, it } from "vitest";
import {
  defaultDraft,
  draftToQuery,
  type FunnelDraft,
  moveStep,
  optionalFor,
  queryToDraft,
  removeStep,
  setOrder,
  toggleOptional,
} from "../../../src-renderer/features/funnels/draft.ts";

const base = (): FunnelDraft => ({
  steps: [{ event: "a" }, { event: "b" }, { event: "c" }, { event: "d" }],
  window: { value: 7, unit: "day" },
  order: "ordered",
  exclusions: [{ event: { event: "x" }, fromStep: 1, toStep: 2 }],
  breakdown: null,
  holdConstant: [],
  optional: [],
});

describe("funnel draft reducers", () => {
  it("moves a step and keeps the exclusion between the same two steps", () => {
    const d = moveStep(base(), 0, 3); // b c d a
    expect(d.steps.map((s) => s.event)).toEqual(["b", "c", "d", "a"]);
    // b and c are now steps 0 and 1
    expect(d.exclusions).toEqual([{ event: { event: "x" }, fromStep: 0, toStep: 1 }]);
  });

  it("swaps exclusion bounds when a move puts its steps out of order", () => {
    const d = moveStep(base(), 2, 0); // c a b d: c (was toStep) is now before b
    expect(d.steps.map((s) => s.event)).toEqual(["c", "a", "b", "d"]);
    expect(d.exclusions[0]).toMatchObject({ fromStep: 0, toStep: 2 });
  });

  it("ignores moves out of bounds", () => {
    const b = base();
    expect(moveStep(b, 0, 9)).toBe(b);
    expect(moveStep(b, -1, 0)).toBe(b);
  });

  it("drops exclusions that pointed at a removed step and shifts the others", () => {
    const b = {
      ...base(),
      exclusions: [...base().exclusions, { event: { event: "y" }, fromStep: 2, toStep: 3 }],
    };
    const d = removeStep(b, 1);
    expect(d.steps.map((s) => s.event)).toEqual(["a", "c", "d"]);
    expect(d.exclusions).toEqual([{ event: { event: "y" }, fromStep: 1, toStep: 2 }]);
  });

  it("keeps a breakdown attributed to a step on the same step", () => {
    const b = { ...base(), breakdown: { property: "price", attribution: { step: 2 } } };
    expect(moveStep(b, 2, 0).breakdown?.attribution).toEqual({ step: 0 });
    expect(removeStep(b, 0).breakdown?.attribution).toEqual({ step: 1 });
    expect(removeStep(b, 2).breakdown).toEqual({ property: "price" });
    const first = { ...base(), breakdown: { property: "price", attribution: "firstTouch" as const } };
    expect(removeStep(first, 1).breakdown).toEqual(first.breakdown);
  });

  it("never removes the last remaining step", () => {
    const one = { ...base(), steps: [{ event: "a" }], exclusions: [] };
    expect(removeStep(one, 0).steps).toHaveLength(1);
  });

  it("widens exclusions to the whole funnel for unordered funnels", () => {
    const d = setOrder(base(), "unordered");
    expect(d.exclusions[0]).toMatchObject({ fromStep: 0, toStep: 3 });
  });

  it("builds a query with the top bar's scope and round-trips it", () => {
    const d = {
      ...base(),
      breakdown: { property: "country", scope: "user" as const, attribution: "lastTouch" as const },
    };
    const q = draftToQuery(d, {
      range: { from: "2024-06-01", to: "2024-06-30" },
      timezone: "Europe/Berlin",
      segment: { name: "s", definition: { all: [] } },
    });
    expect(q).toMatchObject({
      kind: "funnel",
      range: { from: "2024-06-01", to: "2024-06-30" },
      timezone: "Europe/Berlin",
      segment: { all: [] },
      order: "ordered",
    });
    expect(queryToDraft(q)).toEqual(d);
  });

  it("leaves out empty exclusions and absent breakdowns", () => {
    const q = draftToQuery(
      { ...base(), exclusions: [] },
      { range: { last: 7, unit: "day" }, timezone: null, segment: null },
    );
    expect("exclusions" in q).toBe(false);
    expect("breakdown" in q).toBe(false);
    expect("timezone" in q).toBe(false);
  });

  it("leaves filters still being written out of the query", () => {
    const d: FunnelDraft = {
      ...base(),
      exclusions: [],
      steps: [
        { event: "a", where: [{ property: "", op: "eq", value: "" }] },
        {
          event: "b",
          where: [
            { property: "price", op: "gt", value: 5 },
            { property: "", op: "eq", value: "" },
          ],
        },
      ],
    };
    const q = draftToQuery(d, { range: { last: 7, unit: "day" }, timezone: null, segment: null });
    expect(q.steps).toEqual([
      { event: "a" },
      { event: "b", where: [{ property: "price", op: "gt", value: 5 }] },
    ]);
  });

  it("proposes a shopping funnel from the catalog when it can", () => {
    const d = defaultDraft(["purchase", "login", "view_item", "add_to_cart"]);
    expect(d.steps.map((s) => s.event)).toEqual(["view_item", "add_to_cart", "purchase"]);
  });

  it("optional steps follow their step through moves and removals, and reach the query only when valid", () => {
    const g = { range: { from: "2024-06-01", to: "2024-06-30" }, timezone: "UTC", segment: null };
    const free = { ...base(), exclusions: [] };
    const d = toggleOptional(free, 1); // b optional
    expect(draftToQuery(d, g).optionalSteps).toEqual([1]);
    const moved = moveStep(d, 1, 2); // a c b d: b is step 2
    expect(moved.optional).toEqual([2]);
    expect(removeStep(moved, 0).optional).toEqual([1]);
    expect(removeStep(moved, 2).optional).toEqual([]);
    // the first and last steps, other orders and steps bounding an exclusion stay required
    expect(optionalFor(toggleOptional(free, 0))).toEqual([]);
    expect(optionalFor(toggleOptional(free, 3))).toEqual([]);
    expect(draftToQuery(setOrder(d, "strict"), g).optionalSteps).toBeUndefined();
    expect(optionalFor(toggleOptional(base(), 1))).toEqual([]);
    expect(toggleOptional(d, 1).optional).toEqual([]);
  });

  it("holds properties constant and round-trips both through a saved query", () => {
    const g = { range: { from: "2024-06-01", to: "2024-06-30" }, timezone: "UTC", segment: null };
    const d = { ...toggleOptional({ ...base(), exclusions: [] }, 2), holdConstant: ["platform"] };
    const q = draftToQuery(d, g);
    expect(q).toMatchObject({ holdConstant: ["platform"], optionalSteps: [2] });
    expect(queryToDraft(q)).toMatchObject({ holdConstant: ["platform"], optional: [2] });
    expect(draftToQuery(base(), g).holdConstant).toBeUndefined();
  });
});
