import { useEffect, useRef, useState } from "react";
import { Icon } from "../../ui/icons.tsx";
import { BLOCKS, blockUnavailable } from "./blocks.ts";
import { useBlockContext } from "./context.ts";
import { applyDrop, type DragSource } from "./drag.ts";
import { useEditorStore } from "./editor-context.ts";

// "+ Add condition" inside every group: the keyboard (and click) way to do what dragging from the
// palette does.
export function AddMenu(props: { parentId: string; index: number }) {
  const [open, setOpen] = useState(false);
  const ctx = useBlockContext();
  const editor = useEditorStore();
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const first = wrap.current?.querySelector<HTMLButtonElement>(".menu-item:not(:disabled)");
    first?.focus();
    const onDown = (e: MouseEvent) => !wrap.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);
  const add = (src: DragSource) => {
    const ed = editor.getState();
    const res = applyDrop(ed.history.present, src, { parentId: props.parentId, index: props.index });
    ed.apply(() => res.root, null, res.focusId);
    setOpen(false);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from any item inside
    <div
      className="add-menu"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          setOpen(false);
        } else if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
          e.preventDefault();
          const items = [
            ...(wrap.current?.querySelectorAll<HTMLButtonElement>(".menu-item:not(:disabled)") ?? []),
          ];
          const i = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <button
        type="button"
        className="btn btn-sm btn-ghost add-btn"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name="plus" size={12} /> Add condition
      </button>
      {open ? (
        <div className="popover add-pop" role="menu" aria-label="Add a condition">
          {BLOCKS.map((b) => {
            const why = blockUnavailable(b, ctx);
            return (
              <button
                key={b.id}
                type="button"
                role="menuitem"
                className="menu-item"
                disabled={!!why}
                title={why ?? b.hint}
                onClick={() => add({ kind: "new", condition: b.make(ctx) })}
              >
                <span>{b.label}</span>
                <span className="faint small">{why ?? b.hint}</span>
              </button>
            );
          })}
          <div className="menu-sep" />
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => add({ kind: "newGroup", op: "any" })}
          >
            OR group
          </button>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => add({ kind: "newGroup", op: "all" })}
          >
            AND group
          </button>
        </div>
      ) : null}
    </div>
  );
}
