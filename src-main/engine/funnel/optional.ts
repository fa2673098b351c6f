import { outOfBounds } from "../typed-index.ts";
import { sameHeld } from "./hold.ts";
import type { OptionalStep } from "./plan.ts";
import type { FunnelScanner } from "./scanner.ts";

/**
 * The instant of the earliest event filling optional step `o` in the counted attempt of the user
 * the scanner last ran (NaN when none): an event in the range that passes the query's where and
 * the step's matcher, strictly after the previous required step's event and strictly before the
 * next one's (up to and including first-step time + window when the attempt stops before it),
 * with the held values of the first-step event. Strictly: an event at a step's instant is not
 * judged before or after it, so no tie can put one occurrence in two steps.
 */
export function optionalTime(sc: FunnelScanner, u: number, o: OptionalStep): number {
  const { reach, stepPos, stepTime, plan } = sc;
  if (reach <= o.prev) return Number.NaN;
  const { times, userOffsets } = sc.tl;
  const lo = stepTime[o.prev] ?? outOfBounds();
  const reached = reach > o.next;
  const hi = reached ? (stepTime[o.next] ?? outOfBounds()) : (stepTime[0] ?? outOfBounds()) + plan.windowMs;
  const b = userOffsets[u + 1] ?? outOfBounds();
  // from the previous step's event on; events at its instant before it in import order are not after it anyway
  for (let p = (stepPos[o.prev] ?? outOfBounds()) + 1; p < b; p++) {
    const t = times[p] ?? outOfBounds();
    if (t <= lo) continue;
    if (reached ? t >= hi : t > hi) break;
    if (t >= plan.end) break;
    if (!o.is(p, u)) continue;
    if (plan.where !== null && !plan.where(p, u)) continue;
    if (plan.hold.length > 0 && !sameHeld(plan.hold, stepPos[0] ?? outOfBounds(), p)) continue;
    return t;
  }
  return Number.NaN;
}
