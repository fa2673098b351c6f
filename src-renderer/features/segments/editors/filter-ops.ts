import type { Filter, FilterOp, Scalar } from "../../../../src-preload/contract/common.ts";
import type { PropertyType } from "../../../../src-preload/contract/methods/catalog.ts";

// Which operators a property's type offers, and how a filter keeps its value when its operator or
// its property changes. The engine compares values by type (the number 30 never equals the text
// "30"), so a value carried over to a property of another type must be re-read as that type, or the
// builder shows one value while the count is of another.

export const OPS_BY_TYPE: Record<PropertyType, FilterOp[]> = {
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "in", "notIn", "isSet", "isNotSet"],
  time: ["gt", "gte", "lt", "lte", "between", "isSet", "isNotSet"],
  boolean: ["eq", "neq", "isSet", "isNotSet"],
  string: ["eq", "neq", "in", "notIn", "contains", "notContains", "startsWith", "isSet", "isNotSet"],
  mixed: ["eq", "neq", "in", "notIn", "contains", "notContains", "startsWith", "isSet", "isNotSet"],
};

export function opsFor(type: PropertyType | undefined): FilterOp[] {
  return OPS_BY_TYPE[type ?? "string"];
}

/** Text typed for a value, read as the property's type ("30" is a number for a number property). */
export function parseScalar(text: string, type: PropertyType | undefined): Scalar {
  if (type === "number") {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n) ? n : text;
  }
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/** Moves a filter to another operator, keeping what it can of the value. */
export function withOp(f: Filter, op: FilterOp): Filter {
  const base = { property: f.property, ...(f.scope ? { scope: f.scope } : {}) };
  const first: Scalar = "value" in f ? (Array.isArray(f.value) ? (f.value[0] ?? "") : f.value) : "";
  if (op === "isSet" || op === "isNotSet") return { ...base, op };
  if (op === "between") return { ...base, op, value: [first, first] };
  if (op === "in" || op === "notIn") return { ...base, op, value: first === "" ? [] : [first] };
  return { ...base, op, value: first };
}

/** A value re-read as another type; a boolean that cannot be read becomes true, as its menu shows. */
function retyped(v: Scalar, type: PropertyType | undefined): Scalar {
  const read = parseScalar(String(v), type);
  if (type === "boolean" && typeof read !== "boolean") return true;
  return read;
}

/** The filter moved to another property: an operator its type offers, and values of its type. */
export function withProperty(f: Filter, property: string, type: PropertyType | undefined): Filter {
  const allowed = opsFor(type);
  const moved = allowed.includes(f.op) ? { ...f, property } : withOp({ ...f, property }, allowed[0] ?? "eq");
  switch (moved.op) {
    case "isSet":
    case "isNotSet":
      return moved;
    case "between":
      return { ...moved, value: [retyped(moved.value[0], type), retyped(moved.value[1], type)] };
    case "in":
    case "notIn":
      return { ...moved, value: moved.value.map((v) => retyped(v, type)) };
    default:
      return { ...moved, value: retyped(moved.value, type) };
  }
}
