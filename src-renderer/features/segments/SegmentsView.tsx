import { useEffect, useMemo, useState } from "react";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { useNavigation } from "../../store/navigation.ts";
import { useSaved } from "../../store/saved.ts";
import { Icon } from "../../ui/icons.tsx";
import { ExportDialog } from "../exports/ExportDialog.tsx";
import { MembersView } from "../members/MembersView.tsx";
import { Builder } from "./Builder.tsx";
import { CountBadge } from "./CountBadge.tsx";
import { canRedo, canUndo, isDirty, useSegmentEditor } from "./editor-store.ts";
import { IconButton } from "./IconButton.tsx";
import { Inspector } from "./Inspector.tsx";
import { Palette } from "./Palette.tsx";
import { SegmentActions } from "./SegmentActions.tsx";
import { sentence } from "./summary.ts";
import { Templates } from "./Templates.tsx";
import { toSegment } from "./tree.ts";
import { useLiveCount } from "./useLiveCount.ts";

// The segment builder: palette and templates on the left, the tree in the middle, the live count
// and the one-line summary on top; a Members tab lists who is in it.
export function SegmentsView() {
  const ed = useSegmentEditor();
  const segment = useMemo(() => toSegment(ed.history.present), [ed.history.present]);
  const count = useLiveCount(segment);
  const items = useSaved((s) => s.items);
  const [tab, setTab] = useState<"conditions" | "members">("conditions");
  const [exporting, setExporting] = useState(false);
  const draft = useNavigation((s) => s.segmentDraft);
  const names = (id: string) => items.find((i) => i.id === id)?.name ?? "(deleted segment)";

  // "Create segment from this" in other views hands a draft over through navigation
  useEffect(() => {
    if (!draft) return;
    const d = useNavigation.getState().takeSegmentDraft();
    if (d) {
      useSegmentEditor.getState().load(d.name, d.definition);
      setTab("conditions");
    }
  }, [draft]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.key.toLowerCase() !== "z") return;
      const t = e.target as HTMLElement | null;
      // text fields keep their own undo
      if (
        t &&
        (t.tagName === "INPUT" || t.tagName === "TEXTAREA") &&
        (t as HTMLInputElement).type !== "checkbox"
      )
        return;
      e.preventDefault();
      if (e.shiftKey) useSegmentEditor.getState().redo();
      else useSegmentEditor.getState().undo();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const dirty = isDirty(ed);
  return (
    <div className="view segments-view">
      <div className="view-head seg-head">
        <div className="seg-title">
          <h1 title={ed.name}>{ed.name}</h1>
          {dirty ? (
            <span className="dirty" title="Unsaved changes">
              ● unsaved
            </span>
          ) : null}
        </div>
        <CountBadge count={count} />
        <span className="spacer" />
        <div className="btn-group">
          <IconButton
            icon="undo"
            label="Undo"
            title="Undo (Ctrl+Z)"
            look="btn-ghost"
            disabled={!canUndo(ed.history)}
            onClick={ed.undo}
          />
          <IconButton
            icon="redo"
            label="Redo"
            title="Redo (Shift+Ctrl+Z)"
            look="btn-ghost"
            disabled={!canRedo(ed.history)}
            onClick={ed.redo}
          />
        </div>
        <SegmentActions segment={segment} dirty={dirty} onExport={() => setExporting(true)} />
        <button
          type="button"
          className="btn"
          title="Apply this segment to every view"
          aria-label="Use as filter"
          onClick={() =>
            useGlobalFilters.getState().setSegment({
              name: ed.name,
              definition: segment,
              // as saved, it follows later saves; with unsaved edits it is its own copy
              ...(ed.savedId && !dirty ? { savedId: ed.savedId } : {}),
            })
          }
        >
          <Icon name="segments" /> <span className="btn-label">Use as filter</span>
        </button>
      </div>
      {ed.setAside ? (
        <div className="set-aside" role="status" data-testid="set-aside">
          Unsaved changes to “{ed.setAside.name}” were kept aside.
          <button
            type="button"
            className="btn-link"
            onClick={() => useSegmentEditor.getState().restoreSetAside()}
          >
            Restore them
          </button>
          <button
            type="button"
            className="btn-link"
            onClick={() => useSegmentEditor.getState().discardSetAside()}
          >
            Discard
          </button>
        </div>
      ) : null}
      <p className="seg-summary" data-testid="segment-summary" title="The segment in one line">
        {sentence(segment, names)}
      </p>
      <div className={tab === "members" ? "seg-body seg-body-members" : "seg-body"}>
        <aside className="seg-side" aria-label="Blocks and templates" hidden={tab === "members"}>
          <h2 className="section-title">Blocks</h2>
          <Palette />
          <h2 className="section-title">Templates</h2>
          <Templates />
        </aside>
        <section className="seg-main">
          <div className="tabs" role="tablist" aria-label="Segment">
            <button
              type="button"
              role="tab"
              aria-selected={tab === "conditions"}
              className={tab === "conditions" ? "tab active" : "tab"}
              onClick={() => setTab("conditions")}
            >
              Conditions
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === "members"}
              className={tab === "members" ? "tab active" : "tab"}
              onClick={() => setTab("members")}
            >
              Members
            </button>
          </div>
          {tab === "conditions" ? <Builder /> : <MembersView segment={segment} name={ed.name} />}
        </section>
        {tab === "conditions" ? (
          <Inspector
            segment={segment}
            count={count}
            summary={sentence(segment, names)}
            onMembers={() => setTab("members")}
          />
        ) : null}
      </div>
      {exporting ? (
        <ExportDialog
          segment={{ ...(ed.savedId ? { id: ed.savedId } : {}), name: ed.name, definition: segment }}
          onClose={() => setExporting(false)}
        />
      ) : null}
    </div>
  );
}
