import { StrataError, type StrataErrorData, toErrorData } from "../../src-preload/contract/errors.ts";

export function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split("\n")[0] ?? "").slice(0, 200);
}

/**
 * An error as the renderer may see it: internal failures lose their details (a worker's stack
 * trace travels in them), other errors keep theirs (they name a file, line and field).
 */
export function rendererError(e: unknown): StrataErrorData {
  const data = toErrorData(e);
  if (data.code !== "internal") return data;
  if (!(e instanceof StrataError)) console.error("strata: internal error:", e);
  return { code: "internal", message: firstLine(data.message) };
}
