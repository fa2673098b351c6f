import { randomUUID } from "node:crypto";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { importMethods } from "../../src-preload/contract/methods/import.ts";
import { checkImportOptions } from "../import/check-options.ts";
import { preview } from "../import/inspect.ts";
import { type RunningImport, startImport } from "../import/start-import.ts";
import { importLog } from "../workspace/info.ts";
import { rendererError } from "./renderer-error.ts";
import type { AreaHandlers } from "./types.ts";

// Imports run in the import worker; these handlers start, cancel and report them. Progress and the
// end of a job arrive as push events, so importStart answers at once with the job's id.

const jobs = new Map<string, RunningImport>();

export const importHandlers: AreaHandlers<typeof importMethods> = {
  dialogChooseImportFiles: (_req, { dialogs }) => dialogs.chooseImportFiles(),

  importPreview: (req, { session }) => {
    checkImportOptions(req.options ?? {});
    return preview(req.path, req.options ?? {}, session.isOpen ? session.workspace.meta().timezone : "UTC");
  },

  importStart: (req, ctx) => {
    const ws = ctx.session.workspace;
    if (ws.readonly)
      throw new StrataError("locked", `${ws.name} is open read-only: imports need a writable copy`);
    checkImportOptions(req.options ?? {});
    const jobId = randomUUID();
    const job = startImport({ workspace: ws.path, files: req.paths, options: req.options ?? {} }, (p) =>
      ctx.emit({ type: "importProgress", jobId, ...p }),
    );
    jobs.set(jobId, job);
    job.done.then(
      (summaries) => {
        jobs.delete(jobId);
        ctx.session.importEnding(job.exited);
        ctx.session.eventsChanged();
        ctx.emit({ type: "importDone", jobId, summaries });
        ctx.emit({ type: "workspaceChanged" });
      },
      (e: unknown) => {
        jobs.delete(jobId);
        ctx.session.importEnding(job.exited);
        ctx.emit({ type: "importFailed", jobId, error: rendererError(e) });
        // a failed or cancelled job still adds a line to the import log
        ctx.emit({ type: "workspaceChanged" });
      },
    );
    return { jobId };
  },

  importCancel: (req) => {
    const job = jobs.get(req.jobId);
    if (!job) throw new StrataError("not_found", `no import job ${req.jobId} is running`);
    job.cancel();
    return null;
  },

  importLog: (_req, { session }) => importLog(session.workspace),
};
