import { outOfBounds } from "../typed-index.ts";
import { firstValueFrom } from "./sparse-prop.ts";
import { type SparseProp, TAG_NUMBER, type Timeline } from "./types.ts";

// The events of one event code among a slice of users, copied out of the timeline in its order:
// each one's position, user index and time. A query about a rare event (a purchase is 2.6% of the
// bench's events) then reads a few MB in sequence instead of every event's code, and its amounts
// from a copy of their own, gathered from the property's values (types.ts SparseProp).
// Built when a slice's events of the code are asked for again (a one-shot query, as the CLI runs,
// scans the timeline: building the copy costs about what one scan does, more for a recent range),
// and kept with the timeline, as property columns are.

export interface CodeEvents {
  /** timeline positions, ascending */
  readonly positions: Int32Array;
  /** the user index of each (ascending: the timeline is ordered by user) */
  readonly users: Int32Array;
  readonly times: Float64Array;
}

/** When a copy is made: up to which share of the slice's events, and whether on the second ask only. */
export interface CopyPolicy {
  maxShare: number;
  onReuse: boolean;
}

interface Entry {
  asked: number;
  /** the slice's events of the code, counted when a copy is first considered */
  count: number | null;
  events: CodeEvents | null;
}

/**
 * Slices kept per timeline: the query workers' slices (one each, stable for a timeline) and whole
 * runs, for a few event codes; the oldest goes first.
 */
const KEPT = 16;
const kept = new WeakMap<Timeline, Map<string, Entry>>();
/** each property's amounts of a CodeEvents (codeAmounts), kept as long as both are */
const amountsKept = new WeakMap<CodeEvents, WeakMap<SparseProp, Float64Array>>();

function entryOf(tl: Timeline, code: number, from: number, to: number): Entry {
  let slices = kept.get(tl);
  if (!slices) {
    slices = new Map();
    kept.set(tl, slices);
  }
  const key = `${code}:${from}:${to}`;
  const found = slices.get(key);
  if (found) return found;
  const entry: Entry = { asked: 0, count: null, events: null };
  if (slices.size >= KEPT) {
    const oldest = slices.keys().next();
    if (!oldest.done) slices.delete(oldest.value);
  }
  slices.set(key, entry);
  return entry;
}

function countOf(tl: Timeline, code: number, from: number, to: number): number {
  const codes = tl.eventCodes;
  const end = tl.userOffsets[to] ?? outOfBounds();
  let count = 0;
  for (let pos = tl.userOffsets[from] ?? outOfBounds(); pos < end; pos++) if (codes[pos] === code) count++;
  return count;
}

function build(tl: Timeline, code: number, from: number, to: number, count: number): CodeEvents {
  const positions = new Int32Array(count);
  const users = new Int32Array(count);
  const times = new Float64Array(count);
  const codes = tl.eventCodes;
  const offsets = tl.userOffsets;
  const eventTimes = tl.times;
  let k = 0;
  for (let user = from; user < to; user++) {
    const end = offsets[user + 1] ?? outOfBounds();
    for (let pos = offsets[user] ?? outOfBounds(); pos < end; pos++) {
      if (codes[pos] !== code) continue;
      positions[k] = pos;
      users[k] = user;
      times[k] = eventTimes[pos] ?? outOfBounds();
      k++;
    }
  }
  return { positions, users, times };
}

/**
 * The events of `code` among users [from, to), or null: when they are more than `maxShare` of the
 * slice's events (a common event's copy would cost more memory than its scan saves), or, with
 * `onReuse`, the first time they are asked for.
 */
export function codeEvents(
  tl: Timeline,
  code: number,
  from: number,
  to: number,
  policy: CopyPolicy,
): CodeEvents | null {
  const entry = entryOf(tl, code, from, to);
  entry.asked++;
  if (entry.events) return entry.events;
  if (policy.maxShare <= 0 || (policy.onReuse && entry.asked < 2)) return null;
  const count = entry.count ?? countOf(tl, code, from, to);
  entry.count = count;
  const span = (tl.userOffsets[to] ?? outOfBounds()) - (tl.userOffsets[from] ?? outOfBounds());
  if (count > policy.maxShare * span) return null;
  entry.events = build(tl, code, from, to, count);
  return entry.events;
}

/**
 * A property's amounts for `events` (from codeEvents): the number where the event's value is one,
 * else 0, so that a sum adds every slot as it is (adding +0 leaves any sum unchanged, as skipping
 * the event would: a sum that starts at +0 is never -0). Both lists ascend in position: one merge.
 */
export function codeAmounts(values: SparseProp, events: CodeEvents): Float64Array {
  let byValues = amountsKept.get(events);
  if (!byValues) {
    byValues = new WeakMap();
    amountsKept.set(events, byValues);
  }
  const found = byValues.get(values);
  if (found) return found;
  const out = new Float64Array(events.positions.length);
  const { at, tag, num } = values;
  // values with no number keep an empty num part (props.ts, sparse-prop.ts): every amount is then 0
  if (num.length > 0) {
    // a later slice's events start past the earlier slices' values
    let next = firstValueFrom(at, events.positions[0] ?? 0);
    for (let k = 0; k < out.length; k++) {
      const pos = events.positions[k] ?? outOfBounds();
      while (next < at.length && (at[next] ?? outOfBounds()) < pos) next++;
      if (next < at.length && at[next] === pos && tag[next] === TAG_NUMBER)
        out[k] = num[next] ?? outOfBounds();
    }
  }
  byValues.set(values, out);
  return out;
}
