import type { ExportPreview } from "../../../src-preload/contract/methods/export.ts";
import { formatNumber } from "../../ui/format.ts";

// The first rows exactly as they will be written (hashes shortened for reading).
const shown = (v: string) => (/^[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 10)}…` : v);

export function Preview(props: { preview: ExportPreview }) {
  const preview = props.preview;
  return (
    <div className="export-preview">
      <div className="export-preview-scroll">
        <table className="export-preview-table">
          <thead>
            <tr>
              {preview.header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity of their own
              <tr key={i}>
                {r.map((c, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the header order
                  <td key={j} title={c}>
                    {shown(c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {preview.rows.length === 0 ? (
          <div className="muted export-preview-empty">No rows to show.</div>
        ) : null}
      </div>
      <div className="muted export-preview-foot">
        First {formatNumber(preview.rows.length)} rows of {formatNumber(preview.members)} members.
        {preview.missingIdentifier > 0
          ? ` ${formatNumber(preview.missingIdentifier)} of the first ${formatNumber(preview.sampled)} lack the required identifier and will be left out (counted in the manifest).`
          : ""}
      </div>
    </div>
  );
}
