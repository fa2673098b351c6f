import type { RetentionQuery } from "../../src-preload/contract/queries.ts";
import type { RetentionCohort } from "../../src-preload/contract/results.ts";
import type { Timeline } from "./columns/types.ts";
import { checkAbort, type EngineContext, rangeSpan } from "./context.ts";
import {
  ANY_EVENT,
  bareCode,
  compileMatcher,
  type EventPredicate,
  matcherPredicate,
  NEEDS_TEST,
} from "./filters.ts";
import { retentionPeriods } from "./retention-periods.ts";
import { firstAtOrAfter, gallop } from "./time-search.ts";
import { outOfBounds } from "./typed-index.ts";

// Retention per spec/queries.md: one cohort per period from the one containing range.from to the
// one containing range.to; only events up to the end of that last period are read.

/** Reads one user at a time; the cohorts they joined and their returns are then asked by index. */
export class RetentionScanner {
  readonly starts: string[];
  readonly C: number;
  private readonly tl: Timeline;
  private readonly bounds: Float64Array;
  readonly mode: "recurring" | "firstTime" | "firstEver";
  readonly onOrAfter: boolean;
  private readonly isTarget: EventPredicate;
  private readonly isReturn: EventPredicate;
  private readonly targetBare: number;
  private readonly returnBare: number;
  private readonly targetName: number;
  /** per cohort / period: u + 1 when the last scanned user u did the target / return there */
  readonly tgt: Int32Array;
  readonly ret: Int32Array;
  /** the last scanned user's stamp (u + 1) and the last period of their returns */
  stamp = 0;
  lastRet = -1;
  /** firstTime / firstEver: the user's one cohort, or -1 */
  only = -1;

  constructor(ctx: EngineContext, q: RetentionQuery) {
    const tl = ctx.tl;
    this.tl = tl;
    const { starts, bounds } = retentionPeriods(
      rangeSpan(ctx, q.range),
      q.interval,
      ctx.weekStart,
      ctx.timezone,
    );
    this.starts = starts;
    this.C = starts.length;
    this.bounds = bounds;
    this.mode = q.mode ?? "recurring";
    this.onOrAfter = (q.measure ?? "on") === "onOrAfter";
    const target = compileMatcher(ctx, q.target, q.where);
    const ret = compileMatcher(ctx, q.return, q.where);
    this.isTarget = matcherPredicate(tl, target);
    this.isReturn = matcherPredicate(tl, ret);
    this.targetBare = bareCode(target);
    this.returnBare = bareCode(ret);
    this.targetName = q.target.event === null ? -1 : Math.max(0, tl.eventCode(q.target.event));
    this.tgt = new Int32Array(this.C);
    this.ret = new Int32Array(this.C);
  }

  /** Reads user u; false when they joined no cohort. */
  scan(user: number): boolean {
    const { times, eventCodes, userOffsets } = this.tl;
    const { bounds, C, mode, tgt, ret, targetBare, returnBare, isTarget, isReturn } = this;
    const rangeStart = bounds[0] ?? outOfBounds();
    const rangeEnd = bounds[C] ?? outOfBounds();
    let firstEvent = userOffsets[user] ?? outOfBounds();
    const endEvent = userOffsets[user + 1] ?? outOfBounds();
    // recurring cohorts never look before the first period
    if (mode === "recurring") firstEvent = firstAtOrAfter(times, firstEvent, endEvent, rangeStart);
    const stamp = user + 1;
    this.stamp = stamp;
    let only = -1;
    let pending = false; // firstTime / firstEver found their event in range, bucket not known yet
    let decided = mode === "recurring";
    let lastRet = -1;
    let anyTarget = false;
    let bucket = 0;
    for (let pos = firstEvent; pos < endEvent; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= rangeEnd) break;
      const code = eventCodes[pos] ?? outOfBounds();
      if (!decided) {
        if (mode === "firstEver") {
          if (this.targetName === -1 || code === this.targetName) {
            decided = true;
            pending = time >= rangeStart && isTarget(pos, user);
          }
        } else if (targetBare >= 0 ? code === targetBare : targetBare === ANY_EVENT || isTarget(pos, user)) {
          decided = true;
          pending = time >= rangeStart;
        }
      }
      if (time < rangeStart) continue;
      while (time >= (bounds[bucket + 1] ?? outOfBounds())) bucket++;
      if (pending) {
        only = bucket;
        pending = false;
      }
      if (mode === "recurring" && tgt[bucket] !== stamp) {
        const hit = targetBare >= 0 ? code === targetBare : targetBare === ANY_EVENT || isTarget(pos, user);
        if (hit) {
          tgt[bucket] = stamp;
          anyTarget = true;
        }
      }
      if (ret[bucket] !== stamp) {
        const hit =
          returnBare >= 0
            ? code === returnBare
            : returnBare === ANY_EVENT || (returnBare === NEEDS_TEST && isReturn(pos, user));
        if (hit) {
          ret[bucket] = stamp;
          if (bucket > lastRet) lastRet = bucket;
        }
      }
      // the period is settled for this user (the cohort decided, its target and the return seen):
      // the rest of its events change nothing, so on to the next period's first
      if (decided && ret[bucket] === stamp && (mode !== "recurring" || tgt[bucket] === stamp))
        pos = gallop(times, pos + 1, endEvent, bounds[bucket + 1] ?? outOfBounds()) - 1;
    }
    this.only = only;
    this.lastRet = lastRet;
    return mode === "recurring" ? anyTarget : only >= 0;
  }

  /** Did the last scanned user join cohort c? */
  inCohort(c: number): boolean {
    return this.mode === "recurring" ? this.tgt[c] === this.stamp : this.only === c;
  }

  /** Did the last scanned user, in cohort c, return in period c + k (values[k])? */
  returned(c: number, k: number): boolean {
    if (k === 0) return true;
    const j = c + k;
    if (j >= this.C) return false;
    return this.onOrAfter ? j <= this.lastRet : this.ret[j] === this.stamp;
  }
}

export function runRetention(
  ctx: EngineContext,
  query: RetentionQuery,
  members: Uint8Array | null,
): { cohorts: RetentionCohort[] } {
  const sc = new RetentionScanner(ctx, query);
  const { C, tgt, ret, onOrAfter } = sc;
  const recurring = sc.mode === "recurring";
  const periods = query.periods;
  const values = new Float64Array(C * periods);
  const brackets = query.brackets ?? [];
  const bracketCount = brackets.length;
  const bracketCounts = new Float64Array(C * bracketCount);
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    if (!sc.scan(user)) continue;
    const stamp = user + 1;
    const lastRet = sc.lastRet;
    const from = recurring ? 0 : sc.only;
    const to = recurring ? C : sc.only + 1;
    for (let cohort = from; cohort < to; cohort++) {
      if (recurring && tgt[cohort] !== stamp) continue;
      const row = cohort * periods;
      values[row] = (values[row] ?? outOfBounds()) + 1;
      const kmax = Math.min(periods, C - cohort);
      for (let k = 1; k < kmax; k++) {
        const j = cohort + k;
        if (onOrAfter ? j <= lastRet : ret[j] === stamp)
          values[row + k] = (values[row + k] ?? outOfBounds()) + 1;
      }
      // a bracket counts a member once, whichever of its periods (that were read) they returned in
      for (let i = 0; i < bracketCount; i++) {
        const bracket = brackets[i] ?? outOfBounds();
        const lo = cohort + bracket.from;
        const hi = Math.min(cohort + bracket.to, C - 1);
        let hit = false;
        if (onOrAfter) hit = lo <= lastRet;
        else for (let j = lo; j <= hi && !hit; j++) hit = ret[j] === stamp;
        if (hit)
          bracketCounts[cohort * bracketCount + i] =
            (bracketCounts[cohort * bracketCount + i] ?? outOfBounds()) + 1;
      }
    }
  }
  return {
    cohorts: sc.starts.map((start, c) => {
      const row = Array.from(values.subarray(c * periods, c * periods + periods));
      const cohort: RetentionCohort = {
        start,
        size: row[0] ?? outOfBounds(),
        values: row,
        incomplete: Math.max(0, c + periods - C),
      };
      if (bracketCount > 0) {
        cohort.brackets = Array.from(
          bracketCounts.subarray(c * bracketCount, c * bracketCount + bracketCount),
        );
        cohort.bracketsIncomplete = brackets.filter((b) => c + b.to >= C).length;
      }
      return cohort;
    }),
  };
}
