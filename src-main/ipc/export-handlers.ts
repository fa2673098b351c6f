import { randomUUID } from "node:crypto";
import type { exportMethods } from "../../src-preload/contract/methods/export.ts";
import { listExports, previewExport, runExport } from "../export/run-export.ts";
import { shareCopy } from "../share/share-copy.ts";
import { rendererError } from "./renderer-error.ts";
import type { AreaHandlers } from "./types.ts";

// Exports run in the background of the main process: exportStart answers with a job id at once and
// reports through exportProgress / exportDone / exportFailed events; exportCancel aborts between pages.

const jobs = new Map<string, AbortController>();
const PROGRESS_EVERY_MS = 150;

export const exportHandlers: AreaHandlers<typeof exportMethods> = {
  exportPreview: (req, { session }) => previewExport(session.workspace, () => session.engine, req),
  exportStart: (req, { session, emit, grants }) => {
    const ws = session.workspace;
    const jobId = randomUUID();
    const ctl = new AbortController();
    jobs.set(jobId, ctl);
    let last = 0;
    void runExport({
      ws,
      engine: () => session.engine,
      // a save dialog already asked the user before replacing the file
      request: {
        ...req,
        overwrite: req.overwrite === true || (grants?.confirmedOverwrite(req.out) ?? false),
      },
      signal: ctl.signal,
      onProgress: (written, total) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && written < total) return;
        last = now;
        emit({ type: "exportProgress", jobId, written, total });
      },
    })
      .then((manifest) => emit({ type: "exportDone", jobId, manifest }))
      .catch((e: unknown) => emit({ type: "exportFailed", jobId, error: rendererError(e) }))
      .finally(() => jobs.delete(jobId));
    return { jobId };
  },
  exportCancel: (req) => {
    jobs.get(req.jobId)?.abort();
    return null;
  },
  exportList: (_req, { session }) => listExports(session.workspace.db),
  dialogSaveFile: (req, { dialogs }) => dialogs.saveFile(req.defaultName, req.filters ?? []),
  // what the copy lost, as `strata share` prints it: the dialog shows it before the file is sent
  shareCopy: async (req, { session }) => {
    const shared = await shareCopy(session.workspace, req);
    return {
      path: shared.path,
      bytes: shared.bytes,
      dropped: shared.dropped,
      redacted: shared.redacted,
      affected: shared.affected.map((item) => ({
        id: item.id,
        type: item.type,
        name: item.name,
        uses: item.uses,
        before: item.before,
        after: item.after,
      })),
      resultsDropped: shared.resultsDropped,
    };
  },
};
