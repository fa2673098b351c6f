import { StrataError } from "../../../src-preload/contract/errors.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { ChContext } from "./context.ts";
import { refuse } from "./refuse.ts";

/**
 * Saved segments one outermost mention may write into the SQL. Each mention is written out whole, so saved
 * segments that each name the next several times grow the SQL exponentially (3^20 mentions for a
 * chain of 20 naming the next three times); the local engine evaluates each once and answers.
 */
const MAX_INLINED = 256;

/**
 * Saved segment `id`'s definition through `compile` (to SQL, or rewritten as of a date), with the
 * local engine's errors for a missing one and for saved segments that refer to each other in a cycle.
 */
export function inSaved<T>(ctx: ChContext, id: string, compile: (def: Segment) => T): T {
  // counted from each outermost mention: the growth is within one saved segment's nest, and a
  // flow or a compare names many saved segments side by side, each compiled on its own
  if (ctx.segmentStack.length === 0) ctx.inlined.count = 0;
  if (++ctx.inlined.count > MAX_INLINED)
    refuse(
      "segment.inSegment",
      `saved segments are named more than ${MAX_INLINED} times inside one saved segment, each written into the SQL`,
    );
  if (ctx.segmentStack.includes(id))
    throw new StrataError(
      "invalid_request",
      `segment.inSegment: saved segments refer to each other in a cycle (${[...ctx.segmentStack, id].join(" -> ")})`,
    );
  const def = ctx.savedSegment(id);
  if (!def) throw new StrataError("invalid_request", `segment.inSegment: no saved segment with id "${id}"`);
  ctx.segmentStack.push(id);
  try {
    return compile(def);
  } finally {
    ctx.segmentStack.pop();
  }
}
