import { formatNumber, formatPercent, share } from "../../ui/format.ts";
import type { LiveCount } from "./useLiveCount.ts";

// "12,408 users · 31.2% of 39,771", faint while the next count runs, never blank.
export function CountBadge(props: { count: LiveCount }) {
  const { result, busy, error, lastMs } = props.count;
  const msg = error instanceof Error ? error.message : error ? String(error) : null;
  return (
    <div
      className={`count-badge${busy ? " busy" : ""}${error ? " stale" : ""}`}
      role="status"
      aria-live="polite"
      aria-busy={busy}
      data-testid="segment-count"
      data-users={result?.users ?? ""}
      data-update-ms={lastMs ?? ""}
      title={
        msg
          ? `Not updated: ${msg}`
          : lastMs !== null
            ? `Counted in ${lastMs} ms after the last edit`
            : undefined
      }
    >
      {result ? (
        <>
          <span className="count-value num">{formatNumber(result.users)}</span>
          <span className="count-unit">users</span>
          <span className="count-share num">
            · {formatPercent(share(result.users, result.ofTotal))} of {formatNumber(result.ofTotal)}
          </span>
        </>
      ) : error ? (
        <span className="count-unit">Count unavailable</span>
      ) : (
        <span className="count-unit">Counting…</span>
      )}
      {error && result ? (
        <span className="count-warn" title={`Not updated: ${msg}`}>
          !
        </span>
      ) : null}
      {busy ? <span className="count-spinner" aria-hidden="true" /> : null}
    </div>
  );
}
