import { useEffect, useRef, useState } from "react";
import type { SavedItem } from "../../src-preload/contract/methods/saved.ts";
import { useDashboard } from "../features/dashboard/store.ts";
import { DeleteDialog } from "../features/segments/DeleteDialog.tsx";
import { useSegmentEditor } from "../features/segments/editor-store.ts";
import { useSaved } from "../store/saved.ts";
import { NameDialog } from "../ui/Dialog.tsx";
import { Icon } from "../ui/icons.tsx";
import { toast } from "../ui/toast.tsx";

// The "⋯" menu on a saved segment or report in the sidebar: rename, duplicate, delete.
export function SavedItemMenu(props: { item: SavedItem }) {
  const { item } = props;
  const [open, setOpen] = useState(false);
  const [ask, setAsk] = useState<null | "rename" | "duplicate" | "delete">(null);
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    wrap.current?.querySelector<HTMLButtonElement>(".menu-item")?.focus();
    const onDown = (e: MouseEvent) => !wrap.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);
  const kind = item.type === "segment" ? "segment" : "report";
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setAsk(null);
    } catch (e) {
      toast.error(e);
    }
  };
  const editor = () => useSegmentEditor.getState();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from any item inside
    <div className="saved-menu" ref={wrap} onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
      <button
        type="button"
        className="btn btn-icon btn-ghost btn-sm saved-menu-btn"
        aria-label={`More actions for ${item.name}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name="dots" />
      </button>
      {open ? (
        <div className="popover saved-pop" role="menu" aria-label={`${item.name} actions`}>
          {(["rename", "duplicate", "delete"] as const).map((a) => (
            <button
              key={a}
              type="button"
              role="menuitem"
              className={a === "delete" ? "menu-item btn-danger" : "menu-item"}
              onClick={() => {
                setOpen(false);
                setAsk(a);
              }}
            >
              {a === "rename" ? "Rename…" : a === "duplicate" ? "Duplicate…" : "Delete…"}
            </button>
          ))}
          {item.type === "report" ? (
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                useDashboard
                  .getState()
                  .pin(item.id)
                  .then(() => toast.info(`“${item.name}” is pinned to the dashboard`), toast.error);
              }}
            >
              Pin to dashboard
            </button>
          ) : null}
        </div>
      ) : null}
      {ask === "rename" ? (
        <NameDialog
          title={`Rename ${kind}`}
          initial={item.name}
          confirm="Rename"
          onClose={() => setAsk(null)}
          onConfirm={(name) =>
            run(async () => {
              const next = await useSaved.getState().rename(item.id, name);
              if (editor().savedId === item.id) editor().setName(next.name);
            })
          }
        />
      ) : null}
      {ask === "duplicate" ? (
        <NameDialog
          title={`Duplicate ${kind}`}
          initial={`${item.name} (copy)`}
          confirm="Duplicate"
          onClose={() => setAsk(null)}
          onConfirm={(name) => run(() => useSaved.getState().duplicate(item.id, name))}
        />
      ) : null}
      {ask === "delete" ? (
        <DeleteDialog
          title={`Delete ${kind}`}
          confirmClass="btn btn-danger-fill"
          onClose={() => setAsk(null)}
          onConfirm={() => run(() => useSaved.getState().remove(item.id))}
        >
          Delete “{item.name}”? This cannot be undone.
        </DeleteDialog>
      ) : null}
    </div>
  );
}
