import type { SegmentFlowQuery } from "../../../src-preload/contract/paths.ts";
import type { EngineContext } from "../context.ts";
import { evalSegment } from "../segment.ts";
import { outOfBounds } from "../typed-index.ts";
import { contextAsOf } from "./as-of.ts";
import { needsCut, perUser } from "./cut-needed.ts";
import { type CutScratch, cutScratch } from "./cut-timeline.ts";
import type { WalkDate } from "./walk.ts";

/**
 * Each user's state at each date, one date at a time: every state's segment evaluated as a whole
 * segment as of the date, on a timeline cut at the date's end where the segment could read later
 * events. The path for states the one-pass walk cannot compile (funnels, RFM, saved segments...).
 */
export async function statesByDate(
  ctx: EngineContext,
  q: SegmentFlowQuery,
  dates: readonly WalkDate[],
  members: Uint8Array | null,
): Promise<Int8Array[]> {
  const { tl } = ctx;
  const N = tl.nUsers;
  const S = q.states.length;
  const state: Int8Array[] = [];
  // one date at a time, so each date's cut may reuse the previous one's buffers
  let scratch: CutScratch | null = null;
  for (const { ctx: asOf, end } of dates) {
    const d = asOf.asOf;
    let full: EngineContext | null = null;
    const s = new Int8Array(N).fill(-1);
    const open = new Uint8Array(N);
    for (let u = ctx.u0; u < ctx.u1; u++) {
      if (members !== null && members[u] === 0) continue;
      const a = tl.userOffsets[u] ?? outOfBounds();
      if (a < (tl.userOffsets[u + 1] ?? outOfBounds()) && (tl.times[a] ?? outOfBounds()) >= end) s[u] = S + 1;
      else open[u] = 1;
    }
    for (let k = 0; k < S; k++) {
      const seg = (q.states[k] ?? outOfBounds()).segment;
      // the cut copies events, the dominant cost: skip it when the segment reads nothing after d,
      // and copy only the undecided users' events when the segment is a per-user test
      let dctx: EngineContext;
      if (!needsCut(seg, d)) dctx = asOf;
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
  return state;
}
