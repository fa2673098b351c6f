import { str } from "./cell-values.ts";
import type { PropColumn } from "./mapping.ts";
import { type Grouping, numberOf } from "./number-text.ts";

// A property value as JSON text and the kind bits counted per property: shared by RowEncoder and
// ByteRowEncoder, which must write the same text for the same value.

export const KIND_STRING = 1;
export const KIND_NUMBER = 2;
export const KIND_BOOLEAN = 4;

export interface Col extends PropColumn {
  jsonKey: string;
}

/**
 * A string as JSON text. Short values of plain printable ASCII (most property values) are only
 * quoted, which costs a fraction of JSON.stringify's call.
 */
export function quote(v: string): string {
  const n = v.length;
  if (n > 32) return JSON.stringify(v);
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 92) return JSON.stringify(v);
  }
  return `"${v}"`;
}

/** What revenueText gives for a row whose quantity and price are both there but not both numbers. */
export const UNREADABLE: unique symbol = Symbol("unreadable revenue");

/** A quantity or a price: its number; null when the cell is empty (blank, null, missing); NaN when it holds anything else. */
function amount(v: unknown, grouping: Grouping): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : Number.NaN;
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") return Number.NaN;
  const text = str(v);
  if (text === "") return null;
  return numberOf(text, grouping) ?? Number.NaN;
}

/**
 * quantity x price, rounded to millionths, as JSON. null when either is empty: there is no revenue
 * to tell (a JSON `"price":null` is not a price of 0). UNREADABLE when one is not a number, or the
 * product is beyond a double's range: the caller counts the row, whose revenue would else be lost
 * without a word.
 */
export function revenueText(
  quantity: unknown,
  price: unknown,
  grouping: Grouping,
): string | null | typeof UNREADABLE {
  const q = amount(quantity, grouping);
  const p = amount(price, grouping);
  if (q === null || p === null) return null;
  const figure = Math.round(q * p * 1e6) / 1e6;
  return Number.isFinite(figure) ? String(figure) : UNREADABLE;
}
