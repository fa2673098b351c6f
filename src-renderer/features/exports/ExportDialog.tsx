import { useEffect, useState } from "react";
import type {
  ExportPreset,
  ExportPreview,
  ExportRequest,
} from "../../../src-preload/contract/methods/export.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { call } from "../../api/client.ts";
import { useGlobalFilters } from "../../store/global-filters.ts";
import { Dialog } from "../../ui/Dialog.tsx";
import { formatNumber } from "../../ui/format.ts";
import { ErrorState, ProgressBar, Skeleton } from "../../ui/states.tsx";
import { ComputedColumns } from "../predict/ComputedColumns.tsx";
import { propensityIn } from "../predict/export-columns.ts";
import { Preview } from "./Preview.tsx";
import { defaultFileName, PRESET_INFO, parseAttributeList, presetInfo } from "./presets.ts";
import { useExportJob } from "./useExportJob.ts";
import "./exports.css";

// Export a segment for a campaign tool: pick the preset and extra attributes, look at the first rows
// exactly as they will be written, then choose the file; progress with Cancel; a summary at the end.
export function ExportDialog(props: {
  segment: { id?: string; name: string; definition: Segment };
  onClose: () => void;
}) {
  const [preset, setPreset] = useState<ExportPreset>("braze");
  const [attrText, setAttrText] = useState("");
  const [bom, setBom] = useState(false);
  const [known, setKnown] = useState<string[]>([]);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const job = useExportJob();
  // the top bar's zone, as the builder's count and the Predict view use it: the same members and hours
  const timezone = useGlobalFilters((s) => s.timezone);
  const info = presetInfo(preset);
  const [computed, setComputed] = useState<string[]>([]);
  const attributes = info.attributes ? [...parseAttributeList(attrText), ...computed] : [];
  const model = computed.includes("$propensityScore") ? propensityIn(props.segment.definition) : null;
  // what the builder shows is what gets exported, saved or not
  const segment: ExportRequest["segment"] = {
    definition: props.segment.definition,
    name: props.segment.name,
    ...(props.segment.id ? { savedId: props.segment.id } : {}),
  };
  const attrKey = attributes.join(",");

  useEffect(() => {
    call("catalogProperties", { scope: "user" })
      .then((ps) => setKnown(ps.map((p) => p.name)))
      .catch(() => setKnown([]));
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attrKey stands for the attribute list
  useEffect(() => {
    let live = true;
    setPreviewError(null);
    const t = setTimeout(() => {
      call("exportPreview", {
        segment: { definition: props.segment.definition },
        preset,
        ...(attributes.length > 0 ? { attributes } : {}),
        ...(model ? { propensity: model } : {}),
        ...(timezone ? { timezone } : {}),
        limit: 10,
      })
        .then((p) => live && setPreview(p))
        .catch((e: unknown) => live && setPreviewError(e));
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [preset, attrKey, props.segment.definition, timezone]);

  const start = async () => {
    const out = await call("dialogSaveFile", {
      defaultName: defaultFileName(props.segment.name, preset),
      filters: [info.extension],
    });
    if (!out) return;
    await job.start({
      segment,
      preset,
      out,
      ...(attributes.length > 0 ? { attributes } : {}),
      ...(model ? { propensity: model } : {}),
      ...(timezone ? { timezone } : {}),
      ...(bom && info.extension === "csv" ? { bom: true } : {}),
    });
  };

  const jobState = job.state;
  const running = jobState.phase === "running";
  const footer =
    jobState.phase === "done" ? (
      <button type="button" className="btn btn-primary" onClick={props.onClose}>
        Close
      </button>
    ) : (
      <>
        <button type="button" className="btn btn-ghost" onClick={props.onClose} disabled={running}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={start} disabled={running || !preview}>
          Export…
        </button>
      </>
    );

  return (
    <Dialog
      title={`Export "${props.segment.name}"`}
      onClose={running ? () => {} : props.onClose}
      footer={footer}
      width={760}
    >
      {jobState.phase === "done" ? (
        <dl className="export-summary" aria-label="Export summary">
          <dt>File</dt>
          <dd>{jobState.manifest.file}</dd>
          <dt>Rows written</dt>
          <dd>{formatNumber(jobState.manifest.written)}</dd>
          <dt>Members</dt>
          <dd>{formatNumber(jobState.manifest.members)}</dd>
          <dt>Left out</dt>
          <dd>
            {formatNumber(jobState.manifest.missingIdentifier)}
            {jobState.manifest.missingIdentifier > 0 ? ` (they lack ${jobState.manifest.requires})` : ""}
          </dd>
          <dt>Unusable values</dt>
          <dd>
            {formatNumber(jobState.manifest.invalid.email)} emails,{" "}
            {formatNumber(jobState.manifest.invalid.phone)} phones,{" "}
            {formatNumber(jobState.manifest.invalid.country)} countries
          </dd>
          <dt>Manifest</dt>
          <dd>{jobState.manifest.file}.manifest.json</dd>
        </dl>
      ) : (
        <>
          <div className="export-form">
            <label className="field">
              <span>Preset</span>
              <select
                className="input"
                value={preset}
                disabled={running}
                onChange={(e) => setPreset(e.currentTarget.value as ExportPreset)}
              >
                {PRESET_INFO.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Extra attributes (comma separated)</span>
              <input
                className="input"
                list="export-known-attributes"
                value={info.attributes ? attrText : ""}
                placeholder={
                  info.attributes
                    ? preset === "csv" || preset === "ndjson"
                      ? "all"
                      : "none"
                    : "fixed by the tool"
                }
                disabled={!info.attributes || running}
                onChange={(e) => setAttrText(e.currentTarget.value)}
              />
              <datalist id="export-known-attributes">
                {known.map((k) => (
                  <option key={k} value={k} />
                ))}
              </datalist>
            </label>
            <ComputedColumns
              segment={props.segment.definition}
              value={info.attributes ? computed : []}
              onChange={setComputed}
              disabled={!info.attributes || running}
            />
            <div className="wide muted export-hint">{info.hint}</div>
            {info.extension === "csv" ? (
              <label className="wide">
                <input
                  type="checkbox"
                  checked={bom}
                  disabled={running}
                  onChange={(e) => setBom(e.currentTarget.checked)}
                />{" "}
                Start with a byte order mark (helps Excel read UTF-8)
              </label>
            ) : null}
          </div>
          {previewError ? (
            <ErrorState error={previewError} title="The preview could not be made" compact />
          ) : preview ? (
            <Preview preview={preview} />
          ) : (
            <Skeleton lines={6} height={18} />
          )}
        </>
      )}
      {jobState.phase === "running" ? (
        <div style={{ marginTop: 12 }}>
          <ProgressBar
            label={`Writing ${formatNumber(jobState.written)} of ${formatNumber(jobState.total)} members`}
            value={jobState.total > 0 ? jobState.written / jobState.total : null}
            onCancel={job.cancel}
          />
        </div>
      ) : null}
      {jobState.phase === "failed" ? (
        <ErrorState error={jobState.error} title="The export failed" compact />
      ) : null}
      {jobState.phase === "cancelled" ? <div className="muted">Cancelled: nothing was written.</div> : null}
    </Dialog>
  );
}
