import type { SegmentFlowQuery, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import { startOfDate } from "../../time/zoned.ts";
import { addDays } from "../calendar.ts";
import type { EngineContext } from "../context.ts";
import { evalSegment } from "../segment.ts";
import { outOfBounds } from "../typed-index.ts";
import { contextAsOf } from "./as-of.ts";
import { statesByDate } from "./by-date.ts";
import { flowDates } from "./dates.ts";
import { compileStates, type WalkDate, walkStates } from "./walk.ts";

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
  const last = at[at.length - 1] ?? outOfBounds();
  const members = q.segment ? await evalSegment(contextAsOf(ctx, last), q.segment) : null;
  const dates: WalkDate[] = at.map((d) => ({
    ctx: contextAsOf(ctx, d, null, "none"),
    end: startOfDate(addDays(d, 1), ctx.timezone),
  }));
  const nodes = compileStates(ctx, q.states, dates);
  const state =
    nodes !== null ? walkStates(ctx, nodes, dates, members) : await statesByDate(ctx, q, dates, members);
  return { at, state };
}

export async function runSegmentFlow(
  ctx: EngineContext,
  query: SegmentFlowQuery,
): Promise<SegmentFlowResult> {
  const { at, state } = await flowStates(ctx, query);
  const nStates = query.states.length + 2;
  const counts = state.map((s) => {
    const c = new Array<number>(nStates).fill(0);
    for (let u = 0; u < s.length; u++) {
      const x = s[u] ?? outOfBounds();
      if (x >= 0) c[x] = (c[x] ?? outOfBounds()) + 1;
    }
    return c;
  });
  const transitions = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const fromStates = state[i] ?? outOfBounds();
    const toStates = state[i + 1] ?? outOfBounds();
    const matrix = Array.from({ length: nStates }, () => new Array<number>(nStates).fill(0));
    for (let user = 0; user < fromStates.length; user++) {
      const fromState = fromStates[user] ?? outOfBounds();
      if (fromState < 0) continue;
      const row = matrix[fromState] ?? outOfBounds();
      row[toStates[user] ?? outOfBounds()] = (row[toStates[user] ?? outOfBounds()] ?? outOfBounds()) + 1;
    }
    transitions.push({ from: at[i] ?? outOfBounds(), to: at[i + 1] ?? outOfBounds(), matrix });
  }
  return { states: [...query.states.map((s) => s.label), NONE, NOT_YET], at, counts, transitions };
}
