import { useBlockContext } from "./context.ts";
import { useSegmentEditor } from "./editor-store.ts";
import { TEMPLATES } from "./templates.ts";
import { fromSegment } from "./tree.ts";

// Playbook templates replace the current conditions (undoable) and name an untitled segment.
export function Templates() {
  const ctx = useBlockContext();
  return (
    <div className="templates">
      {TEMPLATES.map((t) => (
        <button
          key={t.id}
          type="button"
          className="template"
          title={t.description}
          onClick={() => {
            const ed = useSegmentEditor.getState();
            // a saved segment is never overwritten by a template: it starts a new draft instead
            if (ed.savedId) ed.load(t.name, t.make(ctx));
            else {
              ed.apply(() => fromSegment(t.make(ctx)));
              ed.setName(t.name);
            }
          }}
        >
          <span className="template-name">{t.name}</span>
          <span className="template-desc">{t.description}</span>
        </button>
      ))}
    </div>
  );
}
