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
  query: SegmentFlowQuery,
  dates: readonly WalkDate[],
  members: Uint8Array | null,
): Promise<Int8Array[]> {
  const { tl } = ctx;
  const N = tl.nUsers;
  const S = query.states.length;
  const state: Int8Array[] = [];
  // one date at a time, so each date's cut may reuse the previous one's buffers
  let scratch: CutScratch | null = null;
  for (const { ctx: asOf, end } of dates) {
    const d = asOf.asOf;
    let full: EngineContext | null = null;
    const int8Array = new Int8Array(N).fill(-1);
    const open = new Uint8Array(N);
    for (let user = ctx.u0; user < ctx.u1; user++) {
      if (members !== null && members[user] === 0) continue;
      const a = tl.userOffsets[user] ?? outOfBounds();
      if (a < (tl.userOffsets[user + 1] ?? outOfBounds()) && (tl.times[a] ?? outOfBounds()) >= end)
        int8Array[user] = S + 1;
      else open[user] = 1;
    }
    for (let k = 0; k < S; k++) {
      const seg = (query.states[k] ?? outOfBounds()).segment;
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
      const uint8Array = await evalSegment(dctx, seg, open);
      for (let userIndex = ctx.u0; userIndex < ctx.u1; userIndex++) {
        if (open[userIndex] === 1 && uint8Array[userIndex] === 1) {
          int8Array[userIndex] = k;
          open[userIndex] = 0;
        }
      }
    }
    for (let u = ctx.u0; u < ctx.u1; u++) if (open[u] === 1) int8Array[u] = S;
    state.push(int8Array);
  }
  return state;
}
