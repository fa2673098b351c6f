import type { z } from "zod";
import { StrataError } from "../src-preload/contract/errors.ts";

// Turns zod's issues into one sentence that names each offending field, e.g.
// `query.steps[1].event: expected string, received number`.

function pathText(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(request)";
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], root = ""): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      let msg = i.message;
      if (i.code === "unrecognized_keys")
        msg = `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}`;
      return `${pathText(root, i.path)}: ${msg}`;
    })
    .join("; ");
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root = ""): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new StrataError("invalid_request", formatIssues(r.error.issues, root));
  return r.data;
}
