import type { ReactNode } from "react";
import type { StrataError } from "../api/client.ts";
import { Icon } from "./icons.tsx";

// Loading, empty and error states shared by every view, so each looks and reads the same.

export function EmptyState(props: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  compact?: boolean;
}) {
  return (
    <div className={props.compact ? "state state-compact" : "state"} role="status">
      <div className="state-title">{props.title}</div>
      {props.children ? <div className="state-body">{props.children}</div> : null}
      {props.action ? <div className="state-actions">{props.action}</div> : null}
    </div>
  );
}

/** What went wrong in an analyst's words, with the details one click away to copy. */
export function ErrorState(props: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const error = props.error as Partial<StrataError> & { message?: string };
  const message = error?.message ?? String(props.error);
  const details = [error?.code ? `code: ${error.code}` : null, message, error?.details ?? null]
    .filter(Boolean)
    .join("\n");
  return (
    <div className={props.compact ? "state state-compact state-error" : "state state-error"} role="alert">
      <div className="state-title">
        <Icon name="alert" /> {props.title ?? "Something went wrong"}
      </div>
      <div className="state-body">{message}</div>
      <div className="state-actions">
        {props.onRetry ? (
          <button type="button" className="btn" onClick={props.onRetry}>
            Try again
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => navigator.clipboard?.writeText(details).catch(() => undefined)}
        >
          <Icon name="copy" /> Copy details
        </button>
      </div>
    </div>
  );
}

/** A skeleton block that keeps the layout's size while data loads (no jumps). */
export function Skeleton(props: { height?: number; width?: number | string; lines?: number }) {
  const lines = props.lines ?? 1;
  return (
    <div className="skeleton-group" role="status" aria-busy="true" aria-label="Loading">
      {Array.from({ length: lines }, (_, i) => `line${i}`).map((k) => (
        <div
          key={k}
          className="skeleton"
          style={{ height: props.height ?? 14, width: props.width ?? "100%" }}
        />
      ))}
    </div>
  );
}

/** Long work: what is happening, how far, and a way out. */
export function ProgressBar(props: { label: string; value: number | null; onCancel?: () => void }) {
  const pct = props.value === null ? null : Math.max(0, Math.min(1, props.value)) * 100;
  return (
    <div className="progress">
      <div className="progress-head">
        <span>{props.label}</span>
        {pct !== null ? <span className="num">{pct.toFixed(0)}%</span> : null}
        {props.onCancel ? (
          <button type="button" className="btn btn-sm" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <div
        className={pct === null ? "progress-track progress-indeterminate" : "progress-track"}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-label={props.label}
      >
        <div className="progress-fill" style={{ width: pct === null ? "30%" : `${pct}%` }} />
      </div>
    </div>
  );
}
