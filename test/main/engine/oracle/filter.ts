import type { Filter, Scalar } from "../../../../src-preload/contract/common.ts";

// The reference's reading of a Filter, written from the text of spec/queries.md ("Filter") and
// resources/docs/queries.md ("Filters"), not from src-main/engine/filters.ts:
// - a property whose value is null counts as missing;
// - comparing across types (or with a missing value) is false for every op except neq, notIn and
//   notContains, which are the exact negations of eq, in and contains;
// - gt, gte, lt, lte and between compare numbers with numbers and strings with strings in code-point
//   order; booleans take only eq, neq, in, notIn, isSet, isNotSet; between is inclusive;
// - eq is case-sensitive; contains, notContains and startsWith are case-insensitive, strings only.

export type Value = string | number | boolean | null;

/** -1, 0 or 1 when the spec orders the two values; null when it does not (types differ, booleans). */
function order(a: Value, b: Scalar): number | null {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a !== "string" || typeof b !== "string") return null;
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}

function equal(a: Value, b: Scalar): boolean {
  return typeof a === typeof b && a === b;
}

/** The test on both values lower-cased, when both are strings; false otherwise. */
function folded(a: Value, b: Scalar, test: (x: string, y: string) => boolean): boolean {
  return typeof a === "string" && typeof b === "string" && test(a.toLowerCase(), b.toLowerCase());
}

/** Ops that hold only when the types agree; the three negations are defined from them below. */
const positive = {
  eq: (a: Value, b: Scalar) => equal(a, b),
  in: (a: Value, bs: readonly Scalar[]) => bs.some((b) => equal(a, b)),
  contains: (a: Value, b: Scalar) => folded(a, b, (x, y) => x.includes(y)),
};

/** Does the value (undefined or null: missing) satisfy the filter? */
export function satisfies(filter: Filter, raw: Value | undefined): boolean {
  const v = raw ?? null;
  switch (filter.op) {
    case "isSet":
      return v !== null;
    case "isNotSet":
      return v === null;
    case "eq":
      return positive.eq(v, filter.value);
    case "neq":
      return !positive.eq(v, filter.value);
    case "in":
      return positive.in(v, filter.value);
    case "notIn":
      return !positive.in(v, filter.value);
    case "contains":
      return positive.contains(v, filter.value);
    case "notContains":
      return !positive.contains(v, filter.value);
    case "startsWith":
      return folded(v, filter.value, (x, y) => x.startsWith(y));
    case "gt":
      return (order(v, filter.value) ?? Number.NaN) > 0;
    case "gte":
      return (order(v, filter.value) ?? Number.NaN) >= 0;
    case "lt":
      return (order(v, filter.value) ?? Number.NaN) < 0;
    case "lte":
      return (order(v, filter.value) ?? Number.NaN) <= 0;
    case "between": {
      const low = order(v, filter.value[0]);
      const high = order(v, filter.value[1]);
      return low !== null && high !== null && low >= 0 && high <= 0;
    }
  }
}
