import { hash } from "node:crypto";

/** SHA-256 of the UTF-8 bytes, lowercase hex: what Meta and Google match on. */
export function sha256Hex(normalized: string): string {
  // the one-shot hash is about twice as fast as createHash for short strings (millions per export)
  return hash("sha256", normalized, "hex");
}

/** Hashes when there is a value; null stays null (an empty cell, never the hash of ""). */
export function hashOrNull(normalized: string | null): string | null {
  return normalized === null ? null : sha256Hex(normalized);
}
