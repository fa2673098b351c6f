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
  const b = sc.tl.userOffsets[user + 1] ?? outOfBounds();
  let a = sc.tl.userOffsets[user] ?? outOfBounds();
  while (a < b && (times[a] ?? outOfBounds()) < start) a++;
  // the range's end, found from the back (usually the user's last event is inside it), so that the
  // loop below reads the time only of events some step takes
  let z = b;
  while (z > a && (times[z - 1] ?? outOfBounds()) >= end) z--;
  let month = 0;
  let first = -1;
  let prev = Number.NaN;
  for (let event = a; event < z; event++) {
    const mk = codeMask[eventCodes[event] ?? outOfBounds()] ?? outOfBounds();
    if (mk === 0) continue; // an event no step takes cannot matter, even at a shared instant
    const time = times[event] ?? outOfBounds();
    if (time === prev) return -1;
    prev = time;
    if (first < 0 && (mk & 1) !== 0) first = month;
    pos[month] = event;
    mask[month] = mk;
    month++;
  }
  if (first < 0) return 0;
  const path = sc.path;
  let best = 0;
  for (let s = first; s < month; s++) {
    if (((mask[s] ?? outOfBounds()) & 1) === 0) continue;
    const deadline = (times[pos[s] ?? outOfBounds()] ?? outOfBounds()) + windowMs;
    let i = s;
    let k = 1;
    while (k < n) {
      const bit = 1 << k;
      let j = i + 1;
      while (j < month && ((mask[j] ?? outOfBounds()) & bit) === 0) j++;
      if (j >= month || (times[pos[j] ?? outOfBounds()] ?? outOfBounds()) > deadline) break;
      path[k] = j;
      i = j;
      k++;
    }
    if (k > best) {
      // a further-reaching start: its steps are in path[1..k)
      path[0] = s;
      best = k;
      for (let x = 0; x < k; x++) {
        const position = pos[path[x] ?? outOfBounds()] ?? outOfBounds();
        sc.stepPos[x] = position;
        sc.stepTime[x] = times[position] ?? outOfBounds();
      }
      if (best === n) break;
    }
  }
  sc.reach = best;
  return best;
}
