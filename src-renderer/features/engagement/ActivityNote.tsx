import { useState } from "react";
import { call } from "../../api/client.ts";
import { useCatalogEvents } from "../../store/catalog-cache.ts";
import { useWorkspace } from "../../store/workspace.ts";

/** The workspace's not-activity events (message deliveries by default). */
export function useNotActivity(): readonly string[] {
  return useWorkspace((s) => s.info?.activity.exclude) ?? NONE;
}
const NONE: readonly string[] = [];

/**
 * Which events count as activity, said where activity is counted: "Not activity: email_sent,
 * push_sent (message deliveries)", with a way to change the workspace's list.
 */
export function ActivityNote() {
  const info = useWorkspace((s) => s.info);
  const setInfo = useWorkspace((s) => s.setInfo);
  const events = useCatalogEvents();
  const [editing, setEditing] = useState<string[] | null>(null);
  if (!info) return null;
  const { exclude, source } = info.activity;
  const save = (list: string[] | null) => {
    call("workspaceSetSettings", { notActivity: list })
      .then(setInfo)
      .catch(() => undefined);
    setEditing(null);
  };
  return (
    <span className="av-field activity-note" data-testid="activity-note">
      <span className="muted">
        {exclude.length
          ? `Not activity: ${exclude.join(", ")}${source === "default" ? " (message deliveries)" : ""}`
          : "Every event counts as activity"}
      </span>
      <button type="button" className="btn-link" onClick={() => setEditing(editing ? null : [...exclude])}>
        Change…
      </button>
      {editing ? (
        <div className="popover activity-pop" role="dialog" aria-label="Events that are not activity">
          <p className="muted small">Events done to users, not by them, such as message sends:</p>
          <ul className="activity-list">
            {(events ?? []).map((e) => (
              <li key={e.name}>
                <label>
                  <input
                    type="checkbox"
                    checked={editing.includes(e.name)}
                    onChange={(ev) =>
                      setEditing(
                        ev.target.checked ? [...editing, e.name] : editing.filter((n) => n !== e.name),
                      )
                    }
                  />{" "}
                  {e.name}
                </label>
              </li>
            ))}
          </ul>
          <div className="activity-actions">
            <button type="button" className="btn" onClick={() => save(null)}>
              Message deliveries (default)
            </button>
            <button type="button" className="btn btn-primary" onClick={() => save(editing)}>
              Save
            </button>
          </div>
        </div>
      ) : null}
    </span>
  );
}
