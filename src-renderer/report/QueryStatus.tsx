import { useState } from "react";
import type { StrataError } from "../api/client.ts";

interface Props {
  slow: boolean;
  error: StrataError | null;
  onCancel(): void;
  /** what is being computed, in the analyst's words ("Computing the funnel") */
  what: string;
}

/**
 * Above a chart: nothing for quick work, an indeterminate progress bar with Cancel past 1 s, or an
 * error in plain words with its details one click away. It takes no room (a pill floats over the
 * panel's top edge), so charts never move when it appears.
 */
export function QueryStatus({ slow, error, onCancel, what }: Props) {
  const [copied, setCopied] = useState(false);
  if (error) {
    const text = `${error.code}: ${error.message}${error.details ? `\n${error.details}` : ""}`;
    return (
      <div className="query-status is-error" role="alert">
        <div className="query-status-pill">
          <span className="query-status-text">{explain(error)}</span>
          <button
            type="button"
            className="btn-link"
            onClick={() => {
              void navigator.clipboard?.writeText(text).then(() => setCopied(true));
            }}
          >
            {copied ? "Copied" : "Copy details"}
          </button>
        </div>
      </div>
    );
  }
  if (!slow) return <div className="query-status" aria-hidden="true" />;
  return (
    <div className="query-status is-slow" role="status">
      <div className="query-status-pill">
        <div className="progress-track" aria-hidden="true">
          <div className="progress-bar" />
        </div>
        <span className="query-status-text">{what}…</span>
        <button type="button" className="btn-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function explain(e: StrataError): string {
  switch (e.code) {
    case "not_open":
      return "No workspace is open. Open or create one from the Data view.";
    case "invalid_request":
      return `This query cannot run: ${e.message}`;
    case "cancelled":
      return `Cancelled: ${e.message.replace(/^cancelled:?\s*/i, "")}`;
    default:
      return `Something went wrong: ${e.message}`;
  }
}
