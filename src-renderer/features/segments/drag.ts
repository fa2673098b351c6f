import type { Condition } from "../../../src-preload/contract/segment.ts";
import { cond, findNode, type GroupNode, group, insertNode, moveNode, type TreeNode } from "./tree.ts";

// What a drag carries and where it lands, kept apart from the DOM so the drop rules are testable.
// A palette block makes a new condition; a block in the tree moves (with its subtree).
export type DragSource =
  | { kind: "new"; condition: Condition; negated?: boolean }
  | { kind: "newGroup"; op: "all" | "any" }
  | { kind: "move"; id: string };

export interface DropTarget {
  parentId: string;
  index: number;
}

export const DRAG_MIME = "application/x-strata-block";

export function encodeSource(s: DragSource): string {
  return JSON.stringify(s);
}

export function decodeSource(raw: string): DragSource | null {
  try {
    const v = JSON.parse(raw) as DragSource;
    if (v && (v.kind === "new" || v.kind === "move" || v.kind === "newGroup")) return v;
  } catch {
    // not ours
  }
  return null;
}

/** Whether dropping here would change anything and is allowed (not into itself). */
export function canDrop(root: GroupNode, source: DragSource, target: DropTarget): boolean {
  const parent = findNode(root, target.parentId);
  if (parent?.type !== "group") return false;
  if (source.kind !== "move") return true;
  const moving = findNode(root, source.id);
  if (!moving) return false;
  return findNode(moving, target.parentId) === null;
}

export function applyDrop(
  root: GroupNode,
  source: DragSource,
  target: DropTarget,
): { root: GroupNode; focusId: string | null } {
  if (!canDrop(root, source, target)) return { root, focusId: null };
  if (source.kind === "move") {
    return { root: moveNode(root, source.id, target.parentId, target.index), focusId: source.id };
  }
  const node: TreeNode =
    source.kind === "new"
      ? cond(structuredClone(source.condition), source.negated ?? false)
      : group(source.op);
  return { root: insertNode(root, target.parentId, target.index, node), focusId: node.id };
}
