import { afterEach, describe, expect, it } from "vitest";
import type { SavedSegment } from "../../../src-preload/contract/methods/saved.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import {
  followSavedSegment,
  forgetSavedSegment,
  useGlobalFilters,
} from "../../../src-renderer/store/global-filters.ts";

// The top bar's segment filter is a copy of a segment's conditions; applied from a saved segment it
// must follow that segment's saves and deletion, or the chip names one segment while every view
// filters by another (or by one that no longer exists).

const buyers: Segment = { performed: { event: "buy" } };
const bigBuyers: Segment = {
  performed: { event: "buy", where: [{ property: "price", op: "gt", value: 100 }] },
};

function segment(id: string, name: string, definition: Segment): SavedSegment {
  const at = "2024-06-01T00:00:00Z";
  return { id, type: "segment", name, definition, createdAt: at, modifiedAt: at, lastResult: null };
}

afterEach(() => useGlobalFilters.getState().setSegment(null));

describe("a segment filter applied from a saved segment", () => {
  it("takes the segment's new conditions and name when it is saved again", () => {
    useGlobalFilters.getState().setSegment({ name: "Buyers", definition: buyers, savedId: "seg_1" });
    followSavedSegment(segment("seg_1", "Big buyers", bigBuyers));
    expect(useGlobalFilters.getState().segment).toEqual({
      name: "Big buyers",
      definition: bigBuyers,
      savedId: "seg_1",
    });
  });

  it("goes when the segment is deleted, whatever it was renamed to", () => {
    useGlobalFilters.getState().setSegment({ name: "Buyers", definition: buyers, savedId: "seg_1" });
    followSavedSegment(segment("seg_1", "Renamed", buyers));
    forgetSavedSegment("seg_1");
    expect(useGlobalFilters.getState().segment).toBeNull();
  });

  it("leaves a filter of unsaved conditions, or of another segment, alone", () => {
    const own = { name: "Buyers", definition: buyers };
    useGlobalFilters.getState().setSegment(own);
    followSavedSegment(segment("seg_1", "Buyers", bigBuyers));
    forgetSavedSegment("seg_1");
    expect(useGlobalFilters.getState().segment).toEqual(own);
  });
});
