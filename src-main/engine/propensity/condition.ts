import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { EngineContext } from "../context.ts";
import { compare } from "../segment.ts";
import { outOfBounds } from "../typed-index.ts";
import { rankDescending } from "./metrics.ts";
import { propensityScores } from "./run-propensity.ts";

// The segment conditions {"propensity": q, "score": Compare} and {"propensity": q, "topPercent": n}.
// The model is trained on every user whatever slice the context covers (cached per timeline, so a
// second worker or a second condition pays nothing more than the lookup).

export async function propensityMembers(
  ctx: EngineContext,
  seg: Extract<Segment, { propensity: unknown }>,
): Promise<Uint8Array> {
  const scores = await propensityScores({ ...ctx, u0: 0, u1: ctx.tl.nUsers }, seg.propensity);
  const out = new Uint8Array(scores.length);
  if ("score" in seg) {
    for (let u = 0; u < scores.length; u++) {
      const s = scores[u] ?? outOfBounds();
      if (!Number.isNaN(s) && compare(seg.score, s)) out[u] = 1;
    }
    return out;
  }
  // top N percent of the scored users, rounded up; ties broken by user index (deterministic)
  const scored: number[] = [];
  for (let u = 0; u < scores.length; u++) if (!Number.isNaN(scores[u] ?? outOfBounds())) scored.push(u);
  const order = rankDescending(scored.map((u) => scores[u] ?? outOfBounds()));
  const take = Math.ceil((scored.length * seg.topPercent) / 100 - 1e-9);
  for (let r = 0; r < take; r++) out[scored[order[r] ?? outOfBounds()] ?? outOfBounds()] = 1;
  return out;
}
