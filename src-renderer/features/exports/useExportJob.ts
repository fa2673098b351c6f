import { useCallback, useEffect, useRef, useState } from "react";
import type { StrataErrorData } from "../../../src-preload/contract/errors.ts";
import type { ExportManifest, ExportRequest } from "../../../src-preload/contract/methods/export.ts";
import { call, onEvent } from "../../api/client.ts";

// One export job seen from the renderer: started through the API, followed through push events.

export type JobState =
  | { phase: "idle" }
  | { phase: "running"; jobId: string | null; written: number; total: number }
  | { phase: "done"; manifest: ExportManifest }
  | { phase: "failed"; error: StrataErrorData }
  | { phase: "cancelled" };

export function useExportJob() {
  const [state, setState] = useState<JobState>({ phase: "idle" });
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    let off: (() => void) | undefined;
    try {
      off = onEvent((e) => {
        if (!("jobId" in e) || e.jobId !== jobRef.current) return;
        if (e.type === "exportProgress")
          setState({ phase: "running", jobId: e.jobId, written: e.written, total: e.total });
        else if (e.type === "exportDone") setState({ phase: "done", manifest: e.manifest });
        else if (e.type === "exportFailed")
          setState(
            e.error.code === "cancelled" ? { phase: "cancelled" } : { phase: "failed", error: e.error },
          );
      });
    } catch {
      off = undefined;
    }
    return () => off?.();
  }, []);

  const start = useCallback(async (req: ExportRequest) => {
    setState({ phase: "running", jobId: null, written: 0, total: 0 });
    try {
      const { jobId } = await call("exportStart", req);
      jobRef.current = jobId;
      setState((s) => (s.phase === "running" ? { ...s, jobId } : s));
    } catch (e) {
      const err = e as StrataErrorData;
      setState({ phase: "failed", error: { code: err.code ?? "internal", message: err.message } });
    }
  }, []);

  const cancel = useCallback(async () => {
    if (jobRef.current) await call("exportCancel", { jobId: jobRef.current });
  }, []);

  return { state, start, cancel, reset: () => setState({ phase: "idle" }) };
}
