import { firstAtOrAfter } from "../time-search.ts";
import { outOfBounds } from "../typed-index.ts";
import type { FunnelScanner } from "./scanner.ts";

/**
 * The common funnel (ordered, steps by name only, no where, no exclusions) straight over the
 * timeline, without copying the user's events; users with two step events at one instant take
 * the general path.
 */
export function scanDirect(sc: FunnelScanner, user: number): number {
  const { times, eventCodes } = sc.tl;
  const { n, windowMs, start, end } = sc.plan;
  const codeMask = sc.codeMask;
  // one pass keeps the events some step takes (positions and masks in the scratch arrays)
  const pos = sc.pos;
  const mask = sc.mask;
  const userEnd = sc.tl.userOffsets[user + 1] ?? outOfBounds();
  // the range's events (usually all the user's, settled by the first and last times), so that the
  // loop below reads the time only of events some step takes
  const from = firstAtOrAfter(times, sc.tl.userOffsets[user] ?? outOfBounds(), userEnd, start);
  const to = firstAtOrAfter(times, from, userEnd, end);
  let kept = 0;
  let first = -1;
  let prev = Number.NaN;
  for (let eventPos = from; eventPos < to; eventPos++) {
    const mk = codeMask[eventCodes[eventPos] ?? outOfBounds()] ?? outOfBounds();
    if (mk === 0) continue; // an event no step takes cannot matter, even at a shared instant
    const time = times[eventPos] ?? outOfBounds();
    if (time === prev) return -1;
    prev = time;
    if (first < 0 && (mk & 1) !== 0) first = kept;
    pos[kept] = eventPos;
    mask[kept] = mk;
    kept++;
  }
  if (first < 0) return 0;
  const path = sc.path;
  let best = 0;
  for (let startAt = first; startAt < kept; startAt++) {
    if (((mask[startAt] ?? outOfBounds()) & 1) === 0) continue;
    const deadline = (times[pos[startAt] ?? outOfBounds()] ?? outOfBounds()) + windowMs;
    let i = startAt;
    let k = 1;
    while (k < n) {
      const bit = 1 << k;
      let j = i + 1;
      while (j < kept && ((mask[j] ?? outOfBounds()) & bit) === 0) j++;
      if (j >= kept || (times[pos[j] ?? outOfBounds()] ?? outOfBounds()) > deadline) break;
      path[k] = j;
      i = j;
      k++;
    }
    if (k > best) {
      // a further-reaching start: its steps are in path[1..k)
      path[0] = startAt;
      best = k;
      for (let step = 0; step < k; step++) {
        const stepEventPos = pos[path[step] ?? outOfBounds()] ?? outOfBounds();
        sc.stepPos[step] = stepEventPos;
        sc.stepTime[step] = times[stepEventPos] ?? outOfBounds();
      }
      if (best === n) break;
    }
  }
  sc.reach = best;
  return best;
}
