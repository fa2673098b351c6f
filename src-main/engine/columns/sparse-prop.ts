import { outOfBounds } from "../typed-index.ts";
import type { ColumnArrays } from "./column-builder.ts";
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

/**
 * The column's values by the code of their events (each as sparseOf with that code), codes
 * ascending: one pass counts them by code, one more fills every code's lists.
 */
export function valuesByCode(col: PropColumn, codes: Uint16Array): Map<number, SparseProp> {
  const tags = col.tag;
  const counts = new Int32Array(0x10000);
  for (let i = 0; i < tags.length; i++) {
    if (tags[i] === TAG_MISSING) continue;
    const code = codes[i] ?? outOfBounds();
    counts[code] = (counts[code] ?? outOfBounds()) + 1;
  }
  const lists: (SparseProp | undefined)[] = [];
  const out = new Map<number, SparseProp>();
  counts.forEach((count, code) => {
    if (count === 0) return;
    const list: SparseProp = {
      at: new Int32Array(count),
      tag: new Uint8Array(count),
      num: new Float64Array(col.num.length === 0 ? 0 : count),
      str: new Int32Array(col.str.length === 0 ? 0 : count),
      dict: col.dict,
    };
    lists[code] = list;
    out.set(code, list);
  });
  const filled = new Int32Array(0x10000);
  for (let i = 0; i < tags.length; i++) {
    const kind = tags[i] ?? outOfBounds();
    if (kind === TAG_MISSING) continue;
    const code = codes[i] ?? outOfBounds();
    const list = lists[code] ?? outOfBounds();
    const k = filled[code] ?? outOfBounds();
    filled[code] = k + 1;
    list.at[k] = i;
    list.tag[k] = kind;
    if (list.num.length > 0) list.num[k] = col.num[i] ?? outOfBounds();
    if (list.str.length > 0) list.str[k] = col.str[i] ?? outOfBounds();
  }
  return out;
}

/** No value at all (of a property no event of the code carries). */
export function noValues(dict: readonly string[]): SparseProp {
  return {
    at: new Int32Array(0),
    tag: new Uint8Array(0),
    num: new Float64Array(0),
    str: new Int32Array(0),
    dict,
  };
}

/** Two lists of values as one, in slot order (each ascends, and no slot is in both). */
function mergeTwo(a: SparseProp, b: SparseProp, dict: readonly string[]): SparseProp {
  const count = a.at.length + b.at.length;
  const at = new Int32Array(count);
  const tag = new Uint8Array(count);
  const num = new Float64Array(a.num.length > 0 || b.num.length > 0 ? count : 0);
  const str = new Int32Array(a.str.length > 0 || b.str.length > 0 ? count : 0);
  let i = 0;
  let j = 0;
  for (let k = 0; k < count; k++) {
    const fromA =
      j >= b.at.length || (i < a.at.length && (a.at[i] ?? outOfBounds()) < (b.at[j] ?? outOfBounds()));
    const from = fromA ? a : b;
    const x = fromA ? i++ : j++;
    at[k] = from.at[x] ?? outOfBounds();
    tag[k] = from.tag[x] ?? outOfBounds();
    // a list whose value part is empty holds no value of that kind: 0, as sparseOf leaves it
    if (num.length > 0 && from.num.length > 0) num[k] = from.num[x] ?? outOfBounds();
    if (str.length > 0 && from.str.length > 0) str[k] = from.str[x] ?? outOfBounds();
  }
  return { at, tag, num, str, dict };
}

/** Values of several codes as one, in slot order: merged two by two, about log2(lists) passes. */
export function mergeValues(lists: readonly SparseProp[], dict: readonly string[]): SparseProp {
  let round = [...lists];
  if (round.length === 0) return noValues(dict);
  while (round.length > 1) {
    const next: SparseProp[] = [];
    for (let k = 0; k < round.length; k += 2) {
      const a = round[k] ?? outOfBounds();
      const b = round[k + 1];
      next.push(b ? mergeTwo(a, b, dict) : a);
    }
    round = next;
  }
  const only = round[0] ?? outOfBounds();
  return only.dict === dict ? only : { ...only, dict };
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

/**
 * The column whose values are these lists' (every event code's that has some, as valuesByCode
 * gives them), each slot as the column they were taken from holds it, in `arrays`.
 */
export function columnOfValues(
  lists: readonly SparseProp[],
  dict: readonly string[],
  arrays: ColumnArrays,
): PropColumn {
  const { tag, num, str } = arrays;
  let nums = false;
  let strs = false;
  for (const list of lists) {
    const hasNum = list.num.length > 0;
    const hasStr = list.str.length > 0;
    nums ||= hasNum;
    strs ||= hasStr;
    for (let k = 0; k < list.at.length; k++) {
      const pos = list.at[k] ?? outOfBounds();
      tag[pos] = list.tag[k] ?? outOfBounds();
      if (hasNum) num[pos] = list.num[k] ?? outOfBounds();
      if (hasStr) str[pos] = list.str[k] ?? outOfBounds();
    }
  }
  return { tag, num: nums ? num : new Float64Array(0), str: strs ? str : new Int32Array(0), dict };
}
