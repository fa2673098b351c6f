import type { Segment } from "../../src-preload/contract/segment.ts";
import type { EngineContext } from "./context.ts";

// RFM groups are computed by the RFM kind (issue 5); a segment condition asks it for the members.
// Loaded on first use, like the metric kinds (see kinds.ts).
export async function runRfmCondition(
  ctx: EngineContext,
  seg: Extract<Segment, { rfm: unknown }>,
): Promise<Uint8Array> {
  return (await import("./metrics/engine.ts")).rfmConditionMembers(ctx, seg);
}
