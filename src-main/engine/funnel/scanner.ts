import type { Timeline } from "../columns/types.ts";
import type { CompiledMatcher, EventPredicate } from "../filters.ts";
import { outOfBounds } from "../typed-index.ts";
import { directScan } from "./direct.ts";
import { orderedAttemptAvoiding, unorderedBestAvoiding } from "./exclusions.ts";
import { greedyReach } from "./greedy.ts";
import { sameHeld } from "./hold.ts";
import type { FunnelPlan } from "./plan.ts";

// One user's funnel, per spec/queries.md. The user's events in the range that pass the query's
// where are copied into small scratch arrays (local index i), each with a bit mask of the steps it
// can fill and of the exclusions it matches. Then each first-step event is an attempt start.
//
// Ordered: from a start, each next step takes the earliest eligible occurrence. An earlier state
// dominates a later one (anything eligible after the later is eligible after the earlier), so this
// finds the furthest reach; only same-instant choices (which name fills a step, which occurrences
// are used) can matter, and those are kept as a few alternative states.

interface BitTest {
  bit: number;
  code: number;
  test: EventPredicate;
}

/**
 * Which steps (bits) each event-name code fills by its name alone, and the tests left for
 * matchers with filters, so that reading an event costs an array look-up in the common case.
 */
function codeMasks(
  tl: Timeline,
  ms: readonly CompiledMatcher[],
): { masks: Int32Array; tests: BitTest[] | null } {
  const masks = new Int32Array(Math.max(1, tl.eventNames.length));
  const tests: BitTest[] = [];
  ms.forEach((m, k) => {
    const bit = 1 << k;
    if (m.test !== null) tests.push({ bit, code: m.code, test: m.test });
    else if (m.code === -1)
      for (let c = 0; c < masks.length; c++) masks[c] = (masks[c] ?? outOfBounds()) | bit;
    else if (m.code < masks.length) masks[m.code] = (masks[m.code] ?? outOfBounds()) | bit;
  });
  return { masks, tests: tests.length > 0 ? tests : null };
}

const MAX_STATES = 16;

export class FunnelScanner {
  readonly plan: FunnelPlan;
  readonly tl: Timeline;
  // the user's events (local index)
  m = 0;
  pos: Int32Array;
  t: Float64Array;
  c: Uint16Array;
  mask: Int32Array;
  exMask: Int32Array;
  /** per exclusion, the sorted instants of its events */
  exTimes: number[][];
  /** two of the loaded events share an instant (the ordered scan needs its careful path) */
  ties = false;
  // the counted attempt
  reach = 0;
  /** the local index of its first-step event */
  startIdx = -1;
  readonly stepPos: Int32Array;
  readonly stepTime: Float64Array;
  readonly path: Int32Array;
  private readonly matchStep: Int32Array;
  readonly codeMask: Int32Array;
  private readonly exCodeMask: Int32Array;
  private readonly stepTests: BitTest[] | null;
  private readonly exTests: BitTest[] | null;
  /** ordered, names only, no where, no exclusions: see direct.ts */
  private readonly direct: ((user: number) => number) | null;
  /** holdConstant scratch: the loaded masks, the events already grouped, the best group's attempt */
  private readonly heldMask: Int32Array;
  private readonly grouped: Uint8Array;
  private readonly bestPos: Int32Array;
  private readonly bestTime: Float64Array;

  constructor(tl: Timeline, plan: FunnelPlan) {
    this.tl = tl;
    this.plan = plan;
    let most = 0;
    for (let user = 0; user < tl.nUsers; user++) {
      const k = (tl.userOffsets[user + 1] ?? outOfBounds()) - (tl.userOffsets[user] ?? outOfBounds());
      if (k > most) most = k;
    }
    this.pos = new Int32Array(most);
    this.t = new Float64Array(most);
    this.c = new Uint16Array(most);
    this.mask = new Int32Array(most);
    this.exMask = new Int32Array(most);
    this.exTimes = plan.exclusions.map(() => []);
    this.stepPos = new Int32Array(plan.n);
    this.stepTime = new Float64Array(plan.n);
    this.path = new Int32Array(plan.n);
    this.matchStep = new Int32Array(plan.n);
    const steps = codeMasks(tl, plan.steps);
    this.codeMask = steps.masks;
    this.stepTests = steps.tests;
    const exs = codeMasks(
      tl,
      plan.exclusions.map((e) => e.m),
    );
    this.exCodeMask = exs.masks;
    this.exTests = exs.tests;
    const simple =
      plan.order === "ordered" &&
      plan.where === null &&
      plan.exclusions.length === 0 &&
      this.stepTests === null &&
      plan.hold.length === 0;
    this.direct = simple ? directScan(tl, plan, this) : null;
    const held = plan.hold.length > 0;
    this.heldMask = new Int32Array(held ? most : 0);
    this.grouped = new Uint8Array(held ? most : 0);
    this.bestPos = new Int32Array(plan.n);
    this.bestTime = new Float64Array(plan.n);
  }

  /** Reads the user's events; false when none can start an attempt. */
  private load(user: number): boolean {
    const { tl, plan, codeMask, exCodeMask, stepTests, exTests } = this;
    const { times, eventCodes } = tl;
    const userStart = tl.userOffsets[user] ?? outOfBounds();
    const userEnd = tl.userOffsets[user + 1] ?? outOfBounds();
    const keepAll = plan.order === "strict";
    const where = plan.where;
    const start = plan.start;
    const end = plan.end;
    let kept = 0; // events kept for the attempt search
    let any = false;
    let ties = false;
    let prevT = Number.NaN;
    if (exTests !== null || this.exTimes.length > 0) for (const instants of this.exTimes) instants.length = 0;
    for (let position = userStart; position < userEnd; position++) {
      const tp = times[position] ?? outOfBounds();
      if (tp < start) continue;
      if (tp >= end) break;
      const code = eventCodes[position] ?? outOfBounds();
      let mk = codeMask[code] ?? outOfBounds();
      let ex = exCodeMask[code] ?? outOfBounds();
      if (mk === 0 && ex === 0 && stepTests === null && exTests === null && !keepAll) continue;
      if (where !== null && !where(position, user)) continue;
      if (stepTests !== null) {
        for (const st of stepTests)
          if ((st.code === -1 || st.code === code) && st.test(position, user)) mk |= st.bit;
      }
      if (exTests !== null) {
        for (const st of exTests)
          if ((st.code === -1 || st.code === code) && st.test(position, user)) ex |= st.bit;
      }
      if (ex !== 0) {
        for (let exclusion = 0; exclusion < this.exTimes.length; exclusion++)
          if (ex & (1 << exclusion)) (this.exTimes[exclusion] ?? outOfBounds()).push(tp);
      }
      if (mk === 0 && ex === 0 && !keepAll) continue;
      if (mk & 1) any = true;
      if (tp === prevT) ties = true;
      prevT = tp;
      this.pos[kept] = position;
      this.t[kept] = tp;
      this.c[kept] = code;
      this.mask[kept] = mk;
      this.exMask[kept] = ex;
      kept++;
    }
    this.m = kept;
    this.ties = ties;
    return any || (plan.order === "unordered" && kept > 0);
  }

  /** Evaluates user u: sets reach (steps filled by the counted attempt), stepTime and stepPos. */
  run(u: number): number {
    this.reach = 0;
    if (this.direct !== null) {
      const r = this.direct(u);
      if (r >= 0) {
        this.reach = r;
        return r;
      }
    }
    if (!this.load(u)) return 0;
    if (this.plan.hold.length > 0) this.held();
    else if (this.plan.order === "unordered") this.unordered();
    else this.ordered();
    return this.reach;
  }

  /**
   * holdConstant: the events sharing the held values form a funnel of their own (the others' step
   * bits are cleared, so they fill no step, and in a strict funnel they break an attempt as any
   * other event does; exclusion instants are left as they are). The furthest-reaching group counts,
   * then the one whose start comes first, as attempts are compared without holding.
   */
  private held(): void {
    const { m, mask, pos, heldMask, grouped, bestPos, bestTime, stepPos, stepTime } = this;
    const hold = this.plan.hold;
    heldMask.set(mask.subarray(0, m));
    grouped.fill(0, 0, m);
    let bestReach = 0;
    let bestStart = -1;
    for (let groupStart = 0; groupStart < m; groupStart++) {
      if (grouped[groupStart] === 1 || heldMask[groupStart] === 0) continue;
      if (bestReach === this.plan.n && bestStart < groupStart) break; // no later group can start earlier
      const ps = pos[groupStart] ?? outOfBounds();
      for (let i = 0; i < m; i++) {
        const same = grouped[i] === 0 && sameHeld(hold, ps, pos[i] ?? outOfBounds());
        mask[i] = same ? (heldMask[i] ?? outOfBounds()) : 0;
        if (same) grouped[i] = 1;
      }
      this.reach = 0;
      if (this.plan.order === "unordered") this.unordered();
      else this.ordered();
      if (
        this.reach > bestReach ||
        (this.reach > 0 && this.reach === bestReach && this.startIdx < bestStart)
      ) {
        bestReach = this.reach;
        bestStart = this.startIdx;
        bestPos.set(stepPos.subarray(0, bestReach));
        bestTime.set(stepTime.subarray(0, bestReach));
      }
    }
    mask.set(heldMask.subarray(0, m));
    this.reach = bestReach;
    this.startIdx = bestStart;
    stepPos.set(bestPos.subarray(0, bestReach));
    stepTime.set(bestTime.subarray(0, bestReach));
  }

  private keep(r: number, path: ArrayLike<number>, s: number): void {
    this.reach = r;
    this.startIdx = s;
    for (let k = 0; k < r; k++) {
      const i = path[k] ?? outOfBounds();
      this.stepPos[k] = this.pos[i] ?? outOfBounds();
      this.stepTime[k] = this.t[i] ?? outOfBounds();
    }
  }

  private ordered(): void {
    const { n, exclusions } = this.plan;
    const strict = this.plan.order === "strict";
    for (let s = 0; s < this.m; s++) {
      if (((this.mask[s] ?? outOfBounds()) & 1) === 0) continue;
      const r = strict ? this.strictFrom(s) : this.ties ? this.orderedFrom(s) : this.greedyFrom(s);
      if (r <= this.reach) continue;
      if (exclusions.length > 0) {
        const ok = orderedAttemptAvoiding(this, s, r, strict, this.path);
        if (!ok) continue; // every furthest-reaching attempt of this start is excluded: dropped
      }
      this.keep(r, this.path, s);
      if (r === n) return;
    }
  }

  private strictFrom(s: number): number {
    const { n, windowMs } = this.plan;
    const { t, c, mask } = this;
    const deadline = (t[s] ?? outOfBounds()) + windowMs;
    this.path[0] = s;
    let i = s;
    let k = 1;
    while (k < n) {
      const j = i + 1;
      if (j >= this.m || ((mask[j] ?? outOfBounds()) & (1 << k)) === 0 || (t[j] ?? outOfBounds()) > deadline)
        break;
      if (t[j] === t[i] && c[j] === c[i]) break;
      this.path[k++] = j;
      i = j;
    }
    return k;
  }

  /** orderedFrom when no two events share an instant: each step is the next event that can fill it */
  private greedyFrom(s: number): number {
    return greedyReach(this.mask, this.t, this.m, s, this.plan.n, this.plan.windowMs, this.path);
  }

  private orderedFrom(start: number): number {
    const { n, windowMs } = this.plan;
    const { t, c, mask, m } = this;
    const deadline = (t[start] ?? outOfBounds()) + windowMs;
    let instant = t[start] ?? outOfBounds();
    let instantFrom = start;
    while (instantFrom > 0 && t[instantFrom - 1] === instant) instantFrom--;
    let states: number[][] = [[start]];
    let k = 1;
    while (k < n) {
      const bit = 1 << k;
      let instantTo = instantFrom;
      while (instantTo < m && t[instantTo] === instant) instantTo++;
      const next: number[][] = [];
      for (let i = instantFrom; i < instantTo && next.length < MAX_STATES; i++) {
        if (((mask[i] ?? outOfBounds()) & bit) === 0) continue;
        for (const st of states) {
          if (c[i] === c[st[st.length - 1] ?? outOfBounds()] || st.includes(i)) continue;
          next.push([...st, i]);
          if (next.length >= MAX_STATES) break;
        }
      }
      if (next.length > 0) {
        states = next;
        k++;
        continue;
      }
      let i = instantTo;
      while (i < m && ((mask[i] ?? outOfBounds()) & bit) === 0) i++;
      if (i >= m || (t[i] ?? outOfBounds()) > deadline) break;
      instant = t[i] ?? outOfBounds();
      instantFrom = i;
      while (instantFrom > instantTo && t[instantFrom - 1] === instant) instantFrom--;
      const base = states[0] ?? outOfBounds();
      states = [];
      for (let j = i; j < m && t[j] === instant && states.length < MAX_STATES; j++) {
        if (((mask[j] ?? outOfBounds()) & bit) !== 0) states.push([...base, j]);
      }
      k++;
    }
    const best = states[0] ?? outOfBounds();
    for (let step = 0; step < k; step++) this.path[step] = best[step] ?? outOfBounds();
    return k;
  }

  private augment(i: number, seen: { v: number }): boolean {
    let mk = this.mask[i] ?? outOfBounds();
    while (mk !== 0) {
      const bit = mk & -mk;
      mk ^= bit;
      const j = 31 - Math.clz32(bit);
      if (seen.v & bit) continue;
      seen.v |= bit;
      const holder = this.matchStep[j] ?? outOfBounds();
      if (holder === -1 || this.augment(holder, seen)) {
        this.matchStep[j] = i;
        return true;
      }
    }
    return false;
  }

  private unordered(): void {
    const { n, windowMs, exclusions } = this.plan;
    const { t, mask, m } = this;
    const path: number[] = [];
    let lastStart = Number.NaN;
    for (let s = 0; s < m; s++) {
      if (mask[s] === 0 || t[s] === lastStart) continue;
      lastStart = t[s] ?? outOfBounds();
      if (exclusions.length > 0) {
        const got = unorderedBestAvoiding(this, s);
        if (got !== null && got.length > this.reach) this.keep(got.length, got, s);
        if (this.reach === n) return;
        continue;
      }
      const deadline = lastStart + windowMs;
      this.matchStep.fill(-1);
      path.length = 0;
      for (let i = s; i < m && (t[i] ?? outOfBounds()) <= deadline && path.length < n; i++) {
        if (mask[i] !== 0 && this.augment(i, { v: 0 })) path.push(i);
      }
      if (path.length > this.reach) this.keep(path.length, path, s);
      if (this.reach === n) return;
    }
  }
}
