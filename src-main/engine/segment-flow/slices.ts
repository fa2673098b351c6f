import type { SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import type { SlicedKindDef } from "../sliced-kinds.ts";
import { runSegmentFlow } from "./run-segment-flow.ts";

// A segment flow over slices of users (one per query worker): a user's state at each date is decided
// for that user alone (conditions that rank users, such as RFM or propensity, still rank over every
// user, as in sliced segment counts), so a slice's counts and matrices are its users' share and the
// whole flow is their sum.

function addMatrix(into: number[][], more: readonly (readonly number[])[]): void {
  into.forEach((row, i) => {
    const m = more[i];
    if (m) for (let j = 0; j < row.length; j++) row[j] = (row[j] ?? 0) + (m[j] ?? 0);
  });
}

export const flowSlices: SlicedKindDef<"segmentFlow"> = {
  slice: (ctx, q) => runSegmentFlow(ctx, q),
  merge(_q, parts): SegmentFlowResult {
    const [first, ...rest] = parts;
    if (!first) throw new Error("segment flow: no slice answered");
    for (const p of rest) {
      addMatrix(first.counts, p.counts);
      first.transitions.forEach((t, i) => {
        const o = p.transitions[i];
        if (o) addMatrix(t.matrix, o.matrix);
      });
    }
    return first;
  },
};
