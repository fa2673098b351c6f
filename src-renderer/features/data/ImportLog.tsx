import type { ImportLogEntry } from "../../../src-preload/contract/workspace-info.ts";
import { formatDuration, formatInstant, formatNumber } from "../../ui/format.ts";

// The workspace's import log: every file, what was added, what was skipped and why, and the rows
// added but not fully read (warnings: a revenue figure that is no number).

function reasonsTitle(byReason: ImportLogEntry["skippedByReason"]): string {
  return Object.entries(byReason)
    .map(([r, v]) => `${r}: ${v.count} (lines ${v.firstLines.join(", ")})`)
    .join("\n");
}
export function ImportLog(props: { entries: ImportLogEntry[]; timezone: string }) {
  if (props.entries.length === 0) return <p className="muted small pad">No imports yet.</p>;
  return (
    <table className="log-table">
      <thead>
        <tr>
          <th>File</th>
          <th>Kind</th>
          <th>Started</th>
          <th className="num">Rows read</th>
          <th className="num">Added</th>
          <th className="num">Skipped</th>
          <th className="num">Warnings</th>
          <th className="num">Time</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {[...props.entries].reverse().map((e) => (
          <tr key={e.id}>
            <td className="ellipsis" title={e.fileName}>
              {e.fileName}
            </td>
            <td>{e.kind}</td>
            <td>{formatInstant(e.startedAt, props.timezone, true)}</td>
            <td className="num">{formatNumber(e.rowsRead)}</td>
            <td className="num">{formatNumber(e.added)}</td>
            <td className="num" title={reasonsTitle(e.skippedByReason)}>
              {formatNumber(e.skipped)}
            </td>
            <td className="num" title={reasonsTitle(e.warnings)}>
              {formatNumber(Object.values(e.warnings).reduce((sum, w) => sum + w.count, 0))}
            </td>
            <td className="num">{formatDuration(e.seconds)}</td>
            <td>
              <span className={`status status-${e.status}`}>{e.status}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
