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
  const nUsers = tl.nUsers;
  const nStates = query.states.length;
  const state: Int8Array[] = [];
  // one date at a time, so each date's cut may reuse the previous one's buffers
  let scratch: CutScratch | null = null;
  for (const { ctx: asOf, end } of dates) {
    const date = asOf.asOf;
    let full: EngineContext | null = null;
    const onDate = new Int8Array(nUsers).fill(-1);
    const open = new Uint8Array(nUsers);
    for (let user = ctx.u0; user < ctx.u1; user++) {
      if (members !== null && members[user] === 0) continue;
      const firstPos = tl.userOffsets[user] ?? outOfBounds();
      if (
        firstPos < (tl.userOffsets[user + 1] ?? outOfBounds()) &&
        (tl.times[firstPos] ?? outOfBounds()) >= end
      )
        onDate[user] = nStates + 1;
      else open[user] = 1;
    }
    for (let k = 0; k < nStates; k++) {
      const seg = (query.states[k] ?? outOfBounds()).segment;
      // the cut copies events, the dominant cost: skip it when the segment reads nothing after the
      // date, and copy only the undecided users' events when the segment is a per-user test
      let dctx: EngineContext;
      if (!needsCut(seg, date)) dctx = asOf;
      // (its own small arrays: `full`, if made, keeps the shared scratch)
      else if (perUser(seg)) dctx = contextAsOf(ctx, date, null, open);
      else {
        scratch ??= cutScratch(tl);
        dctx = full ??= contextAsOf(ctx, date, scratch);
      }
      const inSegment = await evalSegment(dctx, seg, open);
      for (let user = ctx.u0; user < ctx.u1; user++) {
        if (open[user] === 1 && inSegment[user] === 1) {
          onDate[user] = k;
          open[user] = 0;
        }
      }
    }
    for (let user = ctx.u0; user < ctx.u1; user++) if (open[user] === 1) onDate[user] = nStates;
    state.push(onDate);
  }
  return state;
}
