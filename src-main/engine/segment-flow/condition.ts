import { StrataError } from "../../../src-preload/contract/errors.ts";
import type { FlowCondition } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { outOfBounds } from "../typed-index.ts";
import { flowStates, NONE, NOT_YET } from "./run-segment-flow.ts";

// The segment behind a click on a segment flow: users in `state` at date `at`, and with `next` in
// that state at the following date (one band of the Sankey, one cell of a matrix).

/**
 * Where a click points among the flow's dates `at`: the date's index `i`, the state's index `x` and
 * the next date's state's `y` (-1 without `next`), in the flow's labels; the engines' one check of it.
 */
export function flowCell(c: FlowCondition, at: readonly string[]): { i: number; x: number; y: number } {
  const q = c.segmentFlow;
  const labels = [...q.states.map((s) => s.label), NONE, NOT_YET];
  const i = at.indexOf(c.at);
  if (i < 0)
    throw new StrataError(
      "invalid_request",
      `segment.at: ${c.at} is not one of the flow's dates (${at.join(", ")})`,
    );
  if (c.next !== undefined && i + 1 >= at.length)
    throw new StrataError("invalid_request", `segment.next: ${c.at} is the flow's last date`);
  const x = labels.indexOf(c.state);
  if (x < 0)
    throw new StrataError("invalid_request", `segment.state: no state "${c.state}" (${labels.join(", ")})`);
  const y = c.next === undefined ? -1 : labels.indexOf(c.next);
  if (c.next !== undefined && y < 0)
    throw new StrataError("invalid_request", `segment.next: no state "${c.next}" (${labels.join(", ")})`);
  return { i, x, y };
}

export async function flowMembers(ctx: EngineContext, c: FlowCondition): Promise<Uint8Array> {
  const q = c.segmentFlow;
  const { at, state } = await flowStates(withQuery(ctx, q), q);
  const { i, x, y } = flowCell(c, at);
  const a = state[i] ?? outOfBounds();
  const b = state[i + 1];
  const out = new Uint8Array(ctx.tl.nUsers);
  for (let u = 0; u < out.length; u++) if (a[u] === x && (y < 0 || b?.[u] === y)) out[u] = 1;
  return out;
}
