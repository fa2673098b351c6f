import { describe, expect, it } from "vitest";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { applyDrop, canDrop, decodeSource, encodeSource } from "../../src-renderer/features/segments/drag.ts";
import { record, redo, startHistory, undo } from "../../src-renderer/features/segments/history.ts";
import {
  cond,
  duplicateNode,
  fromSegment,
  type GroupNode,
  group,
  indent,
  moveBy,
  moveNode,
  outdent,
  removeNode,
  toSegment,
} from "../../src-renderer/features/segments/tree.ts";

const did = (event: string): Segment => ({ performed: { event } });
const names = (root: GroupNode): unknown => JSON.parse(JSON.stringify(toSegment(root)));

function tree() {
  const a = cond(did("a") as never);
  const b = cond(did("b") as never);
  const c = cond(did("c") as never);
  const inner = group("any", [c]);
  const root = group("all", [a, b, inner]);
  return { root, a, b, c, inner };
}

describe("segment tree <-> contract segment", () => {
  it("round-trips nested groups and negations", () => {
    const s: Segment = {
      all: [
        did("a"),
        { not: { any: [did("b"), { not: did("c") }] } },
        { attribute: { property: "x", op: "isSet" } },
      ],
    };
    expect(toSegment(fromSegment(s))).toEqual(s);
  });
  it("wraps a bare condition in a top-level AND", () => {
    expect(toSegment(fromSegment(did("a")))).toEqual({ all: [did("a")] });
  });
  it("leaves out nested groups that are still empty (placeholders, not 'nobody')", () => {
    const root = group("all", [cond(did("a") as never), group("any", [])]);
    expect(toSegment(root)).toEqual({ all: [did("a")] });
  });
  it("folds double negation", () => {
    expect(toSegment(fromSegment({ all: [{ not: { not: did("a") } }] }))).toEqual({ all: [did("a")] });
  });
});

describe("tree edits", () => {
  it("moves within a group, counting the index before the move", () => {
    const { root, a } = tree();
    const moved = moveNode(root, a.id, root.id, 2);
    expect(names(moved)).toEqual({ all: [did("b"), did("a"), { any: [did("c")] }] });
  });
  it("moves into a nested group and refuses to move a group into itself", () => {
    const { root, a, inner } = tree();
    expect(names(moveNode(root, a.id, inner.id, 0))).toEqual({
      all: [did("b"), { any: [did("a"), did("c")] }],
    });
    expect(moveNode(root, inner.id, inner.id, 0)).toBe(root);
  });
  it("Alt+Up/Down swaps with a sibling and stops at the ends", () => {
    const { root, a, b } = tree();
    expect(names(moveBy(root, b.id, -1))).toEqual({ all: [did("b"), did("a"), { any: [did("c")] }] });
    expect(moveBy(root, a.id, -1)).toBe(root);
  });
  it("Alt+Right nests into the previous group, else wraps in a group of the other kind", () => {
    const { root, a, b } = tree();
    const withGroupBefore = moveNode(root, a.id, root.id, 3); // [b, inner, a]
    expect(names(indent(withGroupBefore, a.id))).toEqual({ all: [did("b"), { any: [did("c"), did("a")] }] });
    expect(names(indent(root, b.id))).toEqual({ all: [did("a"), { any: [did("b")] }, { any: [did("c")] }] });
  });
  it("Alt+Left lifts out after the parent and drops a group left empty", () => {
    const { root, c } = tree();
    expect(names(outdent(root, c.id))).toEqual({ all: [did("a"), did("b"), did("c")] });
    expect(outdent(root, root.children[0]?.id ?? "")).toBe(root);
  });
  it("removes and duplicates with fresh ids", () => {
    const { root, b, inner } = tree();
    expect(names(removeNode(root, inner.id))).toEqual({ all: [did("a"), did("b")] });
    const dup = duplicateNode(root, b.id);
    expect(names(dup)).toEqual({ all: [did("a"), did("b"), did("b"), { any: [did("c")] }] });
    expect(dup.children[2]?.id).not.toBe(b.id);
  });
});

describe("drops", () => {
  it("a palette block becomes a new condition at the drop position", () => {
    const { root, inner } = tree();
    const { root: next, focusId } = applyDrop(
      root,
      { kind: "new", condition: did("z") as never },
      { parentId: inner.id, index: 1 },
    );
    expect(names(next)).toEqual({ all: [did("a"), did("b"), { any: [did("c"), did("z")] }] });
    expect(focusId).not.toBeNull();
  });
  it("a dragged group cannot land inside itself", () => {
    const { root, inner } = tree();
    expect(canDrop(root, { kind: "move", id: inner.id }, { parentId: inner.id, index: 0 })).toBe(false);
    expect(applyDrop(root, { kind: "move", id: inner.id }, { parentId: inner.id, index: 0 }).root).toBe(root);
  });
  it("drag payloads survive encoding and foreign payloads are ignored", () => {
    const src = { kind: "newGroup", op: "any" } as const;
    expect(decodeSource(encodeSource(src))).toEqual(src);
    expect(decodeSource('{"kind":"other"}')).toBeNull();
    expect(decodeSource("not json")).toBeNull();
  });
});

describe("undo / redo", () => {
  it("steps back and forth, and a new edit clears redo", () => {
    let h = startHistory(1);
    h = record(h, 2);
    h = record(h, 3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = redo(h);
    expect(h.present).toBe(3);
    h = undo(undo(h));
    h = record(h, 9);
    expect(h.present).toBe(9);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe(1);
  });
  it("coalesces consecutive edits of one field into one undo step", () => {
    let h = startHistory("");
    h = record(h, "1", "n1:count");
    h = record(h, "12", "n1:count");
    h = record(h, "123", "n1:count");
    expect(undo(h).present).toBe("");
    h = record(h, "x", "n2:count");
    expect(undo(h).present).toBe("123");
  });
});
