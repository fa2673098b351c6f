import type { Filter } from "../../../src-preload/contract/common.ts";

// The virtual event properties $weekday and $hour (resources/docs/queries.md, "Extensions") read as
// time words in summaries: "on Tuesday", "on Monday–Friday", "at 14:00–15:00".

export const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The values of lo..hi a numeric filter takes, or null when it is not a plain numeric filter. */
function taken(filter: Filter, lo: number, hi: number): number[] | null {
  const num = (x: unknown): x is number => typeof x === "number";
  let ok: (v: number) => boolean;
  switch (filter.op) {
    case "eq":
    case "neq": {
      const operand = filter.value;
      if (!num(operand)) return null;
      ok = filter.op === "eq" ? (v) => v === operand : (v) => v !== operand;
      break;
    }
    case "in":
    case "notIn": {
      const xs = filter.value;
      if (!xs.every(num)) return null;
      ok = filter.op === "in" ? (v) => xs.includes(v) : (v) => !xs.includes(v);
      break;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const operand = filter.value;
      if (!num(operand)) return null;
      const cmp = {
        gt: (v: number) => v > operand,
        gte: (v: number) => v >= operand,
        lt: (v: number) => v < operand,
      };
      ok = filter.op === "lte" ? (v) => v <= operand : cmp[filter.op];
      break;
    }
    case "between": {
      const [low, high] = filter.value;
      if (!num(low) || !num(high)) return null;
      ok = (v) => v >= low && v <= high;
      break;
    }
    default:
      return null;
  }
  const out: number[] = [];
  for (let value = lo; value <= hi; value++) if (ok(value)) out.push(value);
  return out;
}

/** Consecutive values as [first, last] runs. */
function runs(vs: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const v of vs) {
    const last = out[out.length - 1];
    if (last && last[1] === v - 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** "on Tuesday" / "at 14:00–15:00" for a $weekday / $hour event filter; null for any other filter. */
export function clockText(f: Filter): string | null {
  if (f.scope === "user" || (f.property !== "$weekday" && f.property !== "$hour")) return null;
  const day = f.property === "$weekday";
  const vs = day ? taken(f, 1, 7) : taken(f, 0, 23);
  if (vs === null) return null;
  if (vs.length === 0) return day ? "on no weekday" : "at no hour";
  const parts = runs(vs).map(([a, b]) =>
    day ? (a === b ? (DAYS[a - 1] ?? "") : `${DAYS[a - 1]}–${DAYS[b - 1]}`) : `${hh(a)}–${hh(b + 1)}`,
  );
  return `${day ? "on" : "at"} ${parts.join(" or ")}`;
}
