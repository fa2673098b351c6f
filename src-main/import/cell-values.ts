import type { PropColumn } from "./mapping.ts";
import { type Grouping, numberOf } from "./number-text.ts";

// A row's cells as RowEncoder reads them, one value at a time and apart from its per-row state: the
// user id, a value as trimmed text, a user attribute's typed value, what a time cell held.

/** What a time cell held, for an error: a missing field is said so, not printed as "undefined". */
export function holds(v: unknown): string {
  if (v === undefined) return "is missing on this row";
  if (v === null) return "is null";
  const t = typeof v === "string" ? v : JSON.stringify(v);
  return `holds "${t.length > 60 ? `${t.slice(0, 60)}…` : t}"`;
}

/** "17850.0" -> "17850": spreadsheets and pandas write integer ids as floats. */
export function normalizeUserId(v: unknown): string {
  if (typeof v === "string") {
    let s = v;
    const c0 = s.charCodeAt(0);
    if (c0 === 32 || c0 === 9 || s.charCodeAt(s.length - 1) === 32) s = s.trim();
    if (s.charCodeAt(s.length - 1) === 48 && /^-?\d+\.0+$/.test(s)) s = s.slice(0, s.indexOf("."));
    return s;
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return String(v);
  return "";
}

/** A cell as text, trimmed; "" when null or missing. */
export function str(v: unknown): string {
  if (typeof v === "string")
    // trim() scans and may copy; most values have nothing to trim
    return v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32 ? v : v.trim();
  if (v === null || v === undefined) return "";
  return String(v);
}

/** A user attribute's value from an event row, typed like the column; null when empty. */
export function attrValue(
  v: unknown,
  type: PropColumn["type"],
  grouping: Grouping,
): string | number | boolean | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return JSON.stringify(v);
  const t = str(v);
  if (t === "") return null;
  if (type === "number") {
    const n = numberOf(t, grouping);
    if (n !== null) return n;
  }
  if (type === "boolean" && /^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  return t;
}
