import type { FilterOp } from "../../../src-preload/contract/common.ts";

/** How a filter operator reads, the same in the builder's operator menu and in a segment's summary. */
export const OP_LABELS: Record<FilterOp, string> = {
  eq: "is",
  neq: "is not",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  between: "between",
  in: "is one of",
  notIn: "is none of",
  contains: "contains",
  notContains: "does not contain",
  startsWith: "starts with",
  isSet: "is set",
  isNotSet: "is not set",
};
