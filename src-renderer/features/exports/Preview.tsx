import type { ExportPreview } from "../../../src-preload/contract/methods/export.ts";
import { formatNumber } from "../../ui/format.ts";

// The first rows exactly as they will be written (hashes shortened for reading).
const shown = (v: string) => (/^[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 10)}…` : v);

export function Preview(props: { preview: ExportPreview }) {
  const p = props.preview;
  return (
    <div className="export-preview">
      <div className="export-preview-scroll">
        <table className="export-preview-table">
          <thead>
            <tr>
              {p.header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r, i) => (
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
        {p.rows.length === 0 ? <div className="muted export-preview-empty">No rows to show.</div> : null}
      </div>
      <div className="muted export-preview-foot">
        First {formatNumber(p.rows.length)} rows of {formatNumber(p.members)} members.
        {p.missingIdentifier > 0
          ? ` ${formatNumber(p.missingIdentifier)} of the first ${formatNumber(p.sampled)} lack the required identifier and will be left out (counted in the manifest).`
          : ""}
      </div>
    </div>
  );
}
