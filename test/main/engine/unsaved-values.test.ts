import { afterEach, describe, expect, it, vi } from "vitest";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import * as sparse from "../../../src-main/engine/columns/sparse-prop.ts";
import { valuesSaved } from "../../../src-main/engine/columns/sparse-store.ts";
import type { SparseProp } from "../../../src-main/engine/columns/types.ts";
import { type JourneyEvent, type Journeys, journeys } from "../../helpers/journeys.ts";

// A property's values taken from its column where they cannot be saved (a timeline with nowhere to
// save, as a read-only or decrypted workspace): every event name's are kept, so that a query of
// another event name does not take them from the column again.

vi.mock("../../../src-main/engine/columns/sparse-prop.ts", async (original) => {
  const m = await original<typeof import("../../../src-main/engine/columns/sparse-prop.ts")>();
  return { ...m, valuesByCode: vi.fn(m.valuesByCode) };
});

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
  vi.mocked(sparse.valuesByCode).mockClear();
});

const plain = (v: SparseProp) => ({ at: Array.from(v.at), num: Array.from(v.num) });

describe("values that cannot be saved", () => {
  it("are taken from the column once for every event name, and are each name's", () => {
    const spec: Record<string, JourneyEvent[]> = {};
    for (let i = 0; i < 12; i++)
      spec[`u${i}`] = [
        ["view", "2024-06-01T10:00Z", { price: 100 + i }],
        ["buy", "2024-06-02T10:00Z", { price: i }],
        ["view", "2024-06-03T10:00Z", {}],
      ];
    j = journeys(spec);
    // nowhere to save: neither `save` nor `saveVia`
    const tl = openTimeline(j.ws.db);
    const buy = tl.eventCode("buy");
    const view = tl.eventCode("view");
    const buys = tl.propValues("price", buy);
    const views = tl.propValues("price", view);
    const all = tl.propValues("price");
    expect(valuesSaved(j.ws.db, "price", tl.stamp)).toBe(false);
    expect(sparse.valuesByCode).toHaveBeenCalledTimes(1);
    expect(plain(buys)).toEqual(plain(sparse.sparseOf(tl.propColumn("price"), tl.eventCodes, buy)));
    expect(plain(views)).toEqual(plain(sparse.sparseOf(tl.propColumn("price"), tl.eventCodes, view)));
    expect(plain(all)).toEqual(plain(sparse.sparseOf(tl.propColumn("price"), tl.eventCodes)));
  });

  it("are read from the workspace once saved, not held", () => {
    j = journeys({
      u0: [["buy", "2024-06-02T10:00Z", { price: 5 }]],
      u1: [["view", "2024-06-02T11:00Z", { price: 7 }]],
    });
    const tl = openTimeline(j.ws.db, { save: true });
    tl.propValues("price", tl.eventCode("buy"));
    expect(valuesSaved(j.ws.db, "price", tl.stamp)).toBe(true);
    expect(plain(tl.propValues("price", tl.eventCode("view")))).toEqual({ at: [1], num: [7] });
    expect(sparse.valuesByCode).toHaveBeenCalledTimes(1);
  });
});
