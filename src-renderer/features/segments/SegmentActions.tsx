import { useState } from "react";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { useSaved } from "../../store/saved.ts";
import { NameDialog } from "../../ui/Dialog.tsx";
import { Icon } from "../../ui/icons.tsx";
import { toast } from "../../ui/toast.tsx";
import { DeleteDialog } from "./DeleteDialog.tsx";
import { EMPTY, useSegmentEditor } from "./editor-store.ts";
import { IconButton } from "./IconButton.tsx";

// Save, rename, duplicate, delete, new, export.
type Ask = null | "save" | "rename" | "duplicate" | "delete";
// The buttons that act on the saved copy, so they wait until there is one.
const SAVED_ONLY = [
  { ask: "rename", icon: "pencil", label: "Rename segment", title: "Rename" },
  { ask: "duplicate", icon: "copy", label: "Duplicate segment", title: "Duplicate" },
  { ask: "delete", icon: "trash", label: "Delete segment", title: "Delete segment" },
] as const;

export function SegmentActions(props: { segment: Segment; dirty: boolean; onExport: () => void }) {
  const ed = useSegmentEditor();
  const saved = useSaved();
  const [ask, setAsk] = useState<Ask>(null);

  const save = async (name: string) => {
    try {
      const item = await saved.saveSegment(name, props.segment, ed.savedId ?? undefined);
      useSegmentEditor.getState().markSaved(item.id, item.name);
      toast.info(`Saved “${item.name}”`);
      setAsk(null);
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <div className="btn-group">
      <button
        type="button"
        className="btn btn-primary"
        disabled={!props.dirty}
        title={props.dirty ? "Save (the workspace keeps it)" : "Nothing to save yet"}
        onClick={() => (ed.savedId ? save(ed.name) : setAsk("save"))}
      >
        <Icon name="save" /> Save
      </button>
      {SAVED_ONLY.map((b) => (
        <IconButton
          key={b.ask}
          icon={b.icon}
          label={b.label}
          title={b.title}
          disabled={!ed.savedId}
          onClick={() => setAsk(b.ask)}
        />
      ))}
      <button type="button" className="btn" aria-label="Export" onClick={props.onExport}>
        <Icon name="exports" /> <span className="btn-label">Export</span>
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        title="Start a new segment"
        aria-label="New segment"
        onClick={() => useSegmentEditor.getState().load("Untitled segment", EMPTY)}
      >
        <Icon name="plus" /> <span className="btn-label">New</span>
      </button>
      {ask === "save" ? (
        <NameDialog
          title="Save segment"
          initial={ed.name}
          confirm="Save"
          onConfirm={save}
          onClose={() => setAsk(null)}
        />
      ) : null}
      {ask === "rename" && ed.savedId ? (
        <NameDialog
          title="Rename segment"
          initial={ed.name}
          confirm="Rename"
          onClose={() => setAsk(null)}
          onConfirm={async (name) => {
            try {
              const item = await saved.rename(ed.savedId as string, name);
              useSegmentEditor.getState().setName(item.name);
              setAsk(null);
            } catch (e) {
              toast.error(e);
            }
          }}
        />
      ) : null}
      {ask === "duplicate" && ed.savedId ? (
        <NameDialog
          title="Duplicate segment"
          initial={`${ed.name} (copy)`}
          confirm="Duplicate"
          onClose={() => setAsk(null)}
          onConfirm={async (name) => {
            try {
              // the copy holds the current (possibly unsaved) conditions
              const item = await saved.saveSegment(name, props.segment);
              useSegmentEditor.getState().load(item.name, props.segment, item.id);
              setAsk(null);
              toast.info(`Duplicated as “${item.name}”`);
            } catch (e) {
              toast.error(e);
            }
          }}
        />
      ) : null}
      {ask === "delete" && ed.savedId ? (
        <DeleteDialog
          title="Delete segment"
          confirmClass="btn btn-primary btn-danger-fill"
          onClose={() => setAsk(null)}
          onConfirm={async () => {
            try {
              // a top-bar filter applied from it goes with it (store/global-filters.ts, by id)
              await saved.remove(ed.savedId as string);
              useSegmentEditor.getState().load("Untitled segment", EMPTY);
              setAsk(null);
            } catch (e) {
              toast.error(e);
            }
          }}
        >
          Delete “{ed.name}”? This cannot be undone. While saved segments or reports use it, it is not
          deleted: Strata names them so you can change them first.
        </DeleteDialog>
      ) : null}
    </div>
  );
}
