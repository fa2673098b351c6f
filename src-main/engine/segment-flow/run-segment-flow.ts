import type { SegmentFlowQuery, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import { startOfDate } from "../../time/zoned.ts";
import { addDays } from "../calendar.ts";
import type { EngineContext } from "../context.ts";
import { evalSegment } from "../segment.ts";
import { contextAsOf } from "./as-of.ts";
import { needsCut, perUser } from "./cut-needed.ts";
import { type CutScratch, cutScratch } from "./cut-timeline.ts";
import { flowDates } from "./dates.ts";

// Segment flow per spec/queries.md: a user's state at day d is the first listed state whose segment
// they match as of d (events up to the end of d), "$none" if none, "$notYet" if their first event is
// after d whatever the states say. A user without any event is never "$notYet" (nothing says they
// arrive later): the states decide, as for attribute-only segments.

export const NONE = "$none";
export const NOT_YET = "$notYet";

/** States per user (index into states, then $none, $notYet) at each date; -1 outside the segment. */
export async function flowStates(
  ctx: EngineContext,
  q: SegmentFlowQuery,
): Promise<{ at: string[]; state: Int8Array[] }> {
  const at = flowDates(ctx, q.at);
  const { tl } = ctx;
  const N = tl.nUsers;
  const S = q.states.length;
  const last = at[at.length - 1] as string;
  const members = q.segment ? await evalSegment(contextAsOf(ctx, last), q.segment) : null;
  const state: Int8Array[] = [];
  // one date at a time, so each date's cut may reuse the previous one's buffers
  let scratch: CutScratch | null = null;
  for (const d of at) {
    const end = startOfDate(addDays(d, 1), ctx.timezone);
    let full: EngineContext | null = null;
    const s = new Int8Array(N).fill(-1);
    const open = new Uint8Array(N);
    for (let u = ctx.u0; u < ctx.u1; u++) {
      if (members !== null && members[u] === 0) continue;
      const a = tl.userOffsets[u] as number;
      if (a < (tl.userOffsets[u + 1] as number) && (tl.times[a] as number) >= end) s[u] = S + 1;
      else open[u] = 1;
    }
    for (let k = 0; k < S; k++) {
      const seg = (q.states[k] as SegmentFlowQuery["states"][number]).segment;
      // the cut copies events, the dominant cost: skip it when the segment reads nothing after d,
      // and copy only the undecided users' events when the segment is a per-user test
      let dctx: EngineContext;
      if (!needsCut(seg, d)) dctx = contextAsOf(ctx, d, null, "none");
      // (its own small arrays: `full`, if made, keeps the shared scratch)
      else if (perUser(seg)) dctx = contextAsOf(ctx, d, null, open);
      else {
        scratch ??= cutScratch(tl);
        dctx = full ??= contextAsOf(ctx, d, scratch);
      }
      const m = await evalSegment(dctx, seg, open);
      for (let u = ctx.u0; u < ctx.u1; u++) {
        if (open[u] === 1 && m[u] === 1) {
          s[u] = k;
          open[u] = 0;
        }
      }
    }
    for (let u = ctx.u0; u < ctx.u1; u++) if (open[u] === 1) s[u] = S;
    state.push(s);
  }
  return { at, state };
}

export async function runSegmentFlow(ctx: EngineContext, q: SegmentFlowQuery): Promise<SegmentFlowResult> {
  const { at, state } = await flowStates(ctx, q);
  const K = q.states.length + 2;
  const counts = state.map((s) => {
    const c = new Array<number>(K).fill(0);
    for (const x of s) if (x >= 0) c[x] = (c[x] as number) + 1;
    return c;
  });
  const transitions = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const a = state[i] as Int8Array;
    const b = state[i + 1] as Int8Array;
    const matrix = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    for (let u = 0; u < a.length; u++) {
      const x = a[u] as number;
      if (x < 0) continue;
      const row = matrix[x] as number[];
      row[b[u] as number] = (row[b[u] as number] as number) + 1;
    }
    transitions.push({ from: at[i] as string, to: at[i + 1] as string, matrix });
  }
  return { states: [...q.states.map((s) => s.label), NONE, NOT_YET], at, counts, transitions };
}
