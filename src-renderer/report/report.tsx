import { useEffect, useState } from "react";
import type { Query } from "../../src-preload/contract/queries.ts";
import { useNavigation } from "../store/navigation.ts";
import { useSaved } from "../store/saved.ts";

export interface OpenReport {
  id: string;
  name: string;
}

/**
 * Picks up a saved report handed over by navigation (sidebar, palette) when its kind belongs to this
 * view, now or later while the view is open.
 */
export function useIncomingReport(kinds: readonly string[], apply: (q: Query, r: OpenReport) => void): void {
  const pending = useNavigation((s) => s.openReport);
  // biome-ignore lint/correctness/useExhaustiveDependencies: apply is read at hand-over time only
  useEffect(() => {
    if (!pending || !kinds.includes(pending.query.kind)) return;
    const r = useNavigation.getState().takeReport();
    if (r) apply(r.query, { id: r.id, name: r.name });
  }, [pending]);
}

interface BarProps {
  report: OpenReport | null;
  setReport(r: OpenReport | null): void;
  query: Query | null;
  defaultName: string;
  /** true when the query differs from the saved one */
  dirty: boolean;
  onSaved?(): void;
}

/**
 * Report title with Save / Save as new / Rename; saved reports live in the workspace file and are
 * written through the saved-items store, so the sidebar lists them at once.
 */
export function ReportBar({ report, setReport, query, defaultName, dirty, onSaved }: BarProps) {
  const [naming, setNaming] = useState<null | "new" | "rename">(null);
  const [name, setName] = useState("");
  const [msg, setMsg] = useState<string | null>(null);

  const startNaming = (mode: "new" | "rename") => {
    setName(mode === "rename" && report ? report.name : report ? `${report.name} (copy)` : defaultName);
    setNaming(mode);
    setMsg(null);
  };

  const commit = async () => {
    const n = name.trim();
    if (!n || !naming) return;
    try {
      if (naming === "rename" && report) {
        const item = await useSaved.getState().rename(report.id, n);
        setReport({ id: item.id, name: item.name });
      } else if (query) {
        const item = await useSaved.getState().saveReport(n, query);
        setReport({ id: item.id, name: item.name });
      }
      setNaming(null);
      setMsg("Saved");
      onSaved?.();
    } catch (e) {
      setMsg(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const saveChanges = async () => {
    if (!report || !query) return;
    try {
      await useSaved.getState().saveReport(report.name, query, report.id);
      setMsg("Saved");
      onSaved?.();
    } catch (e) {
      setMsg(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  if (naming) {
    return (
      <form
        className="report-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void commit();
        }}
      >
        <input
          className="input report-name-input"
          aria-label="Report name"
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && setNaming(null)}
        />
        <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
          {naming === "rename" ? "Rename" : "Save report"}
        </button>
        <button type="button" className="btn" onClick={() => setNaming(null)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="report-bar">
      <h1 className="view-title" data-testid="report-title">
        {report ? report.name : defaultName}
        {report && dirty ? <span className="dirty-dot" title="Unsaved changes" /> : null}
      </h1>
      {msg ? (
        <span className="report-msg" role="status">
          {msg}
        </span>
      ) : null}
      <div className="report-actions">
        {report ? (
          <>
            <button type="button" className="btn" onClick={() => startNaming("rename")}>
              Rename
            </button>
            <button type="button" className="btn" onClick={() => startNaming("new")} disabled={!query}>
              Save as new
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void saveChanges()}
              disabled={!dirty}
            >
              Save
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => startNaming("new")}
            disabled={!query}
          >
            Save report
          </button>
        )}
      </div>
    </div>
  );
}
