import { useWorkspace } from "../../store/workspace.ts";
import { formatInstant } from "../../ui/format.ts";
import { Icon } from "../../ui/icons.tsx";
import { ErrorState, ProgressBar } from "../../ui/states.tsx";

// What the analyst sees with no workspace open: open, new, recent files, and the demo.
export function StartScreen() {
  const { recent, opening, error, open, openDemo, chooseAndOpen, chooseAndCreate, forget, clearError } =
    useWorkspace();
  return (
    <main className="start">
      <div className="start-card">
        <header className="start-head">
          <div className="brand-mark" aria-hidden="true">
            S
          </div>
          <div>
            <h1>Strata</h1>
            <p className="muted">
              Behavioral segments from your event exports. Everything stays on this computer.
            </p>
          </div>
        </header>

        <div className="start-actions">
          <button type="button" className="start-action" onClick={chooseAndOpen} disabled={!!opening}>
            <Icon name="folder" size={20} />
            <span>
              <strong>Open workspace…</strong>
              <small>A .strata file</small>
            </span>
          </button>
          <button type="button" className="start-action" onClick={chooseAndCreate} disabled={!!opening}>
            <Icon name="plus" size={20} />
            <span>
              <strong>New workspace…</strong>
              <small>Then import CSV or JSON events</small>
            </span>
          </button>
          <button
            type="button"
            className="start-action start-action-accent"
            onClick={openDemo}
            disabled={!!opening}
          >
            <Icon name="sparkle" size={20} />
            <span>
              <strong>Open the demo</strong>
              <small>A shop: 20,000 users over 120 days</small>
            </span>
          </button>
        </div>

        <div className="start-status">
          {opening ? <ProgressBar label={opening} value={null} /> : null}
          {error ? (
            <ErrorState compact error={error} title="Could not open the workspace" onRetry={clearError} />
          ) : null}
        </div>

        <section aria-labelledby="recent-h">
          <h2 id="recent-h" className="section-title">
            Recent
          </h2>
          {recent.length === 0 ? (
            <p className="muted small">Workspaces you open appear here.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((r) => (
                <li key={r.path} className={r.exists ? "recent" : "recent recent-missing"}>
                  <button
                    type="button"
                    className="recent-open"
                    disabled={!r.exists || !!opening}
                    onClick={() => open(r.path)}
                    title={r.exists ? r.path : `${r.path} was moved or deleted`}
                  >
                    <Icon name="file" />
                    <span className="recent-name">{r.name}</span>
                    <span className="recent-path">{r.path}</span>
                    <span className="recent-when">{r.exists ? formatInstant(r.openedAt) : "missing"}</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn-icon btn-ghost"
                    aria-label={`Remove ${r.name} from recent`}
                    onClick={() => forget(r.path)}
                  >
                    <Icon name="close" />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
