import type { PathsCondition } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { evalSegment } from "../segment.ts";
import { outOfBounds } from "../typed-index.ts";
import { type StepLabels, stepLabels } from "./run-paths.ts";
import { walkPaths } from "./walk.ts";

// The segment behind a click on a paths chart: the users counted in node (step, event), or with `to`
// in the link from it to `to` at step + 1. Labels are those of the answer ($other included), so the
// segment's size is the number on the node or link.

export async function pathsMembers(ctx: EngineContext, condition: PathsCondition): Promise<Uint8Array> {
  const query = condition.paths;
  const pctx = withQuery(ctx, query);
  const members = query.segment ? await evalSegment(pctx, query.segment) : null;
  const paths = walkPaths(pctx, query, members);
  const labels = stepLabels(pctx.tl.eventNames, paths, query.limit ?? 10);
  const out = new Uint8Array(ctx.tl.nUsers);
  const at = (k: number) => labels[k] as StepLabels | undefined;
  const here = at(condition.step);
  const next = at(condition.step + 1);
  if (!here || (condition.to !== undefined && !next)) return out;
  const fromSlot = here.names.indexOf(condition.event);
  const toSlot = condition.to === undefined ? -1 : (next as StepLabels).names.indexOf(condition.to);
  if (fromSlot < 0 || (condition.to !== undefined && toSlot < 0)) return out;
  const { depth, codes, len } = paths;
  for (let user = 0; user < len.length; user++) {
    const pathLength = len[user] ?? outOfBounds();
    if (
      pathLength <= condition.step ||
      here.slot[codes[user * depth + condition.step] ?? outOfBounds()] !== fromSlot
    )
      continue;
    if (
      condition.to !== undefined &&
      (pathLength <= condition.step + 1 ||
        (next as StepLabels).slot[codes[user * depth + condition.step + 1] ?? outOfBounds()] !== toSlot)
    )
      continue;
    out[user] = 1;
  }
  return out;
}
