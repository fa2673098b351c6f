import { useEffect, useRef } from "react";
import { useAsOf } from "../../store/as-of.ts";
import { Icon } from "../../ui/icons.tsx";
import { AddMenu } from "./AddMenu.tsx";
import { useDnd } from "./dnd-state.ts";
import { applyDrop, canDrop, DRAG_MIME, type DropTarget, encodeSource } from "./drag.ts";
import { useEditorStore } from "./editor-context.ts";
import { ConditionEditor } from "./editors/ConditionEditor.tsx";
import { IconButton } from "./IconButton.tsx";
import { conditionText } from "./summary.ts";
import {
  duplicateNode,
  findNode,
  flatIds,
  type GroupNode,
  indent,
  moveBy,
  outdent,
  removeNode,
  type TreeNode,
  updateCondition,
  updateNode,
} from "./tree.ts";

// The segment tree: AND/OR groups as bordered containers with a toggle pill, blocks that drag
// (handle) or move by keyboard (Alt+arrows), drop zones that light up with a ghost while dragging.
export function Builder() {
  const useEditor = useEditorStore();
  const root = useEditor((s) => s.history.present);
  const dragging = useDnd((s) => s.source !== null);
  return (
    <div className={dragging ? "builder dragging" : "builder"}>
      <GroupView node={root} isRoot depth={0} />
      <p className="builder-help muted small">
        Drag blocks by their handle, or focus a block and use Alt+↑/↓ to move, Alt+→ to nest, Alt+← to lift
        out, Delete to remove, Ctrl+D to duplicate. Ctrl+Z / Shift+Ctrl+Z undo and redo.
      </p>
    </div>
  );
}

function DropZone(props: { target: DropTarget; empty?: boolean }) {
  const source = useDnd((s) => s.source);
  const over = useDnd((s) => s.over);
  const useEditor = useEditorStore();
  const root = useEditor((s) => s.history.present);
  const active = over?.parentId === props.target.parentId && over.index === props.target.index;
  const allowed = source !== null && canDrop(root, source, props.target);
  return (
    <div
      className={`dropzone-slot${props.empty ? " empty" : ""}${active && allowed ? " over" : ""}`}
      data-drop={`${props.target.parentId}:${props.target.index}`}
      aria-hidden="true"
      onDragOver={(e) => {
        if (!allowed) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = source?.kind === "move" ? "move" : "copy";
        if (!active) useDnd.getState().hover(props.target);
      }}
      onDragLeave={(e) => {
        // leaving for a child of the slot is not leaving the slot
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        if (active) useDnd.getState().hover(null);
      }}
      onDrop={(e) => {
        e.preventDefault();
        const src = useDnd.getState().source;
        useDnd.getState().end();
        if (!src) return;
        const ed = useEditor.getState();
        const res = applyDrop(ed.history.present, src, props.target);
        ed.apply(() => res.root, null, res.focusId);
      }}
    >
      {props.empty ? <span>Drop a condition here, or add one below</span> : <span className="ghost-line" />}
    </div>
  );
}

function useBlockKeys(id: string, isRoot: boolean) {
  const useEditor = useEditorStore();
  return (event: React.KeyboardEvent) => {
    if (isRoot || event.target !== event.currentTarget) return;
    const ed = useEditor.getState();
    const mod = event.ctrlKey || event.metaKey;
    const order = flatIds(ed.history.present).slice(1);
    const at = order.indexOf(id);
    if (!event.altKey && !mod && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      // plain arrows walk the blocks in reading order
      const next = order[at + (event.key === "ArrowUp" ? -1 : 1)];
      if (next) {
        event.preventDefault();
        document.querySelector<HTMLElement>(`[data-node="${next}"]`)?.focus();
      }
      return;
    }
    let fn: ((r: GroupNode) => GroupNode) | null = null;
    if (event.altKey && event.key === "ArrowUp") fn = (r) => moveBy(r, id, -1);
    else if (event.altKey && event.key === "ArrowDown") fn = (r) => moveBy(r, id, 1);
    else if (event.altKey && event.key === "ArrowRight") fn = (r) => indent(r, id);
    else if (event.altKey && event.key === "ArrowLeft") fn = (r) => outdent(r, id);
    else if (event.key === "Delete" || event.key === "Backspace") fn = (r) => removeNode(r, id);
    else if (mod && event.key.toLowerCase() === "d") fn = (r) => duplicateNode(r, id);
    if (!fn) return;
    event.preventDefault();
    event.stopPropagation();
    const removing = event.key === "Delete" || event.key === "Backspace";
    // after a removal, focus stays in the builder: on the next block, else the previous one
    const after = removing
      ? (order.slice(at + 1).find((x) => !isInside(ed.history.present, id, x)) ?? order[at - 1] ?? null)
      : id;
    ed.apply(fn, null, after);
  };
}

/** Whether `inner` sits inside the subtree of `outer` (a removed group takes its children along). */
function isInside(root: GroupNode, outer: string, inner: string): boolean {
  const node = findNode(root, outer);
  return node !== null && findNode(node, inner) !== null;
}

function Block(props: { node: TreeNode; depth: number; children: React.ReactNode; label: string }) {
  const ref = useRef<HTMLFieldSetElement>(null);
  const useEditor = useEditorStore();
  const focusId = useEditor((s) => s.focusId);
  const onKey = useBlockKeys(props.node.id, false);
  const isDragged = useDnd((s) => s.source?.kind === "move" && s.source.id === props.node.id);
  useEffect(() => {
    if (focusId === props.node.id) ref.current?.focus();
  }, [focusId, props.node.id]);
  return (
    <fieldset
      ref={ref}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: blocks take focus so Alt+arrows, Delete and Ctrl+D can act on them
      tabIndex={0}
      aria-label={props.label}
      className={`block${props.node.type === "group" ? " block-group" : ""}${isDragged ? " is-dragged" : ""}`}
      data-node={props.node.id}
      onKeyDown={onKey}
    >
      <span
        className="drag-handle"
        draggable
        title="Drag to move (or Alt+arrows)"
        aria-hidden="true"
        onDragStart={(e) => {
          const src = { kind: "move" as const, id: props.node.id };
          e.dataTransfer.setData(DRAG_MIME, encodeSource(src));
          e.dataTransfer.effectAllowed = "move";
          const blockEl = ref.current;
          if (blockEl) e.dataTransfer.setDragImage(blockEl, 12, 12);
          useDnd.getState().begin(src);
        }}
        onDragEnd={() => useDnd.getState().end()}
      >
        <Icon name="grip" />
      </span>
      <div className="block-body">{props.children}</div>
      <span className="block-actions">
        <IconButton
          icon="copy"
          label="Duplicate"
          title="Duplicate (Ctrl+D)"
          look="btn-ghost btn-sm"
          iconSize={14}
          onClick={() => useEditor.getState().apply((r) => duplicateNode(r, props.node.id))}
        />
        <IconButton
          icon="trash"
          label="Remove"
          title="Remove (Delete)"
          look="btn-ghost btn-sm"
          iconSize={14}
          onClick={() => useEditor.getState().apply((r) => removeNode(r, props.node.id))}
        />
      </span>
    </fieldset>
  );
}

function GroupView(props: { node: GroupNode; isRoot?: boolean; depth: number }) {
  const group = props.node;
  const asOf = useAsOf();
  const useEditor = useEditorStore();
  const apply = useEditor((s) => s.apply);
  const joiner = group.op === "all" ? "AND" : "OR";
  const inner = (
    <div className={`group group-${group.op}${props.isRoot ? " group-root" : ""}`} data-group={group.id}>
      <div className="group-head">
        <button
          type="button"
          className="pill pill-op"
          title="Switch between AND (all of) and OR (any of)"
          aria-label={`Group matches ${group.op === "all" ? "all" : "any"} of its conditions; switch`}
          onClick={() =>
            apply((r) =>
              updateNode(r, group.id, (n) =>
                n.type === "group" ? { ...n, op: n.op === "all" ? "any" : "all" } : n,
              ),
            )
          }
        >
          {group.op === "all" ? "ALL of" : "ANY of"}
        </button>
        <span className="muted small">{props.isRoot ? "Users who match" : "these"}</span>
        {!props.isRoot ? (
          <button
            type="button"
            className={group.negated ? "pill pill-not on" : "pill pill-not"}
            aria-pressed={group.negated}
            onClick={() => apply((r) => updateNode(r, group.id, (n) => ({ ...n, negated: !n.negated })))}
          >
            not
          </button>
        ) : null}
      </div>
      <div className="group-children">
        {group.children.length === 0 ? <DropZone target={{ parentId: group.id, index: 0 }} empty /> : null}
        {group.children.map((child, i) => (
          <div key={child.id} className="child">
            <DropZone target={{ parentId: group.id, index: i }} />
            {i > 0 ? <div className="joiner">{joiner}</div> : null}
            {child.type === "group" ? (
              <Block
                node={child}
                depth={props.depth + 1}
                label={`${child.op === "all" ? "AND" : "OR"} group`}
              >
                <GroupView node={child} depth={props.depth + 1} />
              </Block>
            ) : (
              <Block
                node={child}
                depth={props.depth + 1}
                label={`Condition: ${conditionText(child.cond, (x) => x, child.negated)}`}
              >
                <ConditionEditor
                  value={child.cond}
                  asOf={asOf}
                  negated={child.negated}
                  onToggleNegate={() =>
                    apply((r) => updateNode(r, child.id, (n) => ({ ...n, negated: !n.negated })))
                  }
                  onChange={(c, key) =>
                    apply((r) => updateCondition(r, child.id, c), key ? `${child.id}:${key}` : null)
                  }
                />
              </Block>
            )}
          </div>
        ))}
        {group.children.length > 0 ? (
          <DropZone target={{ parentId: group.id, index: group.children.length }} />
        ) : null}
      </div>
      <AddMenu parentId={group.id} index={group.children.length} />
    </div>
  );
  return inner;
}
