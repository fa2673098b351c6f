import type { PathsCondition } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { evalSegment } from "../segment.ts";
import { outOfBounds } from "../typed-index.ts";
import { type StepLabels, stepLabels } from "./run-paths.ts";
import { walkPaths } from "./walk.ts";

// The segment behind a click on a paths chart: the users counted in node (step, event), or with `to`
// in the link from it to `to` at step + 1. Labels are those of the answer ($other included), so the
// segment's size is the number on the node or link.

export async function pathsMembers(ctx: EngineContext, c: PathsCondition): Promise<Uint8Array> {
  const q = c.paths;
  const pctx = withQuery(ctx, q);
  const members = q.segment ? await evalSegment(pctx, q.segment) : null;
  const paths = walkPaths(pctx, q, members);
  const labels = stepLabels(pctx.tl.eventNames, paths, q.limit ?? 10);
  const out = new Uint8Array(ctx.tl.nUsers);
  const at = (k: number) => labels[k] as StepLabels | undefined;
  const here = at(c.step);
  const next = at(c.step + 1);
  if (!here || (c.to !== undefined && !next)) return out;
  const s = here.names.indexOf(c.event);
  const t = c.to === undefined ? -1 : (next as StepLabels).names.indexOf(c.to);
  if (s < 0 || (c.to !== undefined && t < 0)) return out;
  const { depth, codes, len } = paths;
  for (let u = 0; u < len.length; u++) {
    const n = len[u] ?? outOfBounds();
    if (n <= c.step || here.slot[codes[u * depth + c.step] ?? outOfBounds()] !== s) continue;
    if (
      c.to !== undefined &&
      (n <= c.step + 1 || (next as StepLabels).slot[codes[u * depth + c.step + 1] ?? outOfBounds()] !== t)
    )
      continue;
    out[u] = 1;
  }
  return out;
}
