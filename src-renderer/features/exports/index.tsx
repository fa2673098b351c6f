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

  if (error) return <ErrorState error={error} title="Recent exports could not be read" onRetry={load} />;
  if (!list) return <Skeleton lines={8} height={24} />;
  const share = (
    <button type="button" className="btn" onClick={() => useUi.getState().setShare(true)}>
      Share a copy…
    </button>
  );
  if (list.length === 0)
    return (
      <EmptyState title="No exports yet" action={share}>
        Open a segment and choose Export to write its members for Braze, Mailchimp, Meta, Google and others.
      </EmptyState>
    );
  const current = list.find((m) => String(m.id) === selected) ?? null;
  return (
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
            <pre>{JSON.stringify(current, null, 2)}</pre>
          </>
        ) : (
          <div className="muted">Select an export to read its manifest.</div>
        )}
      </aside>
    </div>
  );
}
