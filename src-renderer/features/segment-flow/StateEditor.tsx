import { useEffect, useMemo, useState } from "react";
import type { FlowState } from "../../../src-preload/contract/paths.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { useSaved } from "../../store/saved.ts";
import { Dialog, NameDialog } from "../../ui/Dialog.tsx";
import { Icon } from "../../ui/icons.tsx";
import { toast } from "../../ui/toast.tsx";
import { Builder } from "../segments/Builder.tsx";
import { CountBadge } from "../segments/CountBadge.tsx";
import { SegmentEditorContext } from "../segments/editor-context.ts";
import { canRedo, canUndo, createSegmentEditor } from "../segments/editor-store.ts";
import { IconButton } from "../segments/IconButton.tsx";
import { sentence } from "../segments/summary.ts";
import { toSegment } from "../segments/tree.ts";
import { useLiveCount } from "../segments/useLiveCount.ts";
import { labelProblem } from "./labels.ts";

// One segment-flow state built here, with the segment builder's own blocks on an editor of its
// own (the Segments view's draft is left alone): a name, the conditions, the live count. Apply puts
// the definition in the query as it is; "Save as segment" also keeps it in the workspace and the
// state then refers to the saved segment, so later edits there show in the flow.
export function StateEditor(props: {
  title: string;
  label: string;
  segment: Segment;
  /** the flow's other states (their labels are taken) */
  others: readonly FlowState[];
  onApply: (s: FlowState) => void;
  onClose: () => void;
}) {
  const [store] = useState(() => {
    const s = createSegmentEditor();
    s.getState().load(props.label, props.segment);
    return s;
  });
  const root = store((s) => s.history.present);
  const history = store((s) => s.history);
  const segment = useMemo(() => toSegment(root), [root]);
  const count = useLiveCount(segment);
  const [label, setLabel] = useState(props.label);
  const [saving, setSaving] = useState(false);
  const saved = useSaved();
  const names = (id: string) => saved.items.find((i) => i.id === id)?.name ?? "(deleted segment)";
  const problem = labelProblem(label, props.others);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const t = e.target as HTMLElement | null;
      // text fields keep their own undo
      if (!mod || e.key.toLowerCase() !== "z" || t?.tagName === "INPUT" || t?.tagName === "TEXTAREA") return;
      e.preventDefault();
      if (e.shiftKey) store.getState().redo();
      else store.getState().undo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);

  const saveAs = async (name: string) => {
    try {
      const item = await saved.saveSegment(name, segment);
      toast.info(`Saved “${item.name}”`);
      setSaving(false);
      props.onApply({ label: label.trim(), segment: { inSegment: item.id } });
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <Dialog
      title={props.title}
      // Esc reaches every open dialog: while the name is asked, only that dialog closes
      onClose={() => !saving && props.onClose()}
      width={760}
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn"
            disabled={problem !== null}
            title="Keep these conditions as a saved segment too; the state then uses it"
            onClick={() => setSaving(true)}
          >
            <Icon name="save" /> Save as segment…
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={problem !== null}
            onClick={() => props.onApply({ label: label.trim(), segment })}
          >
            Apply
          </button>
        </>
      }
    >
      <div className="flow-edit" data-testid="flow-state-editor">
        <div className="flow-edit-head">
          <label className="field flow-edit-name">
            <span>State name</span>
            <input
              className="input"
              value={label}
              maxLength={200}
              aria-invalid={problem !== null}
              onChange={(e) => setLabel(e.target.value)}
            />
          </label>
          <CountBadge count={count} />
          <div className="btn-group">
            <IconButton
              icon="undo"
              label="Undo"
              title="Undo (Ctrl+Z)"
              look="btn-ghost"
              disabled={!canUndo(history)}
              onClick={() => store.getState().undo()}
            />
            <IconButton
              icon="redo"
              label="Redo"
              title="Redo (Shift+Ctrl+Z)"
              look="btn-ghost"
              disabled={!canRedo(history)}
              onClick={() => store.getState().redo()}
            />
          </div>
        </div>
        {problem ? (
          <p className="flow-edit-problem" role="alert">
            {problem}
          </p>
        ) : null}
        <p className="seg-summary" data-testid="flow-state-summary">
          {sentence(segment, names)}
        </p>
        <SegmentEditorContext.Provider value={store}>
          <Builder />
        </SegmentEditorContext.Provider>
      </div>
      {saving ? (
        <NameDialog
          title="Save state as a segment"
          initial={label.trim()}
          confirm="Save"
          onConfirm={saveAs}
          onClose={() => setSaving(false)}
        />
      ) : null}
    </Dialog>
  );
}
