import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { EngineContext } from "./context.ts";

// RFM groups are computed by the RFM kind (issue 5, src-main/engine/rfm*); until it is wired in, an
// rfm condition is refused with a clear message rather than answered wrongly.
export async function runRfmCondition(
  _ctx: EngineContext,
  _seg: Extract<Segment, { rfm: unknown }>,
): Promise<Uint8Array> {
  throw new StrataError("invalid_request", "segment.rfm: RFM conditions are not supported yet");
}
