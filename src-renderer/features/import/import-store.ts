import { create } from "zustand";
import type { StrataErrorData } from "../../../src-preload/contract/errors.ts";
import type {
  ImportOptions,
  ImportPreview,
  ImportSummary,
} from "../../../src-preload/contract/methods/import.ts";
import { call, onEvent } from "../../api/client.ts";
import { useCatalog } from "../../store/catalog.ts";
import { keepPerWorkspace } from "../../store/per-workspace.ts";
import { useWorkspace } from "../../store/workspace.ts";

// One import at a time: chosen files, the preview with the mapping the analyst edits, then the
// running job's progress and its summary. Kept in a store so switching views does not lose it.
export type ImportPhase = "choose" | "preview" | "running" | "done" | "failed";

export interface ImportState {
  phase: ImportPhase;
  paths: string[];
  options: ImportOptions;
  preview: ImportPreview | null;
  previewError: unknown;
  loadingPreview: boolean;
  jobId: string | null;
  progress: {
    file: string;
    bytes: number;
    totalBytes: number;
    rows: number;
    etaSeconds: number | null;
  } | null;
  summaries: ImportSummary[];
  error: StrataErrorData | null;
  choose(paths: string[]): Promise<void>;
  setOptions(patch: Partial<ImportOptions>): Promise<void>;
  start(): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

let unsubscribe: (() => void) | null = null;

export const useImport = create<ImportState>((set, get) => {
  async function loadPreview() {
    const path = get().paths[0];
    if (!path) return;
    set({ loadingPreview: true, previewError: null });
    try {
      const preview = await call("importPreview", { path, options: get().options });
      set({ preview, phase: "preview" });
    } catch (e) {
      set({ previewError: e, phase: "preview" });
    } finally {
      set({ loadingPreview: false });
    }
  }
  function listen() {
    if (unsubscribe) return;
    unsubscribe = onEvent((e) => {
      const job = get().jobId;
      if (!("jobId" in e) || e.jobId !== job) return;
      if (e.type === "importProgress") {
        set({
          progress: {
            file: e.file,
            bytes: e.bytes,
            totalBytes: e.totalBytes,
            rows: e.rows,
            etaSeconds: e.etaSeconds,
          },
        });
      } else if (e.type === "importDone") {
        set({ phase: "done", summaries: e.summaries, jobId: null });
        useWorkspace.getState().refresh();
        useCatalog.getState().load();
      } else if (e.type === "importFailed") {
        set({ phase: e.error.code === "cancelled" ? "preview" : "failed", error: e.error, jobId: null });
        useWorkspace.getState().refresh();
      }
    });
  }
  return {
    phase: "choose",
    paths: [],
    options: {},
    preview: null,
    previewError: null,
    loadingPreview: false,
    jobId: null,
    progress: null,
    summaries: [],
    error: null,
    choose: async (paths) => {
      set({ paths, options: {}, preview: null, summaries: [], error: null, progress: null });
      await loadPreview();
    },
    setOptions: async (patch) => {
      set({ options: { ...get().options, ...patch } });
      await loadPreview();
    },
    start: async () => {
      listen();
      set({ phase: "running", progress: null, error: null, summaries: [] });
      try {
        const { jobId } = await call("importStart", { paths: get().paths, options: get().options });
        set({ jobId });
      } catch (e) {
        const err = e as { code?: string; message?: string };
        set({
          phase: "failed",
          error: {
            code: (err.code ?? "internal") as StrataErrorData["code"],
            message: err.message ?? String(e),
          },
        });
      }
    },
    cancel: async () => {
      const job = get().jobId;
      if (job) await call("importCancel", { jobId: job }).catch(() => undefined);
    },
    reset: () =>
      set({
        phase: "choose",
        paths: [],
        options: {},
        preview: null,
        summaries: [],
        error: null,
        progress: null,
      }),
  };
});

// A running import keeps its job id with its workspace: its progress events are ignored while
// another workspace is shown.
keepPerWorkspace(useImport, [
  "phase",
  "paths",
  "options",
  "preview",
  "previewError",
  "loadingPreview",
  "jobId",
  "progress",
  "summaries",
  "error",
]);
