import type { PathsCondition } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { evalSegment } from "../segment.ts";
import { outOfBounds } from "../typed-index.ts";
import { type StepLabels, stepLabels } from "./run-paths.ts";
import { walkPaths } from "./walk.ts";

// The segment behind a click on a paths chart: the users counted in node (step, event), or with `to`
// in the link from it to `to` at step + 1. Labels are those of the answer ($other included), so the
// segment's size is the number on the node or link.

export async function pathsMembers(ctx: EngineContext, pathsCondition: PathsCondition): Promise<Uint8Array> {
  const query = pathsCondition.paths;
  const pctx = withQuery(ctx, query);
  const members = query.segment ? await evalSegment(pctx, query.segment) : null;
  const paths = walkPaths(pctx, query, members);
  const labels = stepLabels(pctx.tl.eventNames, paths, query.limit ?? 10);
  const out = new Uint8Array(ctx.tl.nUsers);
  const at = (k: number) => labels[k] as StepLabels | undefined;
  const here = at(pathsCondition.step);
  const next = at(pathsCondition.step + 1);
  if (!here || (pathsCondition.to !== undefined && !next)) return out;
  const s = here.names.indexOf(pathsCondition.event);
  const time = pathsCondition.to === undefined ? -1 : (next as StepLabels).names.indexOf(pathsCondition.to);
  if (s < 0 || (pathsCondition.to !== undefined && time < 0)) return out;
  const { depth, codes, len } = paths;
  for (let user = 0; user < len.length; user++) {
    const count = len[user] ?? outOfBounds();
    if (
      count <= pathsCondition.step ||
      here.slot[codes[user * depth + pathsCondition.step] ?? outOfBounds()] !== s
    )
      continue;
    if (
      pathsCondition.to !== undefined &&
      (count <= pathsCondition.step + 1 ||
        (next as StepLabels).slot[codes[user * depth + pathsCondition.step + 1] ?? outOfBounds()] !== time)
    )
      continue;
    out[user] = 1;
  }
  return out;
}
