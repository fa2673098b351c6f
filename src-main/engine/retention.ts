import type { RetentionQuery } from "../../src-preload/contract/queries.ts";
import type { RetentionResult } from "../../src-preload/contract/results.ts";
import { bucketsCovering } from "./calendar.ts";
import { checkAbort, type EngineContext, rangeSpan } from "./context.ts";
import { compileMatcher, matcherPredicate } from "./filters.ts";

// Retention per spec/queries.md: one cohort per period from the one containing range.from to the
// one containing range.to; only events up to the end of that last period are read.

export interface RetentionScan {
  starts: string[];
  /** visit(u, cohort, returned(k)) for each (user, cohort) pair */
  run(visit: (u: number, cohort: number, returned: (k: number) => boolean) => void): void;
}

export function scanRetention(
  ctx: EngineContext,
  q: RetentionQuery,
  members: Uint8Array | null,
): RetentionScan {
  const { tl } = ctx;
  const span = rangeSpan(ctx, q.range);
  const { starts, bounds } = bucketsCovering(span, q.interval, ctx.weekStart, ctx.timezone);
  const C = starts.length;
  const first = bounds[0] as number;
  const end = bounds[C] as number;
  const mode = q.mode ?? "recurring";
  const onOrAfter = (q.measure ?? "on") === "onOrAfter";
  const isTarget = matcherPredicate(tl, compileMatcher(tl, q.target, q.where));
  const isReturn = matcherPredicate(tl, compileMatcher(tl, q.return, q.where));
  const targetName = q.target.event === null ? -1 : Math.max(0, tl.eventCode(q.target.event));
  const tgt = new Int32Array(C);
  const ret = new Int32Array(C);
  const { times, eventCodes, userOffsets } = tl;
  return {
    starts,
    run(visit) {
      for (let u = ctx.u0; u < ctx.u1; u++) {
        checkAbort(ctx, u);
        if (members !== null && members[u] === 0) continue;
        const a = userOffsets[u] as number;
        const b = userOffsets[u + 1] as number;
        const stamp = u + 1;
        let only = -1; // firstTime / firstEver: the one cohort, -1 none
        let decided = mode === "recurring";
        let lastRet = -1;
        let anyTarget = false;
        let bk = 0;
        for (let p = a; p < b; p++) {
          const t = times[p] as number;
          if (t >= end) break;
          if (!decided) {
            if (mode === "firstEver") {
              if (targetName === -1 || eventCodes[p] === targetName) {
                decided = true;
                if (t >= first && isTarget(p, u)) only = -2; // resolved below, once bk is known
              }
            } else if (isTarget(p, u)) {
              decided = true;
              if (t >= first) only = -2;
            }
          }
          if (t < first) continue;
          while (t >= (bounds[bk + 1] as number)) bk++;
          if (only === -2) only = bk;
          if (mode === "recurring" && tgt[bk] !== stamp && isTarget(p, u)) {
            tgt[bk] = stamp;
            anyTarget = true;
          }
          if (ret[bk] !== stamp && isReturn(p, u)) {
            ret[bk] = stamp;
            if (bk > lastRet) lastRet = bk;
          }
        }
        const returned = (c: number) => (k: number) => {
          const j = c + k;
          if (k === 0) return true;
          if (j >= C) return false;
          return onOrAfter ? j <= lastRet : ret[j] === stamp;
        };
        if (mode === "recurring") {
          if (!anyTarget) continue;
          for (let c = 0; c < C; c++) if (tgt[c] === stamp) visit(u, c, returned(c));
        } else if (only >= 0) visit(u, only, returned(only));
      }
    },
  };
}

export function runRetention(
  ctx: EngineContext,
  q: RetentionQuery,
  members: Uint8Array | null,
): RetentionResult {
  const scan = scanRetention(ctx, q, members);
  const C = scan.starts.length;
  const P = q.periods;
  const values = Array.from({ length: C }, () => new Array<number>(P).fill(0));
  scan.run((_u, c, returned) => {
    const row = values[c] as number[];
    for (let k = 0; k < P && c + k < C; k++) if (returned(k)) row[k] = (row[k] as number) + 1;
  });
  return {
    cohorts: scan.starts.map((start, c) => ({
      start,
      size: (values[c] as number[])[0] as number,
      values: values[c] as number[],
      incomplete: Math.max(0, c + P - C),
    })),
  };
}
