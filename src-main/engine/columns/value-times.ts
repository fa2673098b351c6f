import { outOfBounds } from "../typed-index.ts";

// The times of a property's values' events, gathered once per list of values: a walk over the values
// (trends/scan.ts walkValues) read each value's time from its event, and the values lie far apart
// among the events (a purchase every ~40 at 10M), so every read missed the cache: 25 ms of a 30 ms
// daily median at 10M. Gathered, a later walk reads them in order. Kept while both the times and the
// values are (a timeline keeps its values: Timeline.propValues), so a new import's timeline, or a
// segment flow's cut one with its own times, gathers its own.

const gathered = new WeakMap<Float64Array, WeakMap<Int32Array, Float64Array>>();

/** times[at[k]] for every k: the times of the events at the positions `at`. */
export function valueTimes(times: Float64Array, at: Int32Array): Float64Array {
  let byValues = gathered.get(times);
  if (!byValues) {
    byValues = new WeakMap();
    gathered.set(times, byValues);
  }
  let out = byValues.get(at);
  if (!out) {
    out = new Float64Array(at.length);
    for (let k = 0; k < at.length; k++) out[k] = times[at[k] ?? outOfBounds()] ?? outOfBounds();
    byValues.set(at, out);
  }
  return out;
}
