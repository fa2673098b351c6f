import type { Segment } from "../../src-preload/contract/segment.ts";
import type { EngineContext } from "./context.ts";
import { rfmConditionMembers } from "./metrics/engine.ts";

// RFM groups are computed by the RFM kind (issue 5); a segment condition asks it for the members.
export function runRfmCondition(
  ctx: EngineContext,
  seg: Extract<Segment, { rfm: unknown }>,
): Promise<Uint8Array> {
  return rfmConditionMembers(ctx, seg);
}
