import { describe, expect, it } from "vitest";
import { isDirty, useSegmentEditor } from "../../../src-renderer/features/segments/editor-store.ts";

// Opening another segment over unsaved edits keeps them aside (never loses them silently).
describe("unsaved segment edits", () => {
  it("are kept aside when another segment opens, and can be restored", () => {
    const ed = () => useSegmentEditor.getState();
    ed().load("Buyers", { all: [{ performed: { event: "purchase" } }] });
    ed().setName("Buyers, edited");
    expect(isDirty(ed())).toBe(true);
    ed().load("Saved one", { all: [{ performed: { event: "view" } }] }, "seg-1");
    expect(ed().name).toBe("Saved one");
    expect(ed().setAside?.name).toBe("Buyers, edited");
    ed().restoreSetAside();
    expect(ed().name).toBe("Buyers, edited");
    expect(isDirty(ed())).toBe(true);
    // the saved one had no edits: nothing to keep aside now
    expect(ed().setAside).toBeNull();
  });

  it("a clean segment replaced leaves nothing aside", () => {
    const ed = () => useSegmentEditor.getState();
    ed().load("A", { all: [] }, "a");
    ed().discardSetAside();
    ed().load("B", { all: [] }, "b");
    expect(ed().setAside).toBeNull();
  });
});
