import { useState } from "react";
import { call, pathForFile } from "../../api/client.ts";
import { formatDuration, formatNumber } from "../../ui/format.ts";
import { Icon } from "../../ui/icons.tsx";
import { EmptyState, ErrorState, ProgressBar, Skeleton } from "../../ui/states.tsx";
import { appError } from "./app-words.ts";
import { useImport } from "./import-store.ts";
import { MappingEditor } from "./MappingEditor.tsx";

// Import: choose or drop files, check the detected mapping on the first rows, fix it, start,
// watch progress (with cancel), read the summary. The summary also stays in the import log.
export function ImportView() {
  const importer = useImport();
  const [over, setOver] = useState(false);

  const chooseFiles = async () => {
    const paths = await call("dialogChooseImportFiles", {}).catch(() => []);
    if (paths.length) await importer.choose(paths);
  };

  if (importer.phase === "choose") {
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: a drop zone; the button inside is the keyboard path
      <div
        className={over ? "dropzone over" : "dropzone"}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          const paths = [...e.dataTransfer.files].map(pathForFile).filter((p): p is string => !!p);
          if (paths.length) importer.choose(paths);
        }}
      >
        <EmptyState
          title="Import events or users"
          action={
            <button type="button" className="btn btn-primary" onClick={chooseFiles}>
              <Icon name="upload" /> Choose files…
            </button>
          }
        >
          Drop CSV, TSV, NDJSON or JSON files here (gzip is fine). You will see the first rows and the
          detected columns before anything is written.
        </EmptyState>
      </div>
    );
  }

  const files = (
    <div className="import-files">
      <Icon name="file" />
      <span className="ellipsis" title={importer.paths.join("\n")}>
        {importer.paths.map((p) => p.split(/[\\/]/).pop()).join(", ")}
      </span>
      {importer.phase === "preview" ? (
        <button type="button" className="btn btn-sm btn-ghost" onClick={importer.reset}>
          Choose other files
        </button>
      ) : null}
    </div>
  );

  if (importer.phase === "running") {
    const progress = importer.progress;
    const value = progress && progress.totalBytes > 0 ? progress.bytes / progress.totalBytes : null;
    const label = progress
      ? `Importing ${progress.file.split(/[\\/]/).pop()}: ${formatNumber(progress.rows)} rows${progress.etaSeconds !== null ? `, about ${formatDuration(progress.etaSeconds)} left` : ""}`
      : "Starting the import…";
    return (
      <div className="import pad">
        {files}
        <ProgressBar label={label} value={value} onCancel={importer.cancel} />
      </div>
    );
  }

  if (importer.phase === "done" || importer.phase === "failed") {
    return (
      <div className="import pad">
        {files}
        {importer.error ? (
          <ErrorState compact error={appError(importer.error)} title="The import stopped" />
        ) : null}
        {importer.summaries.map((sum) => (
          <div key={sum.file} className="summary-card">
            <h3>{sum.file.split(/[\\/]/).pop()}</h3>
            <div className="stat-row num">
              <div className="stat">
                <span className="stat-value">{formatNumber(sum.added)}</span>
                <span className="stat-label">events added</span>
              </div>
              <div className="stat">
                <span className="stat-value">{formatNumber(sum.usersAdded)}</span>
                <span className="stat-label">new users</span>
              </div>
              <div className="stat">
                <span className="stat-value">{formatNumber(sum.skipped)}</span>
                <span className="stat-label">rows skipped</span>
              </div>
              <div className="stat">
                <span className="stat-value">{formatDuration(sum.seconds)}</span>
                <span className="stat-label">time taken</span>
              </div>
            </div>
            <ReasonList byReason={sum.skippedByReason} lead="" />
            <ReasonList byReason={sum.warnings} lead="events kept with a warning: " />
          </div>
        ))}
        <div className="btn-group">
          <button type="button" className="btn" onClick={importer.reset}>
            Import more files
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="import pad">
      {files}
      {importer.previewError ? (
        <ErrorState compact error={appError(importer.previewError)} title="Could not read the file" />
      ) : null}
      {importer.preview ? (
        <MappingEditor />
      ) : importer.loadingPreview ? (
        <Skeleton lines={6} height={22} />
      ) : null}
      <div className="import-foot">
        <span className="muted small">Nothing is written until you start.</span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          disabled={!importer.preview || importer.loadingPreview || !importer.preview.mapping.user}
          onClick={importer.start}
        >
          Start import
        </button>
      </div>
    </div>
  );
}

/** Rows counted by reason (skipped, or kept with a warning), with the first lines of each. */
function ReasonList({
  byReason,
  lead,
}: {
  byReason: Readonly<Record<string, { count: number; firstLines: readonly number[] }>>;
  lead: string;
}) {
  const reasons = Object.entries(byReason);
  if (reasons.length === 0) return null;
  return (
    <ul className="skip-list">
      {reasons.map(([reason, v]) => (
        <li key={reason}>
          <strong className="num">{formatNumber(v.count)}</strong> {lead}
          {reason}
          {v.firstLines.length ? <span className="muted"> (lines {v.firstLines.join(", ")})</span> : null}
        </li>
      ))}
    </ul>
  );
}
