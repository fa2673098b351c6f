import type { PropColumn } from "./mapping.ts";

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

/** quantity x price, rounded to millionths, as JSON; null when either is not a number. */
export function revenueText(quantity: unknown, price: unknown): string | null {
  const q = Number(quantity);
  const p = Number(price);
  if (quantity === "" || price === "" || !Number.isFinite(q) || !Number.isFinite(p)) return null;
  return String(Math.round(q * p * 1e6) / 1e6);
}
