import { type PropColumn, TAG_MISSING, TAG_STRING } from "../columns/types.ts";

/**
 * Do the events at timeline positions a and b carry the same value of every held property? A
 * missing value is a value of its own (two events without `platform` agree); 1 and "1" differ.
 */
export function sameHeld(cols: readonly PropColumn[], a: number, b: number): boolean {
  for (const col of cols) {
    const tag = col.tag[a];
    if (tag !== col.tag[b]) return false;
    if (tag === TAG_MISSING) continue;
    if (tag === TAG_STRING ? col.str[a] !== col.str[b] : col.num[a] !== col.num[b]) return false;
  }
  return true;
}
