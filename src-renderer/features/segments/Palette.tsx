import { Icon } from "../../ui/icons.tsx";
import { BLOCKS, blockUnavailable } from "./blocks.ts";
import { useBlockContext } from "./context.ts";
import { useDnd } from "./dnd-state.ts";
import { applyDrop, DRAG_MIME, type DragSource, encodeSource } from "./drag.ts";
import { useEditorStore } from "./editor-context.ts";

// The palette of condition blocks. Drag one into a group, or press Enter on it to append it to the
// top-level group (then Alt+arrows place it).
export function Palette() {
  const ctx = useBlockContext();
  const editor = useEditorStore();
  const sources: { id: string; label: string; hint: string; src: DragSource | null; why: string | null }[] = [
    ...BLOCKS.map((b) => {
      const why = blockUnavailable(b, ctx);
      return {
        id: b.id,
        label: b.label,
        hint: b.hint,
        why,
        src: why ? null : ({ kind: "new", condition: b.make(ctx) } as DragSource),
      };
    }),
    {
      id: "orGroup",
      label: "OR group",
      hint: "any of several conditions",
      why: null,
      src: { kind: "newGroup", op: "any" },
    },
    {
      id: "andGroup",
      label: "AND group",
      hint: "all of several conditions",
      why: null,
      src: { kind: "newGroup", op: "all" },
    },
  ];
  const append = (src: DragSource) => {
    const ed = editor.getState();
    const root = ed.history.present;
    const res = applyDrop(root, src, { parentId: root.id, index: root.children.length });
    ed.apply(() => res.root, null, res.focusId);
  };
  return (
    <ul className="palette-blocks" aria-label="Condition blocks">
      {sources.map((source) => (
        <li
          key={source.id}
          className={source.src ? "palette-block" : "palette-block disabled"}
          draggable={!!source.src}
          data-block={source.id}
          title={source.why ?? `${source.hint}. Drag into a group, or press Enter to add.`}
          onDragStart={(e) => {
            if (!source.src) return;
            e.dataTransfer.setData(DRAG_MIME, encodeSource(source.src));
            e.dataTransfer.effectAllowed = "copy";
            useDnd.getState().begin(source.src);
          }}
          onDragEnd={() => useDnd.getState().end()}
        >
          <button
            type="button"
            className="palette-btn-add"
            disabled={!source.src}
            aria-label={`Add ${source.label}`}
            onClick={() => source.src && append(source.src)}
          >
            <Icon name="grip" size={14} />
            <span className="palette-text">
              <span className="palette-label">{source.label}</span>
              <span className="palette-hint">{source.why ?? source.hint}</span>
            </span>
            <Icon name="plus" size={12} className="palette-plus" />
          </button>
        </li>
      ))}
    </ul>
  );
}
