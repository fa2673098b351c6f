import type { z } from "zod";
import { StrataError } from "../src-preload/contract/errors.ts";
import { closestBranch } from "../src-preload/contract/reraise.ts";

// Turns zod's issues into one sentence that names each offending field, the value given and what is
// allowed, e.g. `query.interval: must be one of "day"|"week"|"month" (got "fortnight")`. zod's own
// words ("Invalid input") name neither the value nor the choices.

function pathText(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(request)";
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

/** A short rendering of the value the analyst gave, for the error message. */
export function shown(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describe(i: z.core.$ZodIssue, value: unknown): string {
  const v = at(value, i.path);
  const got = v === undefined ? "" : ` (got ${shown(v)})`;
  switch (i.code) {
    case "unrecognized_keys":
      return `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_type":
      return v === undefined ? `is required (${i.expected})` : `expected ${i.expected}${got}`;
    case "invalid_value":
      return `${v === undefined ? "is required: " : "must be "}one of ${i.values.map((x) => shown(x)).join("|")}${got}`;
    case "invalid_union": {
      const b = closestBranch(i.errors);
      if (b.length === 0) return `${i.message}${got}`;
      const inner = b.map(
        (x) => `${pathText("", x.path) === "(request)" ? "" : `${pathText("", x.path)}: `}${describe(x, v)}`,
      );
      return `not an allowed form${got}; ${inner.join(", ")}`;
    }
    default:
      return `${i.message.replace(/^Invalid (input|option): /, "")}${got}`;
  }
}

/**
 * The issues as one message. `name` spells a field's path when the caller's words differ from the
 * schema's (the CLI names `--time-format`, not `timeFormat`); by default `root.path[0].path`.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  root = "",
  value?: unknown,
  name: (path: readonly PropertyKey[]) => string = (path) => pathText(root, path),
): string {
  return issues
    .slice(0, 5)
    .map((i) => `${name(i.path)}: ${describe(i, value)}`)
    .join("; ");
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root = ""): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new StrataError("invalid_request", formatIssues(r.error.issues, root, value));
  return r.data;
}
