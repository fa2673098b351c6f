import { outOfBounds } from "../typed-index.ts";
import { type PropColumn, type SparseProp, TAG_MISSING } from "./types.ts";

// An event property's values where events have one (types.ts SparseProp), and the walk a scan in
// event order makes through them.

/** The slots that hold a value. */
export function valueCount(tags: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < tags.length; i++) if (tags[i] !== TAG_MISSING) count++;
  return count;
}

/**
 * The column's values where its tag is not TAG_MISSING, in slot order: at the events of `code` only
 * (`codes`: the timeline's event codes), or at every event when `code` is negative.
 */
export function sparseOf(col: PropColumn, codes: Uint16Array, code = -1): SparseProp {
  const tags = col.tag;
  const ofCode = (i: number) => code < 0 || codes[i] === code;
  let count = 0;
  for (let i = 0; i < tags.length; i++) if (tags[i] !== TAG_MISSING && ofCode(i)) count++;
  const at = new Int32Array(count);
  const tag = new Uint8Array(count);
  // an empty value part stays empty (props.ts): no slot uses it
  const num = new Float64Array(col.num.length === 0 ? 0 : count);
  const str = new Int32Array(col.str.length === 0 ? 0 : count);
  for (let i = 0, k = 0; i < tags.length; i++) {
    const t = tags[i] ?? outOfBounds();
    if (t === TAG_MISSING || !ofCode(i)) continue;
    at[k] = i;
    tag[k] = t;
    if (num.length > 0) num[k] = col.num[i] ?? outOfBounds();
    if (str.length > 0) str[k] = col.str[i] ?? outOfBounds();
    k++;
  }
  return { at, tag, num, str, dict: col.dict };
}

/** The column's values by the code of their events (each as sparseOf with that code), codes ascending. */
export function valuesByCode(col: PropColumn, codes: Uint16Array): Map<number, SparseProp> {
  const seen = new Set<number>();
  for (let i = 0; i < col.tag.length; i++)
    if (col.tag[i] !== TAG_MISSING) seen.add(codes[i] ?? outOfBounds());
  return new Map([...seen].sort((a, b) => a - b).map((code) => [code, sparseOf(col, codes, code)]));
}

/** Values of several codes as one, in slot order (each list ascends, and no slot is in two). */
export function mergeValues(lists: readonly SparseProp[], dict: readonly string[]): SparseProp {
  const count = lists.reduce((n, v) => n + v.at.length, 0);
  const at = new Int32Array(count);
  const tag = new Uint8Array(count);
  const num = new Float64Array(lists.some((v) => v.num.length > 0) ? count : 0);
  const str = new Int32Array(lists.some((v) => v.str.length > 0) ? count : 0);
  const next = lists.map(() => 0);
  for (let k = 0; k < count; k++) {
    // the list whose next slot comes first (a handful of event codes: a linear pick)
    let best = -1;
    let bestAt = Number.POSITIVE_INFINITY;
    for (let list = 0; list < lists.length; list++) {
      const pos = lists[list]?.at[next[list] ?? outOfBounds()];
      if (pos !== undefined && pos < bestAt) {
        best = list;
        bestAt = pos;
      }
    }
    const from = lists[best] ?? outOfBounds();
    const j = next[best] ?? outOfBounds();
    next[best] = j + 1;
    at[k] = bestAt;
    tag[k] = from.tag[j] ?? outOfBounds();
    if (num.length > 0) num[k] = from.num.length > 0 ? (from.num[j] ?? outOfBounds()) : 0;
    if (str.length > 0) str[k] = from.str.length > 0 ? (from.str[j] ?? outOfBounds()) : 0;
  }
  return { at, tag, num, str, dict };
}

/** The first k with `at[k] >= pos`, or `at.length` (where a scan from event `pos` starts its walk). */
export function firstValueFrom(at: Int32Array, pos: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((at[mid] ?? outOfBounds()) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether `at` ascends strictly over events of `code` (any event when negative) and the value parts
 * fit it: what a saved form read from an untrusted file must be before a scan walks it.
 */
export function sparseFits(v: SparseProp, codes: Uint16Array, code = -1): boolean {
  const n = v.at.length;
  if (v.tag.length !== n || (v.num.length !== 0 && v.num.length !== n)) return false;
  if (v.str.length !== 0 && v.str.length !== n) return false;
  let before = -1;
  for (let k = 0; k < n; k++) {
    const pos = v.at[k] ?? outOfBounds();
    if (pos <= before || pos >= codes.length || v.tag[k] === TAG_MISSING) return false;
    if (code >= 0 && codes[pos] !== code) return false;
    before = pos;
  }
  return true;
}
