import { useCallback, useEffect, useState } from "react";
import type { ExportManifest } from "../../../src-preload/contract/methods/export.ts";
import { call, onEvent } from "../../api/client.ts";
import { useUi } from "../../store/ui.ts";
import { formatNumber } from "../../ui/format.ts";
import { EmptyState, ErrorState, Skeleton } from "../../ui/states.tsx";
import { type ColumnSpec, DataTable } from "../../ui/Table.tsx";
import "./exports.css";

// Recent exports with their manifests: what each file holds, so an analyst can tell later.

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

const COLUMNS: ColumnSpec<ExportManifest>[] = [
  { id: "created", header: "Created", value: (m) => m.createdAt.slice(0, 16).replace("T", " "), width: 140 },
  { id: "segment", header: "Segment", value: (m) => m.segmentName ?? "(unsaved segment)" },
  { id: "preset", header: "Preset", value: (m) => m.preset, width: 100 },
  { id: "written", header: "Rows", value: (m) => m.written, numeric: true, width: 100 },
  { id: "missing", header: "Left out", value: (m) => m.missingIdentifier, numeric: true, width: 90 },
  { id: "file", header: "File", value: (m) => baseName(m.file) },
];

export function ExportsView() {
  const [list, setList] = useState<ExportManifest[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const load = useCallback(() => {
    call("exportList", {})
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    load();
    try {
      return onEvent((e) => {
        if (e.type === "exportDone" || e.type === "workspaceChanged") load();
      });
    } catch {
      return undefined;
    }
  }, [load]);

  const head = (
    <div className="view-head">
      <h1>Exports</h1>
    </div>
  );
  if (error)
    return (
      <div className="view">
        {head}
        <ErrorState error={error} title="Recent exports could not be read" onRetry={load} />
      </div>
    );
  if (!list)
    return (
      <div className="view">
        {head}
        <Skeleton lines={8} height={24} />
      </div>
    );
  const share = (
    <button type="button" className="btn" onClick={() => useUi.getState().setShare(true)}>
      Share a copy…
    </button>
  );
  if (list.length === 0)
    return (
      <div className="view">
        {head}
        <EmptyState title="No exports yet" action={share}>
          Open a segment and choose Export to write its members for Braze, Mailchimp, Meta, Google and others.
        </EmptyState>
      </div>
    );
  const current = list.find((m) => String(m.id) === selected) ?? null;
  return (
    <div className="view">
      {head}
      <div className="exports-view">
        <DataTable
          label="Recent exports"
          data={list}
          columns={COLUMNS}
          getRowId={(m) => String(m.id)}
          onRowClick={(m) => setSelected(String(m.id))}
          selectedId={selected}
          csvName="exports.csv"
          toolbar={share}
        />
        <aside className="exports-inspector" aria-label="Manifest">
          {current ? (
            <>
              <h3>{baseName(current.file)}</h3>
              <p className="muted">
                {formatNumber(current.written)} of {formatNumber(current.members)} members written, as of{" "}
                {current.asOf}.{" "}
                {current.missingIdentifier > 0
                  ? `${formatNumber(current.missingIdentifier)} lack ${current.requires}.`
                  : ""}
              </p>
              <ManifestFacts m={current} />
              <details>
                <summary className="muted">The manifest file as written</summary>
                <pre>{JSON.stringify(current, null, 2)}</pre>
              </details>
            </>
          ) : (
            <div className="muted">Select an export to read its manifest.</div>
          )}
        </aside>
      </div>
    </div>
  );
}

/** The manifest in words: what the file holds, for whom, as of when, and how to check it. */
function ManifestFacts({ m }: { m: ExportManifest }) {
  const invalid = Object.entries(m.invalid).filter(([, n]) => n > 0);
  const rows: [string, string][] = [
    ["Segment", m.segmentName ?? "(unsaved segment)"],
    ["Saved segment", m.segmentId ? `yes (id ${m.segmentId})` : "no: exported as edited, not saved"],
    ["Preset", m.preset],
    ["Columns", m.columns.join(", ")],
    ["As of", m.timezone ? `${m.asOf} (${m.timezone})` : m.asOf],
    ["Members", formatNumber(m.members)],
    ["Rows written", formatNumber(m.written)],
    [
      "Left out",
      m.missingIdentifier > 0 ? `${formatNumber(m.missingIdentifier)} (lack ${m.requires})` : "none",
    ],
    [
      "Invalid values",
      invalid.length ? invalid.map(([k, n]) => `${formatNumber(n)} ${k}`).join(", ") : "none",
    ],
    ["Size", `${formatNumber(m.bytes)} bytes${m.bom ? ", with a byte order mark" : ""}`],
    ["SHA-256", m.sha256],
    ["Created", `${m.createdAt.slice(0, 16).replace("T", " ")} by Strata ${m.strataVersion}`],
    ["File", m.file],
  ];
  return (
    <dl className="manifest-facts" data-testid="manifest-facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
