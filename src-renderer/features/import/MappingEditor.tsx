import type { ImportOptions, ImportPreview } from "../../../src-preload/contract/methods/import.ts";
import { inAppWords } from "./app-words.ts";
import { useImport } from "./import-store.ts";

// The detected mapping, editable: which column is the user, the event, the time; each column's
// type (or skip); and the first rows as they will be read.
type ColType = NonNullable<ImportOptions["types"]>[string];
const TYPES: ColType[] = ["string", "number", "boolean", "time", "skip"];

export function MappingEditor() {
  const { preview, options, setOptions, loadingPreview } = useImport();
  if (!preview) return null;
  const cols = preview.columns.map((c) => c.name);
  const select = (label: string, value: string | null, onChange: (v: string) => void, allowNone = false) => (
    <label className="field">
      <span>{label}</span>
      <select className="input" value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        {allowNone || !value ? <option value="">{allowNone ? "(none)" : "choose a column"}</option> : null}
        {cols.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className={loadingPreview ? "mapping busy" : "mapping"}>
      <div className="mapping-meta muted small">
        {preview.format.toUpperCase()}
        {preview.gzip ? " (gzip)" : ""} · {preview.encoding}
        {preview.delimiter ? ` · delimiter “${preview.delimiter === "\t" ? "tab" : preview.delimiter}”` : ""}
        {preview.mapping.preset ? ` · recognized as ${preview.mapping.preset}` : ""}
      </div>
      <div className="mapping-fields">
        <label className="field">
          <span>Rows are</span>
          <select
            className="input"
            value={options.kind ?? "events"}
            onChange={(e) => setOptions({ kind: e.target.value as "events" | "users" })}
          >
            <option value="events">events</option>
            <option value="users">users (attributes)</option>
          </select>
        </label>
        {select("User id column", preview.mapping.user, (v) => setOptions({ user: v }))}
        {(options.kind ?? "events") === "events" ? (
          <>
            {select(
              "Event name column",
              preview.mapping.event,
              (v) => setOptions(v ? { event: v } : {}),
              true,
            )}
            {!preview.mapping.event ? (
              <label className="field">
                <span>or one event name for every row</span>
                <input
                  className="input"
                  defaultValue={preview.mapping.eventName ?? ""}
                  onBlur={(e) => e.target.value.trim() && setOptions({ eventName: e.target.value.trim() })}
                />
              </label>
            ) : null}
            {select("Time column", preview.mapping.time, (v) => setOptions({ time: v }))}
            <label className="field">
              <span>Times without a zone are in</span>
              <input
                className="input"
                placeholder="UTC"
                defaultValue={options.timezone ?? ""}
                onBlur={(e) => setOptions(e.target.value.trim() ? { timezone: e.target.value.trim() } : {})}
              />
            </label>
          </>
        ) : null}
        <label className="field">
          <span>Time format</span>
          <input
            className="input"
            placeholder="detected"
            title="A pattern such as D/M/YYYY H:mm, M/D/YYYY h:mm A or YYYYMMDD; iso; epoch"
            defaultValue={options.timeFormat ?? ""}
            onBlur={(e) => setOptions({ timeFormat: e.target.value.trim() || undefined })}
          />
        </label>
        {preview.format === "json" || preview.format === "ndjson" ? (
          <label className="check">
            <input
              type="checkbox"
              checked={options.keepReadable ?? false}
              onChange={(e) => setOptions({ keepReadable: e.target.checked })}
            />
            <span>Keep the readable events of a file that ends early (otherwise such a file is refused)</span>
          </label>
        ) : null}
      </div>
      {preview.problems.length ? (
        <ul className="problems" role="alert">
          {preview.problems.map((p) => (
            <li key={p}>{inAppWords(p)}</li>
          ))}
        </ul>
      ) : null}
      <PreviewTable
        preview={preview}
        types={options.types}
        setType={(column, type) => setOptions({ types: { ...(options.types ?? {}), [column]: type } })}
      />
    </div>
  );
}

/**
 * The first rows as the import will read them. A column is headed by the name its property is
 * stored under (a JSON export's `properties.plan` is `plan`), the file's name under it when that
 * differs; its type override is keyed by the file's name, as the options name columns. Properties
 * the import computes (revenue) follow the file's columns.
 */
export function PreviewTable({
  preview,
  types,
  setType,
}: {
  preview: ImportPreview;
  types: ImportOptions["types"];
  setType(column: string, type: ColType): void;
}) {
  const computed = preview.computed ?? [];
  return (
    <div className="preview-scroll">
      <table className="preview-table">
        <thead>
          <tr>
            {preview.columns.map((c) => (
              <th key={c.name} className={c.role === "skip" ? "skipped" : undefined}>
                <div className="col-name">{c.storedAs ?? c.name}</div>
                {c.storedAs !== undefined ? <div className="col-from">from {c.name}</div> : null}
                <div className="col-meta">
                  <span className={`role role-${c.role}`}>{c.role}</span>
                  <select
                    className="input input-mini"
                    aria-label={`Type of ${c.name}`}
                    value={types?.[c.name] ?? (c.role === "skip" ? "skip" : c.type)}
                    onChange={(e) => setType(c.name, e.target.value as ColType)}
                  >
                    {TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                </div>
              </th>
            ))}
            {computed.map((c) => (
              <th key={`computed:${c.name}`} className="computed" title={`computed on import: ${c.formula}`}>
                <div className="col-name">{c.name}</div>
                <div className="col-from">= {c.formula}</div>
                <div className="col-meta">
                  <span className="role role-computed">computed</span>
                  <span className="role">{c.type}</span>
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, 20).map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
            <tr key={r}>
              {row.map((v, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells by column position
                <td key={c} className={typeof v === "number" ? "num" : undefined}>
                  {v === null ? <span className="faint">null</span> : String(v)}
                </td>
              ))}
              {computed.map((c) => {
                const v = c.values[r] ?? null;
                return (
                  <td key={`computed:${c.name}`} className="num computed">
                    {v === null ? <span className="faint">none</span> : String(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
