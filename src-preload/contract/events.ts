import type { StrataErrorData } from "./errors.ts";
import type { PushProgress, PushReport } from "./methods/cluster.ts";
import type { ExportManifest } from "./methods/export.ts";
import type { ImportSummary } from "./methods/import.ts";

// What main pushes to the renderer without being asked.
export type StrataEvent =
  | {
      type: "importProgress";
      jobId: string;
      file: string;
      rows: number;
      bytes: number;
      totalBytes: number;
      rowsPerSecond: number;
      etaSeconds: number | null;
    }
  | { type: "importDone"; jobId: string; summaries: ImportSummary[] }
  | { type: "importFailed"; jobId: string; error: StrataErrorData }
  | { type: "exportProgress"; jobId: string; written: number; total: number }
  | { type: "exportDone"; jobId: string; manifest: ExportManifest }
  | { type: "exportFailed"; jobId: string; error: StrataErrorData }
  | ({ type: "pushProgress"; jobId: string } & PushProgress)
  | { type: "pushDone"; jobId: string; report: PushReport }
  | { type: "pushFailed"; jobId: string; error: StrataErrorData }
  | { type: "workspaceChanged" }
  | { type: "menu"; action: MenuAction; path?: string };

export type MenuAction =
  | "new"
  | "open"
  | "openRecent"
  | "saveAs"
  | "share"
  | "close"
  | "openDemo"
  | "commandPalette";
