import type { Condition, Segment } from "../../../src-preload/contract/segment.ts";

// The builder's editable form of a Segment: every node has a stable id (for React keys, drag and
// focus), groups are AND ("all") or OR ("any"), and "not" is a flag on a node rather than a wrapper.
// All edits are pure functions of the tree, so the reducer, undo/redo and drag logic are testable.

export type GroupOp = "all" | "any";
export interface CondNode {
  id: string;
  type: "cond";
  negated: boolean;
  cond: Condition;
}
export interface GroupNode {
  id: string;
  type: "group";
  op: GroupOp;
  negated: boolean;
  children: TreeNode[];
}
export type TreeNode = CondNode | GroupNode;

let counter = 0;
export function newId(): string {
  counter += 1;
  return `n${counter.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function group(op: GroupOp, children: TreeNode[] = [], negated = false): GroupNode {
  return { id: newId(), type: "group", op, negated, children };
}

export function cond(c: Condition, negated = false): CondNode {
  return { id: newId(), type: "cond", negated, cond: c };
}

/** Segment -> tree; the root is always a group (a bare condition becomes an AND of one). */
export function fromSegment(segment: Segment): GroupNode {
  const node = toNode(segment, false);
  if (node.type === "group" && !node.negated) return node;
  return group("all", [node]);
}

function toNode(s: Segment, negated: boolean): TreeNode {
  if ("not" in s) return toNode(s.not, !negated);
  if ("all" in s)
    return group(
      "all",
      s.all.map((c) => toNode(c, false)),
      negated,
    );
  if ("any" in s)
    return group(
      "any",
      s.any.map((c) => toNode(c, false)),
      negated,
    );
  return cond(s, negated);
}

/**
 * Tree -> Segment (the query contract's form). A nested group still empty is a placeholder the
 * analyst is about to fill, so it is left out rather than read as "nobody" (an empty OR).
 */
export function toSegment(node: TreeNode): Segment {
  if (node.type === "cond") return node.negated ? { not: node.cond } : node.cond;
  const children = node.children.filter((c) => c.type === "cond" || c.children.length > 0).map(toSegment);
  const inner: Segment = node.op === "all" ? { all: children } : { any: children };
  return node.negated ? { not: inner } : inner;
}

/** Path of child indexes from the root to the node with this id; null when absent. */
export function findPath(root: TreeNode, id: string): number[] | null {
  if (root.id === id) return [];
  if (root.type !== "group") return null;
  for (let i = 0; i < root.children.length; i++) {
    const child = root.children[i] as TreeNode;
    const p = findPath(child, id);
    if (p) return [i, ...p];
  }
  return null;
}

export function findNode(root: TreeNode, id: string): TreeNode | null {
  if (root.id === id) return root;
  if (root.type !== "group") return null;
  for (const c of root.children) {
    const f = findNode(c, id);
    if (f) return f;
  }
  return null;
}

export function parentOf(root: GroupNode, id: string): { parent: GroupNode; index: number } | null {
  for (let i = 0; i < root.children.length; i++) {
    const c = root.children[i] as TreeNode;
    if (c.id === id) return { parent: root, index: i };
    if (c.type === "group") {
      const f = parentOf(c, id);
      if (f) return f;
    }
  }
  return null;
}

/** Rebuilds the tree with the node `id` replaced by fn(node) (or removed when fn returns null). */
function mapNode(root: GroupNode, id: string, fn: (n: TreeNode) => TreeNode | null): GroupNode {
  if (root.id === id) {
    const r = fn(root);
    return r && r.type === "group" ? r : root;
  }
  const walk = (g: GroupNode): GroupNode => {
    let changed = false;
    const children: TreeNode[] = [];
    for (const c of g.children) {
      if (c.id === id) {
        changed = true;
        const r = fn(c);
        if (r) children.push(r);
      } else if (c.type === "group") {
        const w = walk(c);
        if (w !== c) changed = true;
        children.push(w);
      } else children.push(c);
    }
    return changed ? { ...g, children } : g;
  };
  return walk(root);
}

export function updateNode(root: GroupNode, id: string, fn: (n: TreeNode) => TreeNode): GroupNode {
  return mapNode(root, id, fn);
}

export function updateCondition(root: GroupNode, id: string, c: Condition): GroupNode {
  return mapNode(root, id, (n) => (n.type === "cond" ? { ...n, cond: c } : n));
}

export function removeNode(root: GroupNode, id: string): GroupNode {
  if (root.id === id) return root;
  return mapNode(root, id, () => null);
}

export function insertNode(root: GroupNode, parentId: string, index: number, node: TreeNode): GroupNode {
  return mapNode(root, parentId, (p) => {
    if (p.type !== "group") return p;
    const children = [...p.children];
    children.splice(Math.max(0, Math.min(index, children.length)), 0, node);
    return { ...p, children };
  });
}

/** Moves a node to position `index` of group `parentId` (index counted before the move). */
export function moveNode(root: GroupNode, id: string, parentId: string, index: number): GroupNode {
  const node = findNode(root, id);
  if (!node || node.id === root.id) return root;
  // a group cannot move into itself or its own descendants
  if (findNode(node, parentId)) return root;
  const from = parentOf(root, id);
  if (!from) return root;
  let target = index;
  if (from.parent.id === parentId && from.index < index) target -= 1;
  if (from.parent.id === parentId && from.index === target) return root;
  return insertNode(removeNode(root, id), parentId, target, node);
}

/** Alt+Up / Alt+Down: one place earlier or later among its siblings. */
export function moveBy(root: GroupNode, id: string, delta: -1 | 1): GroupNode {
  const at = parentOf(root, id);
  if (!at) return root;
  const to = at.index + delta;
  if (to < 0 || to >= at.parent.children.length) return root;
  return moveNode(root, id, at.parent.id, delta > 0 ? to + 1 : to);
}

/**
 * Alt+Right: nest. Into the previous sibling when it is a group; otherwise the node gets its own
 * group of the opposite kind (nesting under AND usually means "one of these").
 */
export function indent(root: GroupNode, id: string): GroupNode {
  const at = parentOf(root, id);
  if (!at) return root;
  const prev = at.parent.children[at.index - 1];
  if (prev && prev.type === "group") return moveNode(root, id, prev.id, prev.children.length);
  const node = at.parent.children[at.index] as TreeNode;
  return mapNode(root, id, () => group(at.parent.op === "all" ? "any" : "all", [node]));
}

/** Alt+Left: lift out of its group, placed right after it; a group left empty disappears. */
export function outdent(root: GroupNode, id: string): GroupNode {
  const at = parentOf(root, id);
  if (!at || at.parent.id === root.id) return root;
  const up = parentOf(root, at.parent.id);
  if (!up) return root;
  let next = moveNode(root, id, up.parent.id, up.index + 1);
  const left = findNode(next, at.parent.id);
  if (left && left.type === "group" && left.children.length === 0) next = removeNode(next, left.id);
  return next;
}

/** Deep copy with fresh ids (duplicate a block). */
export function cloneFresh(node: TreeNode): TreeNode {
  return node.type === "cond"
    ? { ...node, id: newId(), cond: structuredClone(node.cond) }
    : { ...node, id: newId(), children: node.children.map(cloneFresh) };
}

export function duplicateNode(root: GroupNode, id: string): GroupNode {
  const at = parentOf(root, id);
  const node = findNode(root, id);
  if (!at || !node) return root;
  return insertNode(root, at.parent.id, at.index + 1, cloneFresh(node));
}

/** Ids in reading order, for keyboard focus movement. */
export function flatIds(root: TreeNode): string[] {
  if (root.type === "cond") return [root.id];
  return [root.id, ...root.children.flatMap(flatIds)];
}
